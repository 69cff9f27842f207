"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import type { RecoveryCodesResult } from "@/lib/schemas/two-factor.ts";
import { runAction, type ActionResult, isForm, NOT_A_FORM } from "@/lib/server/action-result.ts";
import { requireActor } from "@/lib/server/auth.ts";
import { clientAddress } from "@/lib/server/client-address.ts";
import {
  confirmTwoFactorEnrolment,
  disableTwoFactor,
  regenerateRecoveryCodes,
  startTwoFactorEnrolment,
} from "@/lib/server/two-factor/manage-two-factor.ts";

const PATH = "/settings/two-factor";
// Open to a team member who must still enrol: this page is the one thing they may do.
const self = () => requireActor(undefined, { allowEnrolment: true });
const context = async () => ({ address: clientAddress(await headers()) });

export async function startEnrolment(_prev: ActionResult | null): Promise<ActionResult> {
  return runAction(async () => {
    await startTwoFactorEnrolment({ actor: await self() });
    revalidatePath(PATH);
    return "Scan the QR code with your authenticator app, then enter the code it shows";
  });
}

export async function confirmEnrolment(_prev: RecoveryCodesResult | null, form: FormData): Promise<RecoveryCodesResult> {
  if (!isForm(form)) return NOT_A_FORM;
  let recoveryCodes: string[] | undefined;
  const result = await runAction(async () => {
    ({ recoveryCodes } = await confirmTwoFactorEnrolment({
      actor: await self(),
      input: { code: form.get("code") },
      context: await context(),
    }));
    return "Two-factor sign-in is on";
  });
  return { ...result, recoveryCodes };
}

export async function turnOff(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  if (!isForm(form)) return NOT_A_FORM;
  return runAction(async () => {
    const input = form.has("password") ? { password: form.get("password") } : { code: form.get("code") };
    await disableTwoFactor({ actor: await self(), input, context: await context() });
    revalidatePath(PATH);
    return "Two-factor sign-in is off";
  });
}

export async function regenerateCodes(_prev: RecoveryCodesResult | null, form: FormData): Promise<RecoveryCodesResult> {
  if (!isForm(form)) return NOT_A_FORM;
  let recoveryCodes: string[] | undefined;
  const result = await runAction(async () => {
    ({ recoveryCodes } = await regenerateRecoveryCodes({
      actor: await self(),
      input: { proof: form.get("proof") },
      context: await context(),
    }));
    return "New recovery codes: the old ones no longer work";
  });
  return { ...result, recoveryCodes };
}
