"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/server/form-action.ts";
import { endUserSessions } from "@/lib/server/sessions/end-user-sessions.ts";
import { formInput, text } from "@/lib/schemas/form-data.ts";

export const signOutEverywhere = formAction("user.manage")
  .inputSchema(formInput(z.object({ userId: text })))
  .stateAction(async ({ parsedInput, ctx: { actor } }) => {
    const { name, count } = await endUserSessions({ actor, input: parsedInput });
    revalidatePath("/team");
    return count === 0
      ? `${name} was not signed in anywhere`
      : `${name} was signed out of ${count} ${count === 1 ? "session" : "sessions"}`;
  });
