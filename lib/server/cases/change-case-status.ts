import "server-only";
import { canMoveCase, isReopening, statusChangeNeedsReason } from "@/lib/policy/case-status.ts";
import { ZChangeCaseStatusSchema } from "@/lib/schemas/case.ts";
import { CASE_STATUS_LABELS } from "@/lib/schemas/vocabulary.ts";
import { auditActorOf, recordAudit } from "../audit.ts";
import { getDb } from "../db.ts";
import { AppError } from "../errors.ts";
import { assertCan, type Actor, type SystemActor } from "../permissions.ts";
import { parseInput } from "../zod-errors.ts";
import { caseConflict, loadCaseForWork, userIdOf, writeCaseVersion } from "./case-guard.ts";

/**
 * Moves a case along its statuses: new → investigating or dismissed, investigating →
 * dismissed, decided → closed, and reopening (closed or dismissed → investigating).
 * Dismissing and reopening need a reason. "decided" comes only from recording a decision.
 *
 * `options.at` is for the demo seed only (prisma/demo-community.ts), which replays a story that
 * happened in the past: the moment of the change, stamped on its row as it is written (status
 * changes are kept as written: no row is moved later). The app never passes it.
 */
export async function changeCaseStatus({ actor, input }: { actor: Actor | SystemActor; input: unknown }, options: { at?: Date } = {}) {
  assertCan(actor, "case.update");
  const data = parseInput(ZChangeCaseStatusSchema, input);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const c = await loadCaseForWork(tx, actor, data.caseId);
    if (c.version !== data.version) throw caseConflict();
    const from = c.status;
    const to = data.status;
    if (!canMoveCase(from, to)) {
      throw new AppError(
        "rule",
        `A case that is ${CASE_STATUS_LABELS[from].toLowerCase()} cannot become ${CASE_STATUS_LABELS[to].toLowerCase()}`,
      );
    }
    if (statusChangeNeedsReason(from, to) && !data.reason) {
      throw new AppError("invalid", "Give a reason", {
        reason: isReopening(from, to) ? "Give the reason for reopening the case" : "Give the reason for dismissing the case",
      });
    }
    const reason = data.reason ?? null;
    const version = await writeCaseVersion(tx, c.id, data.version, { status: to });
    await tx.caseStatusChange.create({
      data: { caseId: c.id, from, to, reason, actorId: userIdOf(actor), ...(options.at ? { createdAt: options.at } : {}) },
    });
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "case.status_changed",
      entityType: "case",
      entityId: c.id,
      before: { status: from },
      after: { status: to, ...(reason ? { reason } : {}) },
    });
    return { id: c.id, number: c.number, status: to, version };
  });
}
