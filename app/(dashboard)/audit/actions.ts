"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/server/action-result.ts";
import { requireActor } from "@/lib/server/auth.ts";
import { verifyAuditChainNow } from "@/lib/server/audit/verify-now.ts";
import { formatCount } from "@/lib/format/numbers.ts";

export async function verifyChainAction(_prev: ActionResult | null): Promise<ActionResult> {
  return runAction(async () => {
    const actor = await requireActor("audit.view");
    const result = await verifyAuditChainNow({ actor });
    revalidatePath("/audit");
    return result.ok
      ? `Verified: ${formatCount(result.count)} events, intact; ${formatCount(result.checkpoints)} signed checkpoint${result.checkpoints === 1 ? " holds" : "s hold"}`
      : `The chain is broken: ${result.problem}`;
  });
}
