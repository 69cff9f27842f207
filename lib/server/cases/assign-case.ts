import "server-only";
import { ZAssignCaseSchema } from "@/lib/schemas/case.ts";
import { auditActorOf, recordAudit } from "../audit.ts";
import { getDb } from "../db.ts";
import { AppError } from "../errors.ts";
import { assertCan, type Actor, type SystemActor } from "../permissions.ts";
import { parseInput } from "../zod-errors.ts";
import { caseConflict, loadCaseForWork, writeCaseVersion } from "./case-guard.ts";

/**
 * Assigns a case to an active admin or moderator, or unassigns it (null). The subject and
 * the involved people cannot be assigned their own case. (The reporter is not checked:
 * refusing them would tell the assigning moderator who reported it, unaudited.)
 */
export async function assignCase({ actor, input }: { actor: Actor | SystemActor; input: unknown }) {
  assertCan(actor, "case.update");
  const data = parseInput(ZAssignCaseSchema, input);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const c = await loadCaseForWork(tx, actor, data.caseId);
    if (c.version !== data.version) throw caseConflict();
    const current = await tx.case.findUniqueOrThrow({ where: { id: c.id }, select: { assignee: { select: { id: true, name: true } } } });
    let assignee: { id: string; name: string } | null = null;
    if (data.assigneeId) {
      const user = await tx.user.findUnique({
        where: { id: data.assigneeId },
        select: { id: true, name: true, role: true, active: true, memberId: true },
      });
      if (!user || !user.active || user.role === "viewer") {
        throw new AppError("invalid", "Choose an active moderator or admin", { assigneeId: "Choose an active moderator or admin" });
      }
      if (user.memberId && (user.memberId === c.subjectId || c.involved.some((i) => i.memberId === user.memberId))) {
        throw new AppError("rule", `${user.name} is a party to this case and cannot be assigned it`, {
          assigneeId: `${user.name} is a party to this case and cannot be assigned it`,
        });
      }
      // A restricted case is seen by its team only: its assignee must be on it.
      if (c.restricted && !c.team.some((t) => t.userId === user.id)) {
        throw new AppError("rule", `${user.name} is not on this case's team: add them to it first`, {
          assigneeId: `${user.name} is not on this case's team: add them to it first`,
        });
      }
      assignee = { id: user.id, name: user.name };
    }
    if ((current.assignee?.id ?? null) === (assignee?.id ?? null)) return { id: c.id, number: c.number, assignee, version: c.version };
    const version = await writeCaseVersion(tx, c.id, data.version, { assigneeId: assignee?.id ?? null });
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "case.assigned",
      entityType: "case",
      entityId: c.id,
      before: { assignee: current.assignee },
      after: { assignee },
    });
    return { id: c.id, number: c.number, assignee, version };
  });
}
