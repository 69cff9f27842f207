"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { markNoticeSent } from "@/lib/server/exports/mark-notice-sent.ts";
import { formAction } from "@/lib/server/form-action.ts";
import { formInput, text } from "@/lib/schemas/form-data.ts";

export const markNoticeSentAction = formAction()
  .inputSchema(formInput(z.object({ decisionId: text })))
  .stateAction(async ({ parsedInput, ctx: { actor } }) => {
    const sent = await markNoticeSent({ actor, input: parsedInput });
    revalidatePath(`/cases/${sent.caseNumber}`);
    return "Marked as sent";
  });
