"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { clientAddress } from "@/lib/server/client-address.ts";
import { formAction } from "@/lib/server/form-action.ts";
import {
  confirmTwoFactorEnrolment,
  disableTwoFactor,
  regenerateRecoveryCodes,
  startTwoFactorEnrolment,
} from "@/lib/server/two-factor/manage-two-factor.ts";
import { formInput, text } from "@/lib/schemas/form-data.ts";
import type { RecoveryCodes } from "@/lib/schemas/two-factor.ts";

const PATH = "/settings/two-factor";
// Open to a team member who must still enrol: this page is the one thing they may do.
const self = () => formAction(undefined, { allowEnrolment: true });
const context = async () => ({ address: clientAddress(await headers()) });

export const startEnrolment = self()
  .inputSchema(formInput())
  .stateAction(async ({ ctx: { actor } }) => {
    await startTwoFactorEnrolment({ actor });
    revalidatePath(PATH);
    return "Scan the QR code with your authenticator app, then enter the code it shows";
  });

export const confirmEnrolment = self()
  .inputSchema(formInput(z.object({ code: text })))
  .stateAction(async ({ parsedInput, ctx: { actor } }) => {
    const { recoveryCodes } = await confirmTwoFactorEnrolment({ actor, input: parsedInput, context: await context() });
    return { message: "Two-factor sign-in is on", data: { recoveryCodes } satisfies RecoveryCodes };
  });

/** With a password the account proves itself by it; without one (GitHub sign-in only), by a code from the app. */
const ZTurnOffForm = z
  .object({ password: z.unknown().optional(), code: text })
  .transform((f) => (f.password !== undefined ? { password: f.password } : { code: f.code }));

export const turnOff = self()
  .inputSchema(formInput(ZTurnOffForm))
  .stateAction(async ({ parsedInput, ctx: { actor } }) => {
    await disableTwoFactor({ actor, input: parsedInput, context: await context() });
    revalidatePath(PATH);
    return "Two-factor sign-in is off";
  });

export const regenerateCodes = self()
  .inputSchema(formInput(z.object({ proof: text })))
  .stateAction(async ({ parsedInput, ctx: { actor } }) => {
    const { recoveryCodes } = await regenerateRecoveryCodes({ actor, input: parsedInput, context: await context() });
    return { message: "New recovery codes: the old ones no longer work", data: { recoveryCodes } satisfies RecoveryCodes };
  });
