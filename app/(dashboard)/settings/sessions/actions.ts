"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/server/form-action.ts";
import { endOtherSessions } from "@/lib/server/sessions/end-other-sessions.ts";
import { endSession } from "@/lib/server/sessions/end-session.ts";
import { formInput, text } from "@/lib/schemas/form-data.ts";

export const signOutSession = formAction("session.manage_own")
  .inputSchema(formInput(z.object({ sessionId: text })))
  .stateAction(async ({ parsedInput, ctx: { actor } }) => {
    const session = await endSession({ actor, input: parsedInput });
    revalidatePath("/settings/sessions");
    return session.ended ? `${session.browser} was signed out` : `${session.browser} had already signed out`;
  });

export const signOutOtherSessions = formAction("session.manage_own")
  .inputSchema(formInput())
  .stateAction(async ({ ctx: { actor } }) => {
    const { count } = await endOtherSessions({ actor });
    revalidatePath("/settings/sessions");
    return count === 0 ? "You had no other sessions" : `${count} other ${count === 1 ? "session was" : "sessions were"} signed out`;
  });
