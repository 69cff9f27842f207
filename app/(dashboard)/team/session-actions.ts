"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult, isForm, NOT_A_FORM } from "@/lib/server/action-result.ts";
import { requireActor } from "@/lib/server/auth.ts";
import { endUserSessions } from "@/lib/server/sessions/end-user-sessions.ts";

export async function signOutEverywhere(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  if (!isForm(form)) return NOT_A_FORM;
  return runAction(async () => {
    const actor = await requireActor("user.manage");
    const { name, count } = await endUserSessions({ actor, input: { userId: form.get("userId") } });
    revalidatePath("/team");
    return count === 0
      ? `${name} was not signed in anywhere`
      : `${name} was signed out of ${count} ${count === 1 ? "session" : "sessions"}`;
  });
}
