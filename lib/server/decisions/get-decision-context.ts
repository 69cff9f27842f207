import "server-only";
import { caseAccess, mayWorkCase, type CaseAccess } from "@/lib/policy/case-access.ts";
import { findBreach, recommendLevel, type Recommendation } from "@/lib/policy/ladder.ts";
import type { TCaseStatus, TLevel } from "@/lib/schemas/vocabulary.ts";
import { CASE_PARTIES_SELECT, partiesOf, viewerOf, visibleCasesWhere } from "../cases/visibility.ts";
import { getDb, type PrismaClient, type Tx } from "../db.ts";
import { AppError } from "../errors.ts";
import { loadLadderHistory } from "../members/load-ladder-history.ts";
import { assertCan, type Actor } from "../permissions.ts";
import { loadDecisionReviews, type DecisionReviewState } from "./load-decision-reviews.ts";

const DAY = 24 * 60 * 60 * 1000;

export type ProtectableParty = { memberId: string; label: string; role: "involved" | "reporter" | "moderator"; defaultChecked: boolean };

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
          decidedBy: { select: { name: true } },
          protections: { where: { member: { mergedIntoId: null } }, select: { member: { select: { id: true, displayName: true } } } },
          reversal: { select: { reason: true, reversedAt: true, reversedBy: { select: { name: true } } } },
        },
      },
    },
  });
  if (!c) throw new AppError("not_found", "This case does not exist");
  const involvedIds = c.involved.map((i) => i.member.id);
  const access = caseAccess(viewerOf(actor), partiesOf(c));
  if (access === "hidden" || access === "stub") throw new AppError("not_found", "This case does not exist");

  const history = await loadLadderHistory(db, c.subjectId, { excludeCaseId: c.id });
  // A reporter who is a member and was contacted again is as much a party as those involved.
  const parties = c.reporterMemberId ? [...involvedIds, c.reporterMemberId] : involvedIds;
  const recommendation = recommendLevel({ history, breach: findBreach(history, parties, c.occurredAt) });

  const protectable: ProtectableParty[] = c.involved.map((i) => ({
    memberId: i.member.id,
    label: i.member.displayName,
    role: "involved",
    defaultChecked: true,
  }));
  const seen = new Set(involvedIds);
  if (c.reporterMemberId && !seen.has(c.reporterMemberId) && c.reporterMemberId !== c.subjectId) {
    // The reporter stays confidential: offered for protection without a name.
    protectable.push({ memberId: c.reporterMemberId, label: "The reporter (confidential)", role: "reporter", defaultChecked: true });
    seen.add(c.reporterMemberId);
  }
  if (actor.memberId && !seen.has(actor.memberId) && actor.memberId !== c.subjectId) {
    protectable.push({
      memberId: actor.memberId,
      label: `${actor.name} (you, enforcing the Code of Conduct)`,
      role: "moderator",
      defaultChecked: true,
    });
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
        reporterMemberId: c.reporterMemberId,
        involvedMemberIds: involvedIds,
        breachOfDecisionId: c.breachOfDecisionId,
        changedAfterDecisionAt: c.changedAfterDecisionAt,
      },
    })),
  );
  const maskReporter = (id: string, name: string) =>
    id === c.reporterMemberId && !involvedIds.includes(id) ? "The reporter (confidential)" : name;
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
              protected: d.protections.map((p) => ({ label: maskReporter(p.member.id, p.member.displayName) })),
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
