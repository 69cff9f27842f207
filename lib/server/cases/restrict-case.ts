import "server-only";
import { ZRestrictCaseSchema } from "@/lib/schemas/case-team.ts";
import { auditActorOf, recordAudit } from "../audit.ts";
import { getDb } from "../db.ts";
import { AppError } from "../errors.ts";
import { assertCan, type Actor, type SystemActor } from "../permissions.ts";
import { parseInput } from "../zod-errors.ts";
import { caseConflict, loadCaseForWork, userIdOf, writeCaseVersion } from "./case-guard.ts";
import { activeTeam, startTeamMembership, teamCandidate, type TeamUser } from "./case-team-guard.ts";

/**
 * Restricts a case to a case team (need to know), or lifts the restriction: a versioned case
 * edit, by someone with full access who may edit cases. The initial team always holds the
 * person restricting it, plus the accounts they name; the case's assignee must be on it.
 * Lifting it ends every membership (the rows and the audit trail keep who was on it), so a
 * later restriction starts from a team chosen afresh.
 */
export async function restrictCase({ actor, input }: { actor: Actor | SystemActor; input: unknown }) {
  assertCan(actor, "case.update");
  const data = parseInput(ZRestrictCaseSchema, input);
  const me = userIdOf(actor);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const c = await loadCaseForWork(tx, actor, data.caseId);
    if (c.version !== data.version) throw caseConflict();
    if (c.restricted === data.restricted)
      return { id: c.id, number: c.number, version: c.version, restricted: c.restricted, changed: false };

    if (data.restricted) {
      const ids = [...new Set([...(me ? [me] : []), ...data.team])];
      if (ids.length === 0)
        throw new AppError("invalid", "Name at least one member of the case team", { team: "Name at least one member" });
      const team: TeamUser[] = [];
      for (const id of ids) team.push(await teamCandidate(tx, c.subjectId, id, "team"));
      const { assignee } = await tx.case.findUniqueOrThrow({
        where: { id: c.id },
        select: { assignee: { select: { id: true, name: true } } },
      });
      if (assignee && !ids.includes(assignee.id)) {
        const message = `${assignee.name} is assigned this case: put them on its team, or assign the case to someone on it first`;
        throw new AppError("rule", message, { team: message });
      }
      const version = await writeCaseVersion(tx, c.id, data.version, { restricted: true });
      for (const user of team) await startTeamMembership(tx, c.id, user.id, { addedById: me });
      await recordAudit(tx, {
        actor: auditActorOf(actor),
        action: "case.restricted",
        entityType: "case",
        entityId: c.id,
        before: { restricted: false },
        after: { restricted: true, team },
      });
      return { id: c.id, number: c.number, version, restricted: true, changed: true };
    }

    const team = await activeTeam(tx, c.id);
    const version = await writeCaseVersion(tx, c.id, data.version, { restricted: false });
    await tx.caseTeamMember.updateMany({ where: { caseId: c.id, removedAt: null }, data: { removedAt: new Date() } });
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "case.unrestricted",
      entityType: "case",
      entityId: c.id,
      before: { restricted: true, team },
      after: { restricted: false },
    });
    return { id: c.id, number: c.number, version, restricted: false, changed: true };
  });
}
