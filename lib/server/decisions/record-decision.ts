import "server-only";
import { mayRecordDecision } from "@/lib/policy/case-status.ts";
import { RECUSED_MESSAGE } from "@/lib/policy/case-access.ts";
import { checkDecision } from "@/lib/policy/ladder.ts";
import { PROTECTED_ROLES, type TProtectedRole } from "@/lib/policy/protected-people.ts";
import { ZRecordDecisionSchema } from "@/lib/schemas/decision.ts";
import { LEVEL_LABELS } from "@/lib/schemas/vocabulary.ts";
import { formatDateTime } from "@/lib/format/dates.ts";
import { auditActorOf, recordAudit } from "../audit.ts";
import { getDb, type Tx } from "../db.ts";
import { AppError } from "../errors.ts";
import { assertCan, type Actor } from "../permissions.ts";
import { parseInput } from "../zod-errors.ts";
import { reporterMemberIdOf } from "../cases/case-reporter.ts";
import { loadDecisionContext } from "./get-decision-context.ts";
import { DAY } from "@/lib/policy/durations.ts";

/**
 * Records the decision on a case along the ladder: the policy's recommendation is
 * recomputed inside the transaction, the ladder rules are checked, and the decision, its
 * no-contact terms, the case's move to "decided" and the audit events are written at once.
 */
export async function recordDecision(
  { actor, input }: { actor: Actor; input: unknown },
  /**
   * For the demo seed only (prisma/demo-community.ts), which replays a story that happened in
   * the past: the moment the decision is taken (its "now"). The app never passes it.
   */
  options: { decidedAt?: Date } = {},
) {
  assertCan(actor, "decision.create");
  const data = parseInput(ZRecordDecisionSchema, input);
  const level = data.level === "none" ? null : data.level;
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const subject = await tx.case.findUnique({ where: { id: data.caseId }, select: { subjectId: true } });
    if (subject) {
      // Decisions about one member are taken one at a time, so each sees the other's effect on the ladder.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`ladder:${subject.subjectId}`}))`;
    }
    const ctx = await loadDecisionContext(tx, actor, data.caseId);
    if (ctx.access === "recused") throw new AppError("forbidden", RECUSED_MESSAGE);
    // Someone decided first: say what they decided, so the second moderator sees the decision that won.
    const standing = ctx.decisions.find((d) => d.reversal === null);
    if (standing && ctx.version !== data.version) {
      const what = standing.level ? `a ${LEVEL_LABELS[standing.level]}` : "no action";
      throw new AppError(
        "conflict",
        `Not recorded: ${standing.decidedBy ?? "someone"} decided ${what} on this case at ${formatDateTime(standing.decidedAt)}, while you were deciding. Reload to see their decision; an admin can reverse it on appeal`,
      );
    }
    if (ctx.version !== data.version) {
      throw new AppError("conflict", "This case was changed by someone else: review it and decide again");
    }
    if (ctx.standingDecision) throw new AppError("rule", "This case is already decided: an admin can reverse the decision on appeal");
    if (!mayRecordDecision(ctx.status)) throw new AppError("rule", "This case was dismissed: reopen it before deciding");

    const now = options.decidedAt ?? new Date();
    const startsAt = data.noContact?.startsAt ?? now;
    const roles = new Set(level === "warning" ? (data.noContact?.protect ?? []) : []);
    const parties =
      level === "warning" && data.noContact ? await protectedByRole(tx, actor, ctx.caseId, roles, data.noContact.protectedMemberIds) : null;
    const noContact =
      level === "warning" && data.noContact && parties
        ? {
            startsAt,
            endsAt: new Date(startsAt.getTime() + data.noContact.days * DAY),
            protectedMemberIds: [...new Set([...data.noContact.protectedMemberIds, ...parties.memberIds])],
          }
        : null;
    const violations = checkDecision(
      { level, rationale: data.rationale, justification: data.justification, noContact: level === "warning" ? noContact : null },
      ctx.recommendation,
    );
    if (violations.length > 0) {
      throw new AppError(
        "rule",
        violations.map((v) => v.message).join("; "),
        Object.fromEntries(violations.map((v) => [v.field, v.message])),
      );
    }
    if (noContact) {
      if (noContact.endsAt <= now) {
        throw new AppError(
          "rule",
          "This no-contact period has already ended: a Warning's period must still be running when it is recorded",
          {
            noContact: "The period has already ended: choose a later start or a longer period",
          },
        );
      }
      if (noContact.protectedMemberIds.includes(ctx.subject.id)) {
        throw new AppError("rule", "The member under the Warning cannot be among the people it protects", {
          noContact: "Remove the member under the Warning",
        });
      }
      const found = await tx.member.count({ where: { id: { in: noContact.protectedMemberIds }, mergedIntoId: null } });
      if (found !== noContact.protectedMemberIds.length)
        throw new AppError("invalid", "A protected person does not exist", { noContact: "Unknown person" });
    }

    const deviation = level !== ctx.recommendation.level;
    const decision = await tx.decision.create({
      data: {
        caseId: ctx.caseId,
        level,
        recommendedLevel: ctx.recommendation.level,
        rationale: data.rationale,
        deviationJustification: deviation ? (data.justification ?? null) : null,
        mandatory: ctx.recommendation.mandatory,
        publicSummary: data.publicSummary || null,
        decidedById: actor.id,
        ...(options.decidedAt ? { decidedAt: options.decidedAt, createdAt: options.decidedAt } : {}),
        noContactStartsAt: noContact?.startsAt ?? null,
        noContactEndsAt: noContact?.endsAt ?? null,
        // Someone protected only as the reporter has no row: that would link the case to its
        // reporter in clear. The "reporter" role says they are protected, and who they are is read
        // from the case's encrypted reporter (load-ladder-histories.ts).
        protections: noContact
          ? { create: noContact.protectedMemberIds.filter((id) => parties!.namedIds.has(id)).map((memberId) => ({ memberId })) }
          : undefined,
        protectedRoles: noContact && parties ? parties.roles : [],
        protectedAssigneeId: noContact && parties?.roles.includes("assignee") ? parties.assigneeId : null,
      },
      select: { id: true, level: true, decidedAt: true, noContactStartsAt: true, noContactEndsAt: true },
    });
    const moved = await tx.case.updateMany({
      where: { id: ctx.caseId, version: ctx.version },
      data: { status: "decided", version: { increment: 1 } },
    });
    if (moved.count !== 1) throw new AppError("conflict", "This case was changed by someone else: review it and decide again");
    await tx.caseStatusChange.create({
      data: {
        caseId: ctx.caseId,
        from: ctx.status,
        to: "decided",
        actorId: actor.id,
        ...(options.decidedAt ? { createdAt: options.decidedAt } : {}),
      },
    });

    const auditActor = auditActorOf(actor);
    await recordAudit(tx, {
      actor: auditActor,
      action: "decision.recorded",
      entityType: "decision",
      entityId: decision.id,
      after: {
        case: ctx.caseNumber,
        caseId: ctx.caseId,
        level,
        recommended: ctx.recommendation.level,
        recommendationReasons: ctx.recommendation.reasons,
        deviation,
        justification: deviation ? (data.justification ?? null) : null,
        rationale: data.rationale,
        // Never the reporter's member id: the trail says the reporter is protected, not who they are.
        noContact:
          noContact && parties
            ? {
                startsAt: noContact.startsAt,
                endsAt: noContact.endsAt,
                protectedMemberIds: noContact.protectedMemberIds.filter((id) => parties.namedIds.has(id)),
                protectedRoles: parties.roles,
              }
            : null,
      },
    });
    await recordAudit(tx, {
      actor: auditActor,
      action: "case.status_changed",
      entityType: "case",
      entityId: ctx.caseId,
      before: { status: ctx.status },
      after: { status: "decided", decisionId: decision.id },
    });
    return { ...decision, caseNumber: ctx.caseNumber, recommended: ctx.recommendation.level, deviation };
  });
}

