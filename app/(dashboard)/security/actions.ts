"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/server/form-action.ts";
import { liftThrottle } from "@/lib/server/throttle/lift-throttle.ts";
import { setTwoFactorRequirement } from "@/lib/server/two-factor/manage-two-factor.ts";
import { formInput, text } from "@/lib/schemas/form-data.ts";

export const setRequirement = formAction("security.manage")
  .inputSchema(formInput(z.object({ required: text }).transform((f) => ({ required: f.required === "true" }))))
  .stateAction(async ({ parsedInput, ctx: { actor } }) => {
    const { required } = await setTwoFactorRequirement({ actor, input: parsedInput });
    revalidatePath("/security");
    return required
      ? "Two-factor sign-in is now required: members without it are sent to set it up when they next sign in or load a page"
      : "Two-factor sign-in is no longer required";
  });

export const lift = formAction("security.manage")
  .inputSchema(formInput(z.object({ entryId: text })))
  .stateAction(async ({ parsedInput, ctx: { actor } }) => {
    const lifted = await liftThrottle({ actor, input: parsedInput });
    revalidatePath("/security");
    return `Lifted the throttle of ${lifted.scope === "account" ? (lifted.userName ?? "that account") : `address ${lifted.address ?? "unknown"}`}`;
  });
