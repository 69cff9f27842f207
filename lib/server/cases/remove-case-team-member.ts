import "server-only";
import { ZCaseTeamMemberSchema } from "@/lib/schemas/case-team.ts";
import { auditActorOf, recordAudit } from "../audit.ts";
import { getDb } from "../db.ts";
import { AppError } from "../errors.ts";
import { assertCan, type Actor, type SystemActor } from "../permissions.ts";
import { parseInput } from "../zod-errors.ts";
import { loadCaseForWork } from "./case-guard.ts";
import { notRestricted } from "./case-team-guard.ts";

/**
 * Takes an account off a restricted case's team (anyone on it may also take themselves off).
 * The row stays, with removedAt. The last member cannot go while the case is restricted, nor
 * the case's assignee.
 */
export async function removeCaseTeamMember({ actor, input }: { actor: Actor | SystemActor; input: unknown }) {
  assertCan(actor, "case.update");
  const data = parseInput(ZCaseTeamMemberSchema, input);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const c = await loadCaseForWork(tx, actor, data.caseId);
    if (!c.restricted) throw notRestricted();
    if (!c.team.some((t) => t.userId === data.userId)) {
      throw new AppError("rule", "This person is not on this case's team", { userId: "This person is not on this case's team" });
    }
    if (c.team.length <= 1) {
      throw new AppError("rule", "The last member of the case team cannot be removed: add someone else first, or lift the restriction");
    }
    const row = await tx.case.findUniqueOrThrow({ where: { id: c.id }, select: { assigneeId: true } });
    const user = await tx.user.findUniqueOrThrow({ where: { id: data.userId }, select: { id: true, name: true } });
    if (row.assigneeId === user.id) {
      throw new AppError("rule", `${user.name} is assigned this case: assign it to someone else on the team first`);
    }
    await tx.caseTeamMember.update({
      where: { caseId_userId: { caseId: c.id, userId: user.id } },
      data: { removedAt: new Date() },
    });
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "case.team_member_removed",
      entityType: "case",
      entityId: c.id,
      before: { user },
    });
    return { caseId: c.id, number: c.number, user };
  });
}
