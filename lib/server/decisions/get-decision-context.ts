import "server-only";
import { caseAccess, mayWorkCase, type CaseAccess } from "@/lib/policy/case-access.ts";
import { findBreach, recommendLevel, type Recommendation } from "@/lib/policy/ladder.ts";
import { protectedPeople, REPORTER_LABEL, type TProtectedRole } from "@/lib/policy/protected-people.ts";
import type { TCaseStatus, TLevel } from "@/lib/schemas/vocabulary.ts";
import { nameableHistory, nameableRecommendation } from "../cases/restricted-case-refs.ts";
import { CASE_PARTIES_SELECT, partiesOf, viewerOf, visibleCasesWhere } from "../cases/visibility.ts";
import { getDb, type PrismaClient, type Tx } from "../db.ts";
import { AppError } from "../errors.ts";
import { loadLadderHistory } from "../members/load-ladder-history.ts";
import { assertCan, type Actor } from "../permissions.ts";
import { loadDecisionReviews, type DecisionReviewState } from "./load-decision-reviews.ts";
import { DAY } from "@/lib/policy/durations.ts";

/**
 * Someone a Warning's no-contact terms can protect, as the form offers them. `value` is what the
 * form sends back: an involved person's member id (they are named on the case anyway), or a role
 * ("reporter", "decider", "assignee") that the server resolves: the reporter's member id never
 * reaches the page, and an enforcing moderator who happens to be the reporter is offered exactly
 * as one who is not.
 */
export type ProtectableParty = {
  value: string;
  field: "protectedMemberIds" | "protect";
  label: string;
  role: "involved" | TProtectedRole;
  defaultChecked: boolean;
};

export type DecisionContext = {
  caseId: string;
  caseNumber: string;
  version: number;
  status: TCaseStatus;
  access: CaseAccess;
  mayDecide: boolean;
  /** A case is decided once; a reversed decision no longer stands, so it may be decided again. */
  standingDecision: boolean;
  subject: { id: string; displayName: string };
  recommendation: Recommendation;
  /** People a Warning's no-contact terms can protect, with the guidelines' defaults checked. */
  protectable: ProtectableParty[];
  /** Enforcing moderators who cannot be protected because their account has no member record. */
  unlinkedEnforcers: string[];
  /** Today's date (UTC, yyyy-mm-dd): the default start of a no-contact period. */
  today: string;
  decisions: {
    id: string;
    level: TLevel | null;
    recommendedLevel: TLevel | null;
    rationale: string;
    deviationJustification: string | null;
    decidedAt: Date;
    decidedBy: string | null;
    noContact: {
      startsAt: Date;
      endsAt: Date;
      protected: { label: string }[];
      /** null unless in force now */ daysLeft: number | null;
    } | null;
    memberNotifiedAt: Date | null;
    reversal: { reason: string; reversedAt: Date; reversedBy: string | null } | null;
    /** A mandatory Permanent ban whose breach fell away: flagged for review, or kept by a review. */
    review: DecisionReviewState | null;
  }[];
};