/**
 * The member records the roles name, resolved on the server: the reporter (a member, not also
 * involved: otherwise they are named among the involved), the deciding moderator and the
 * assignee (through their accounts' member links). A role nobody holds is refused.
 */
async function protectedByRole(tx: Tx, actor: Actor, caseId: string, roles: Set<TProtectedRole>, explicitIds: string[]) {
  const c = await tx.case.findUniqueOrThrow({
    where: { id: caseId },
    select: {
      id: true,
      reporterEncrypted: true,
      involved: { select: { memberId: true } },
      assignee: { select: { id: true, name: true, memberId: true } },
    },
  });
  const involved = new Set(c.involved.map((i) => i.memberId));
  const reporterId = reporterMemberIdOf(c);
  const confidentialId = reporterId && !involved.has(reporterId) ? reporterId : null;
  const memberIds: string[] = [];
  // Who may be named in lists and the audit trail: everyone protected by id or as an enforcing
  // moderator; not someone protected only as the confidential reporter.
  const namedIds = new Set<string>(explicitIds);
  const refuse = (message: string) => {
    throw new AppError("rule", message, { noContact: message });
  };
  if (roles.has("reporter")) {
    if (!confidentialId) refuse("This case's reporter is not a community member on record: there is nobody to protect as the reporter");
    memberIds.push(confidentialId!);
  }
  if (roles.has("decider")) {
    if (!actor.memberId) refuse(`${actor.name}'s account is not linked to a member record: an admin can link it on the Team page`);
    memberIds.push(actor.memberId!);
    namedIds.add(actor.memberId!);
  }
  if (roles.has("assignee")) {
    if (!c.assignee) refuse("This case has no assignee to protect");
    if (!c.assignee!.memberId)
      refuse(`${c.assignee!.name}'s account is not linked to a member record: an admin can link it on the Team page`);
    memberIds.push(c.assignee!.memberId!);
    namedIds.add(c.assignee!.memberId!);
  }
  return {
    memberIds,
    roles: PROTECTED_ROLES.filter((r) => roles.has(r)),
    assigneeId: c.assignee?.id ?? null,
    confidentialId,
    namedIds,
  };
}
