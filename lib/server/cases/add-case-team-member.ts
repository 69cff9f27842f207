import "server-only";
import { ZCaseTeamMemberSchema } from "@/lib/schemas/case-team.ts";
import { auditActorOf, recordAudit } from "../audit.ts";
import { getDb } from "../db.ts";
import { AppError } from "../errors.ts";
import { assertCan, type Actor, type SystemActor } from "../permissions.ts";
import { parseInput } from "../zod-errors.ts";
import { loadCaseForWork, userIdOf } from "./case-guard.ts";
import { notRestricted, startTeamMembership, teamCandidate } from "./case-team-guard.ts";

/**
 * Adds an account to a restricted case's team, by a team member with full access who may edit
 * cases. Any active account may be added (a viewer too), never the one linked to the subject.
 */
export async function addCaseTeamMember({ actor, input }: { actor: Actor | SystemActor; input: unknown }) {
  assertCan(actor, "case.update");
  const data = parseInput(ZCaseTeamMemberSchema, input);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const c = await loadCaseForWork(tx, actor, data.caseId);
    if (!c.restricted) throw notRestricted();
    const user = await teamCandidate(tx, c.subjectId, data.userId);
    if (c.team.some((t) => t.userId === user.id)) {
      throw new AppError("rule", `${user.name} is already on this case's team`, { userId: `${user.name} is already on this case's team` });
    }
    await startTeamMembership(tx, c.id, user.id, { addedById: userIdOf(actor) });
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "case.team_member_added",
      entityType: "case",
      entityId: c.id,
      after: { user },
    });
    return { caseId: c.id, number: c.number, user };
  });
}
