"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult, isForm, NOT_A_FORM } from "@/lib/server/action-result.ts";
import { requireActor } from "@/lib/server/auth.ts";
import { endOtherSessions } from "@/lib/server/sessions/end-other-sessions.ts";
import { endSession } from "@/lib/server/sessions/end-session.ts";

export async function signOutSession(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  if (!isForm(form)) return NOT_A_FORM;
  return runAction(async () => {
    const actor = await requireActor("session.manage_own");
    const session = await endSession({ actor, input: { sessionId: form.get("sessionId") } });
    revalidatePath("/settings/sessions");
    return session.ended ? `${session.browser} was signed out` : `${session.browser} had already signed out`;
  });
}

export async function signOutOtherSessions(_prev: ActionResult | null): Promise<ActionResult> {
  return runAction(async () => {
    const actor = await requireActor("session.manage_own");
    const { count } = await endOtherSessions({ actor });
    revalidatePath("/settings/sessions");
    return count === 0 ? "You had no other sessions" : `${count} other ${count === 1 ? "session was" : "sessions were"} signed out`;
  });
}
