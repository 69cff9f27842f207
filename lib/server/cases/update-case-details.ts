import "server-only";
import { findBreach } from "@/lib/policy/ladder.ts";
import { ZUpdateCaseDetailsSchema } from "@/lib/schemas/case.ts";
import type { TSpace } from "@/lib/schemas/vocabulary.ts";
import { auditActorOf, recordAudit } from "../audit.ts";
import { getDb } from "../db.ts";
import { AppError } from "../errors.ts";
import { loadLadderHistory } from "../members/load-ladder-history.ts";
import { resolveMemberRef } from "../members/resolve-member-ref.ts";
import { assertCan, type Actor, type SystemActor } from "../permissions.ts";
import { parseInput } from "../zod-errors.ts";
import { caseConflict, loadCaseForWork, writeCaseVersion } from "./case-guard.ts";

type Person = { id: string; name: string };

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * Edits a case's details (space, when it happened, standards, description, involved
 * people) if nobody changed it since the actor read `version`. The audit event holds the
 * changed fields only, before and after. A change of the involved people or of the time
 * re-checks the breach of no-contact terms.
 */
export async function updateCaseDetails({ actor, input }: { actor: Actor | SystemActor; input: unknown }) {
  assertCan(actor, "case.update");
  const data = parseInput(ZUpdateCaseDetailsSchema, input);
  const audit = auditActorOf(actor);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const c = await loadCaseForWork(tx, actor, data.caseId);
    if (c.version !== data.version) throw caseConflict();
    const current = await tx.case.findUniqueOrThrow({
      where: { id: c.id },
      select: {
        space: true,
        occurredAt: true,
        standards: true,
        description: true,
        breachOfDecisionId: true,
        reporterMemberId: true,
        breachOfDecision: { select: { case: { select: { number: true } } } },
        involved: { select: { member: { select: { id: true, displayName: true } } } },
      },
    });

    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const change: { space?: TSpace; occurredAt?: Date; standards?: string[]; description?: string; breachOfDecisionId?: string | null } =
      {};
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

    if (after.involved !== undefined || after.occurredAt !== undefined) {
      const history = await loadLadderHistory(tx, c.subjectId, { excludeCaseId: c.id });
      const breach = findBreach(
        history,
        [...afterInvolved.map((p) => p.id), ...(current.reporterMemberId ? [current.reporterMemberId] : [])],
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
    await recordAudit(tx, { actor: audit, action: "case.updated", entityType: "case", entityId: c.id, before, after });
    return { id: c.id, number: c.number, version, changed: true };
  });
}