/** Loads a case's parties and the policy's recommendation, inside a transaction or not. */
export async function loadDecisionContext(db: Tx | PrismaClient, actor: Actor, caseId: string): Promise<DecisionContext> {
  const c = await db.case.findFirst({
    where: { id: caseId, ...visibleCasesWhere(actor) },
    select: {
      id: true,
      number: true,
      version: true,
      status: true,
      occurredAt: true,
      breachOfDecisionId: true,
      changedAfterDecisionAt: true,
      ...CASE_PARTIES_SELECT,
      reporterKind: true,
      assignee: { select: { id: true, name: true, memberId: true } },
      subject: { select: { id: true, displayName: true } },
      // A merged record's duplicate row stays on the case; its person is the record it was merged into.
      involved: {
        where: { member: { mergedIntoId: null } },
        select: { memberId: true, member: { select: { id: true, displayName: true } } },
      },
      decisions: {
        orderBy: { decidedAt: "asc" },
        select: {
          id: true,
          level: true,
          recommendedLevel: true,
          rationale: true,
          deviationJustification: true,
          decidedAt: true,
          noContactStartsAt: true,
          noContactEndsAt: true,
          memberNotifiedAt: true,
          mandatory: true,
          protectedRoles: true,
          decidedBy: { select: { name: true, memberId: true } },
          protectedAssignee: { select: { name: true, memberId: true } },
          protections: {
            where: { member: { mergedIntoId: null } },
            select: { named: true, member: { select: { id: true, displayName: true } } },
          },
          reversal: { select: { reason: true, reversedAt: true, reversedBy: { select: { name: true } } } },
        },
      },
    },
  });
  if (!c) throw new AppError("not_found", "This case does not exist");
  const involvedIds = c.involved.map((i) => i.member.id);
  const caseParties = partiesOf(c);
  const access = caseAccess(viewerOf(actor), caseParties);
  if (access === "hidden" || access === "stub") throw new AppError("not_found", "This case does not exist");
  const reporterId = caseParties.reporterMemberId;

  // Every earlier decision counts, also in a case restricted from the viewer: that one is only not named.
  const history = await nameableHistory(db, actor, await loadLadderHistory(db, c.subjectId, { excludeCaseId: c.id }));
  // A reporter who is a member and was contacted again is as much a party as those involved.
  const parties = reporterId ? [...involvedIds, reporterId] : involvedIds;
  const recommendation = nameableRecommendation(recommendLevel({ history, breach: findBreach(history, parties, c.occurredAt) }));

  const protectable: ProtectableParty[] = c.involved.map((i) => ({
    value: i.member.id,
    field: "protectedMemberIds",
    label: i.member.displayName,
    role: "involved",
    defaultChecked: true,
  }));
  const unlinkedEnforcers: string[] = [];
  if (c.reporterKind === "member" && reporterId && !involvedIds.includes(reporterId)) {
    // The reporter stays confidential: offered for protection by role, without a name or an id.
    protectable.push({ value: "reporter", field: "protect", label: REPORTER_LABEL, role: "reporter", defaultChecked: true });
  }
  // "Including those enforcing the Code of Conduct": the deciding moderator and the assignee,
  // through their linked member records.
  if (actor.memberId) {
    if (actor.memberId !== c.subjectId && !involvedIds.includes(actor.memberId)) {
      protectable.push({
        value: "decider",
        field: "protect",
        label: `${actor.name} (you, deciding)`,
        role: "decider",
        defaultChecked: true,
      });
    }
  } else unlinkedEnforcers.push(actor.name);
  if (c.assignee && c.assignee.id !== actor.id) {
    if (!c.assignee.memberId) unlinkedEnforcers.push(c.assignee.name);
    else if (c.assignee.memberId !== c.subjectId && !involvedIds.includes(c.assignee.memberId)) {
      protectable.push({
        value: "assignee",
        field: "protect",
        label: `${c.assignee.name} (assigned moderator)`,
        role: "assignee",
        defaultChecked: true,
      });
    }
  }

  const now = Date.now();
  const daysLeft = (startsAt: Date, endsAt: Date, reversed: boolean) =>
    !reversed && startsAt.getTime() <= now && now < endsAt.getTime() ? Math.ceil((endsAt.getTime() - now) / DAY) : null;
  const reviews = await loadDecisionReviews(
    db,
    c.decisions.map((d) => ({
      decisionId: d.id,
      level: d.level,
      mandatory: d.mandatory,
      reversed: d.reversal !== null,
      decidedAt: d.decidedAt,
      case: {
        id: c.id,
        subjectId: c.subjectId,
        occurredAt: c.occurredAt,
        reporterMemberId: reporterId,
        involvedMemberIds: involvedIds,
        breachOfDecisionId: c.breachOfDecisionId,
        changedAfterDecisionAt: c.changedAfterDecisionAt,
      },
    })),
  );
  return {
    caseId: c.id,
    caseNumber: c.number,
    version: c.version,
    status: c.status,
    access,
    mayDecide: mayWorkCase(actor.role, access),
    standingDecision: c.decisions.some((d) => d.reversal === null),
    subject: c.subject,
    recommendation,
    protectable,
    unlinkedEnforcers,
    today: new Date(now).toISOString().slice(0, 10),
    decisions: c.decisions.map((d) => ({
      id: d.id,
      level: d.level,
      recommendedLevel: d.recommendedLevel,
      rationale: d.rationale,
      deviationJustification: d.deviationJustification,
      decidedAt: d.decidedAt,
      decidedBy: d.decidedBy?.name ?? null,
      noContact:
        d.noContactStartsAt && d.noContactEndsAt
          ? {
              startsAt: d.noContactStartsAt,
              endsAt: d.noContactEndsAt,
              protected: protectedPeople({
                protectedMembers: d.protections.map((p) => ({ ...p.member, named: p.named })),
                roles: d.protectedRoles,
                involvedMemberIds: involvedIds,
                decider: d.decidedBy,
                assignee: d.protectedAssignee,
              }).map((p) => ({ label: p.label })),
              daysLeft: daysLeft(d.noContactStartsAt, d.noContactEndsAt, d.reversal !== null),
            }
          : null,
      memberNotifiedAt: d.memberNotifiedAt,
      reversal: d.reversal
        ? { reason: d.reversal.reason, reversedAt: d.reversal.reversedAt, reversedBy: d.reversal.reversedBy?.name ?? null }
        : null,
      review: reviews.get(d.id) ?? null,
    })),
  };
}

export async function getDecisionContext({ actor, caseId }: { actor: Actor; caseId: string }): Promise<DecisionContext> {
  assertCan(actor, "case.view");
  return loadDecisionContext(await getDb(), actor, caseId);
}
