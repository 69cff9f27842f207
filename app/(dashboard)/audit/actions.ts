"use server";

import { revalidatePath } from "next/cache";
import { verifyAuditChainNow } from "@/lib/server/audit/verify-now.ts";
import { formAction } from "@/lib/server/form-action.ts";
import { formatCount } from "@/lib/format/numbers.ts";
import { formInput } from "@/lib/schemas/form-data.ts";

export const verifyChainAction = formAction("audit.view")
  .inputSchema(formInput())
  .stateAction(async ({ ctx: { actor } }) => {
    const result = await verifyAuditChainNow({ actor });
    revalidatePath("/audit");
    return result.ok
      ? `Verified: ${formatCount(result.count)} events, intact; ${formatCount(result.checkpoints)} signed checkpoint${result.checkpoints === 1 ? " holds" : "s hold"}`
      : `The chain is broken: ${result.problem}`;
  });
