"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { isForm, NOT_A_FORM, runAction, type ActionResult } from "@/lib/server/action-result.ts";
import { requireActor } from "@/lib/server/auth.ts";
import { addCaseTeamMember } from "@/lib/server/cases/add-case-team-member.ts";
import { joinRestrictedCase } from "@/lib/server/cases/join-restricted-case.ts";
import { removeCaseTeamMember } from "@/lib/server/cases/remove-case-team-member.ts";
import { restrictCase } from "@/lib/server/cases/restrict-case.ts";

/*
 * Thin actions for the case page's Case team section (restrict, lift, add, remove: one form
 * field "intent" says which) and for the stub page's Join the case team.
 */

const text = (form: FormData, key: string): string => {
  const value = form.get(key);
  return typeof value === "string" ? value : "";
};

function refresh() {
  revalidatePath("/cases/[number]", "page");
  revalidatePath("/cases");
}

export async function changeCaseTeam(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  if (!isForm(form)) return NOT_A_FORM;
  let leftTeam = false;
  let result: ActionResult;
  try {
    result = await runAction(async () => {
      const actor = await requireActor("case.update");
      const caseId = text(form, "caseId");
      switch (text(form, "intent")) {
        case "restrict":
        case "lift": {
          const restricted = text(form, "intent") === "restrict";
          const r = await restrictCase({ actor, input: { caseId, version: text(form, "version"), restricted, team: form.getAll("team") } });
          if (!r.changed) return r.restricted ? "The case is already restricted" : "The case is not restricted";
          return r.restricted ? "Restricted to its case team" : "Restriction lifted: everyone on the team can see this case";
        }
        case "add": {
          const { user } = await addCaseTeamMember({ actor, input: { caseId, userId: text(form, "userId") } });
          return `${user.name} was added to the case team`;
        }
        case "remove": {
          const { user } = await removeCaseTeamMember({ actor, input: { caseId, userId: text(form, "userId") } });
          leftTeam = user.id === actor.id;
          return `${user.name} was removed from the case team`;
        }
        default:
          return;
      }
    }, form);
  } finally {
    refresh();
  }
  // Off the team, the case is gone for them: back to the list.
  if (leftTeam) redirect("/cases");
  return result;
}

export async function joinCaseTeam(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  if (!isForm(form)) return NOT_A_FORM;
  try {
    return await runAction(async () => {
      const actor = await requireActor("case.view");
      await joinRestrictedCase({ actor, input: { number: text(form, "number"), reason: text(form, "reason") } });
      return "You joined the case team";
    }, form);
  } finally {
    refresh();
  }
}
