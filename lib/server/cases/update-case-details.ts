import "server-only";
import { z } from "zod";
import { findBreach } from "@/lib/policy/ladder.ts";
import { ZUpdateCaseDetailsSchema } from "@/lib/schemas/case.ts";
import type { TSpace } from "@/lib/schemas/vocabulary.ts";
import { auditActorOf, recordAudit } from "../audit.ts";
import { getDb } from "../db.ts";
import { lockLadders } from "../decisions/ladder-lock.ts";
import { AppError } from "../errors.ts";
import { loadLadderHistory } from "../members/load-ladder-history.ts";
import { resolveMemberRef } from "../members/resolve-member-ref.ts";
import { assertCan, type Actor, type SystemActor } from "../permissions.ts";
import { parseInput } from "../zod-errors.ts";
import { caseConflict, loadCaseForWork, writeCaseVersion } from "./case-guard.ts";
import { reporterMemberIdOf } from "./case-reporter.ts";

type Person = { id: string; name: string };

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

export const AFTER_DECISION_REASON_MESSAGE = "This case is decided: say why its details change after the decision (at least 10 characters)";

/** The details, and the reason for changing them: required once the case has a standing decision. */
const ZUpdateDetailsInput = ZUpdateCaseDetailsSchema.extend({
  reason: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z
      .string({ error: "Write the reason as text" })
      .trim()
      .min(10, AFTER_DECISION_REASON_MESSAGE)
      .max(2000, "Use at most 2000 characters")
      // The database cannot store NUL, and other control characters are never meant.
      .refine((v) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(v), "Remove the invisible control characters from the reason")
      .optional(),
  ),
});

/**
 * Edits a case's details (space, when it happened, standards, description, involved
 * people) if nobody changed it since the actor read `version`. The audit event holds the
 * changed fields only, before and after. A change of the involved people or of the time
 * re-checks the breach of no-contact terms (under the member's ladder lock, so a reversal at the
 * same moment is seen). What a member was told rests on a decided case's details: once the case
 * has a standing decision, a change needs a reason (kept in the audit event) and sets
 * changedAfterDecisionAt, and the case page says the decision may need review.
 */
export async function updateCaseDetails({ actor, input }: { actor: Actor | SystemActor; input: unknown }) {
  assertCan(actor, "case.update");
  const data = parseInput(ZUpdateDetailsInput, input);
  const audit = auditActorOf(actor);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    // The ladder lock before the row lock, as every ladder writer takes them.
    const owner = await tx.case.findUnique({ where: { id: data.caseId }, select: { subjectId: true } });
    if (owner) await lockLadders(tx, [owner.subjectId]);
    const c = await loadCaseForWork(tx, actor, data.caseId);
    if (c.version !== data.version || c.subjectId !== owner?.subjectId) throw caseConflict();
    const current = await tx.case.findUniqueOrThrow({
      where: { id: c.id },
      select: {
        space: true,
        occurredAt: true,
        standards: true,
        description: true,
        breachOfDecisionId: true,
        breachOfDecision: { select: { case: { select: { number: true } } } },
        // A merged record's duplicate row stays on the case untouched: its person is the record it was merged into.
        involved: { where: { member: { mergedIntoId: null } }, select: { member: { select: { id: true, displayName: true } } } },
        decisions: { where: { reversal: { is: null } }, orderBy: { decidedAt: "desc" }, take: 1, select: { id: true } },
      },
    });

    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const change: {
      space?: TSpace;
      occurredAt?: Date;
      standards?: string[];
      description?: string;
      breachOfDecisionId?: string | null;
      changedAfterDecisionAt?: Date;
    } = {};
    if (data.space !== undefined && data.space !== current.space) {
      before.space = current.space;
      after.space = change.space = data.space;
    }
    if (data.occurredAt !== undefined && data.occurredAt.getTime() !== current.occurredAt.getTime()) {
      before.occurredAt = current.occurredAt.toISOString();
      after.occurredAt = data.occurredAt.toISOString();
      change.occurredAt = data.occurredAt;
    }
    if (data.standards !== undefined && !sameSet(data.standards, current.standards)) {
      before.standards = current.standards;
      after.standards = change.standards = data.standards;
    }
    if (data.description !== undefined && data.description !== current.description) {
      before.description = current.description;
      after.description = change.description = data.description;
    }

    const beforeInvolved: Person[] = current.involved.map((i) => ({ id: i.member.id, name: i.member.displayName }));
    let afterInvolved = beforeInvolved;
    if (data.involved !== undefined) {
      const resolved = new Map<string, string>();
      for (const ref of data.involved) {
        const member = await resolveMemberRef(tx, ref, audit);
        resolved.set(member.id, member.displayName);
      }
      if (resolved.has(c.subjectId)) {
        throw new AppError("invalid", "The subject cannot also be an involved person", {
          involved: `${resolved.get(c.subjectId)} is the subject of this case: remove them from the involved people`,
        });
      }
      const next = [...resolved].map(([id, name]) => ({ id, name }));
      if (
        !sameSet(
          beforeInvolved.map((p) => p.id),
          next.map((p) => p.id),
        )
      ) {
        before.involved = beforeInvolved;
        after.involved = afterInvolved = next;
      }
    }
    if (Object.keys(after).length === 0) return { id: c.id, number: c.number, version: c.version, changed: false };

    const standing = current.decisions[0] ?? null;
    if (standing && !data.reason) {
      throw new AppError("invalid", AFTER_DECISION_REASON_MESSAGE, { reason: AFTER_DECISION_REASON_MESSAGE });
    }
    const changedAt = new Date();
    if (standing) change.changedAfterDecisionAt = changedAt;

    if (after.involved !== undefined || after.occurredAt !== undefined) {
      const history = await loadLadderHistory(tx, c.subjectId, { excludeCaseId: c.id });
      const reporterId = reporterMemberIdOf(c);
      const breach = findBreach(
        history,
        [...afterInvolved.map((p) => p.id), ...(reporterId ? [reporterId] : [])],
        change.occurredAt ?? current.occurredAt,
      );
      if ((breach?.decisionId ?? null) !== current.breachOfDecisionId) {
        change.breachOfDecisionId = breach?.decisionId ?? null;
        before.breachOf = current.breachOfDecision?.case.number ?? null;
        after.breachOf = breach?.caseNumber ?? null;
      }
    }

    const version = await writeCaseVersion(tx, c.id, data.version, change);
    if (after.involved !== undefined) {
      const oldIds = beforeInvolved.map((p) => p.id);
      const newIds = afterInvolved.map((p) => p.id);
      const removed = oldIds.filter((id) => !newIds.includes(id));
      const added = newIds.filter((id) => !oldIds.includes(id));
      if (removed.length) await tx.caseInvolvement.deleteMany({ where: { caseId: c.id, memberId: { in: removed } } });
      if (added.length) await tx.caseInvolvement.createMany({ data: added.map((memberId) => ({ caseId: c.id, memberId })) });
    }
    await recordAudit(tx, {
      actor: audit,
      action: "case.updated",
      entityType: "case",
      entityId: c.id,
      before,
      after,
      metadata: standing
        ? { reason: data.reason, afterDecision: true, decisionId: standing.id, changedAfterDecisionAt: changedAt.toISOString() }
        : data.reason
          ? { reason: data.reason }
          : undefined,
    });
    return { id: c.id, number: c.number, version, changed: true, changedAfterDecision: standing !== null };
  });
}
