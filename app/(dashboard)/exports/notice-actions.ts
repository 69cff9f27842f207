"use server";

import { revalidatePath } from "next/cache";
import { isForm, NOT_A_FORM, runAction, type ActionResult } from "@/lib/server/action-result.ts";
import { requireActor } from "@/lib/server/auth.ts";
import { markNoticeSent } from "@/lib/server/exports/mark-notice-sent.ts";

export async function markNoticeSentAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  if (!isForm(form)) return NOT_A_FORM;
  return runAction(async () => {
    const actor = await requireActor();
    const sent = await markNoticeSent({ actor, input: { decisionId: form.get("decisionId") } });
    revalidatePath(`/cases/${sent.caseNumber}`);
    return "Marked as sent";
  }, form);
}
