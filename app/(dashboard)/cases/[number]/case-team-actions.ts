"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { addCaseTeamMember } from "@/lib/server/cases/add-case-team-member.ts";
import { joinRestrictedCase } from "@/lib/server/cases/join-restricted-case.ts";
import { removeCaseTeamMember } from "@/lib/server/cases/remove-case-team-member.ts";
import { restrictCase } from "@/lib/server/cases/restrict-case.ts";
import { formAction } from "@/lib/server/form-action.ts";
import { formInput, many, text } from "@/lib/schemas/form-data.ts";

/*
 * Thin actions for the case page's Case team section (restrict, lift, add, remove: one form
 * field "intent" says which) and for the stub page's Join the case team.
 */

function refresh() {
  revalidatePath("/cases/[number]", "page");
  revalidatePath("/cases");
}

const ZCaseTeamForm = z.object({
  intent: z.enum(["restrict", "lift", "add", "remove"], { message: "Choose what to change: reload the page and try again" }),
  caseId: text,
  version: text,
  team: many,
  userId: text,
});

export const changeCaseTeam = formAction("case.update", { refresh })
  .inputSchema(formInput(ZCaseTeamForm))
  .stateAction(async ({ parsedInput: { intent, caseId, version, team, userId }, ctx: { actor } }) => {
    switch (intent) {
      case "restrict":
      case "lift": {
        const r = await restrictCase({ actor, input: { caseId, version, restricted: intent === "restrict", team } });
        if (!r.changed) return r.restricted ? "The case is already restricted" : "The case is not restricted";
        return r.restricted ? "Restricted to its case team" : "Restriction lifted: everyone on the team can see this case";
      }
      case "add": {
        const { user } = await addCaseTeamMember({ actor, input: { caseId, userId } });
        return `${user.name} was added to the case team`;
      }
      case "remove": {
        const { user } = await removeCaseTeamMember({ actor, input: { caseId, userId } });
        // Off the team, the case is gone for them: back to the list.
        if (user.id === actor.id) redirect("/cases");
        return `${user.name} was removed from the case team`;
      }
    }
  });

export const joinCaseTeam = formAction("case.view", { refresh })
  .inputSchema(formInput(z.object({ number: text, reason: text })))
  .stateAction(async ({ parsedInput, ctx: { actor } }) => {
    await joinRestrictedCase({ actor, input: parsedInput });
    return "You joined the case team";
  });
