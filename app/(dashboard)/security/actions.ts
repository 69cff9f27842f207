"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult, isForm, NOT_A_FORM } from "@/lib/server/action-result.ts";
import { requireActor } from "@/lib/server/auth.ts";
import { liftThrottle } from "@/lib/server/throttle/lift-throttle.ts";
import { setTwoFactorRequirement } from "@/lib/server/two-factor/manage-two-factor.ts";

export async function setRequirement(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  if (!isForm(form)) return NOT_A_FORM;
  return runAction(async () => {
    const actor = await requireActor("security.manage");
    const { required } = await setTwoFactorRequirement({ actor, input: { required: form.get("required") === "true" } });
    revalidatePath("/security");
    return required
      ? "Two-factor sign-in is now required: members without it are sent to set it up when they next sign in or load a page"
      : "Two-factor sign-in is no longer required";
  });
}

export async function lift(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  if (!isForm(form)) return NOT_A_FORM;
  return runAction(async () => {
    const actor = await requireActor("security.manage");
    const lifted = await liftThrottle({ actor, input: { entryId: form.get("entryId") } });
    revalidatePath("/security");
    return `Lifted the throttle of ${lifted.scope === "account" ? (lifted.userName ?? "that account") : `address ${lifted.address ?? "unknown"}`}`;
  });
}
