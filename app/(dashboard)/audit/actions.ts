"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/server/action-result.ts";
import { requireActor } from "@/lib/server/auth.ts";
import { verifyAuditChainNow } from "@/lib/server/audit/verify-now.ts";

export async function verifyChainAction(_prev: ActionResult | null): Promise<ActionResult> {
  return runAction(async () => {
    const actor = await requireActor("audit.view");
    const result = await verifyAuditChainNow({ actor });
    revalidatePath("/audit");
    return result.ok ? `Verified: ${result.count} events, intact` : `The chain is broken: ${result.problem}`;
  });
}
