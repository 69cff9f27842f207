import { LEVEL_LABELS, type TLevel, type TStanding } from "@/lib/schemas/vocabulary.ts";

/*
 * The Community Impact Guidelines' ladder, as pure functions (no I/O).
 *
 *   | Reminder      | inappropriate language or unprofessional/unwelcome behaviour |
 *   | Warning       | a violation through a single incident or series of actions; no interaction
 *   |               | with the people involved, including those enforcing the Code of Conduct,
 *   |               | for a specified period; violating these terms leads to a permanent ban |
 *   | Permanent ban | a pattern of violation: sustained inappropriate behaviour, harassment,
 *   |               | aggression or disparagement |
 */

const RANK: Record<TLevel, number> = { reminder: 1, warning: 2, permanent_ban: 3 };

/** One of a member's earlier decisions, as the ladder sees it. */
export type LadderDecision = {
  id: string;
  caseId: string;
  caseNumber: string;
  /** null: the case was decided with no action. */
  level: TLevel | null;
  decidedAt: Date;
  /** A reversed decision (e.g. on appeal) no longer counts. */
  reversed: boolean;
  noContact: { startsAt: Date; endsAt: Date; protectedMemberIds: string[] } | null;
};

export type Breach = { decisionId: string; caseNumber: string; protectedMemberIds: string[]; endsAt: Date };

export type Recommendation = {
  level: TLevel;
  /** Why, in the guidelines' words, for the moderator deciding. */
  reasons: string[];
  /** The guidelines leave no choice: a breach of no-contact terms leads to a permanent ban. */
  mandatory: boolean;
  breach: Breach | null;
};

export type Standing = { status: TStanding; noContactUntil?: Date; since?: Date };

function counted(history: LadderDecision[]): (LadderDecision & { level: TLevel })[] {
  return history.filter((d): d is LadderDecision & { level: TLevel } => !d.reversed && d.level !== null);
}

function highest(history: LadderDecision[]): (LadderDecision & { level: TLevel }) | undefined {
  return counted(history).reduce<(LadderDecision & { level: TLevel }) | undefined>(
    (top, d) => (!top || RANK[d.level] > RANK[top.level] || (RANK[d.level] === RANK[top.level] && d.decidedAt > top.decidedAt) ? d : top),
    undefined,
  );
}

export function compareLevels(a: TLevel, b: TLevel): number {
  return RANK[a] - RANK[b];
}

/** The no-contact terms in force at a moment: Warnings not reversed whose period contains it. */
export function activeNoContactTerms(
  history: LadderDecision[],
  at: Date,
): (LadderDecision & { noContact: NonNullable<LadderDecision["noContact"]> })[] {
  return counted(history).filter(
    (d): d is LadderDecision & { level: TLevel; noContact: NonNullable<LadderDecision["noContact"]> } =>
      d.level === "warning" && d.noContact !== null && d.noContact.startsAt <= at && at < d.noContact.endsAt,
  );
}

/**
 * A new case breaches a Warning when, at the time of the incident, that Warning's
 * no-contact period was in force and protected one of the people involved.
 */
export function findBreach(history: LadderDecision[], involvedMemberIds: string[], occurredAt: Date): Breach | null {
  const involved = new Set(involvedMemberIds);
  for (const term of activeNoContactTerms(history, occurredAt)) {
    const hit = term.noContact.protectedMemberIds.filter((id) => involved.has(id));
    if (hit.length > 0) return { decisionId: term.id, caseNumber: term.caseNumber, protectedMemberIds: hit, endsAt: term.noContact.endsAt };
  }
  return null;
}

/** The level the guidelines call for, from the member's history (rule 1 of DESIGN.md). */
export function recommendLevel(input: { history: LadderDecision[]; breach: Breach | null }): Recommendation {
  const { history, breach } = input;
  if (breach) {
    return {
      level: "permanent_ban",
      mandatory: true,
      breach,
      reasons: [
        `This case breaches the no-contact terms of the Warning in case ${breach.caseNumber}: the guidelines say that violating these terms will lead to a permanent ban.`,
      ],
    };
  }
  const top = highest(history);
  if (!top) {
    return {
      level: "reminder",
      mandatory: false,
      breach: null,
      reasons: ["No earlier enforcement: a first violation calls for a private, written Reminder."],
    };
  }
  switch (top.level) {
    case "reminder":
      return {
        level: "warning",
        mandatory: false,
        breach: null,
        reasons: [
          `The member already received a Reminder (case ${top.caseNumber}): a further violation calls for a Warning with a no-contact period.`,
        ],
      };
    case "warning":
      return {
        level: "permanent_ban",
        mandatory: false,
        breach: null,
        reasons: [
          `The member already received a Warning (case ${top.caseNumber}): a further violation shows a pattern of violation, which calls for a Permanent ban.`,
        ],
      };
    case "permanent_ban":
      return {
        level: "permanent_ban",
        mandatory: false,
        breach: null,
        reasons: [`The member is permanently banned (case ${top.caseNumber}): a ban stays in force and a new case never lowers it.`],
      };
  }
}

/** A member's standing: the highest ladder level reached by a decision that was not reversed. */
export function standingOf(history: LadderDecision[], now: Date): Standing {
  const top = highest(history);
  if (!top) return { status: "good" };
  if (top.level === "permanent_ban") return { status: "banned", since: top.decidedAt };
  if (top.level === "warning") {
    const active = activeNoContactTerms(history, now);
    const until = active.reduce<Date | undefined>((max, d) => (!max || d.noContact.endsAt > max ? d.noContact.endsAt : max), undefined);
    return until ? { status: "warned", noContactUntil: until, since: top.decidedAt } : { status: "warned", since: top.decidedAt };
  }
  return { status: "reminded", since: top.decidedAt };
}

export type DecisionDraft = {
  level: TLevel | null;
  rationale: string;
  justification?: string | null;
  noContact?: { startsAt: Date; endsAt: Date; protectedMemberIds: string[] } | null;
};

/** A broken ladder rule, with the form field it concerns. */
export type RuleViolation = { field: "level" | "rationale" | "justification" | "noContact"; message: string };

export const MIN_RATIONALE_LENGTH = 20;

/** The rules a decision must satisfy before it is recorded (rules 2 and 3 of DESIGN.md). */
export function checkDecision(draft: DecisionDraft, recommendation: Recommendation): RuleViolation[] {
  const problems: RuleViolation[] = [];
  if (draft.rationale.trim().length < MIN_RATIONALE_LENGTH) {
    problems.push({
      field: "rationale",
      message: `Explain the nature of the violation and why it was inappropriate (at least ${MIN_RATIONALE_LENGTH} characters): the guidelines require it`,
    });
  }
  if (draft.level !== recommendation.level) {
    if (recommendation.mandatory) {
      problems.push({
        field: "level",
        message:
          "A breach of no-contact terms leads to a Permanent ban: the guidelines leave no other level. Dismiss the case if it is not a breach",
      });
    } else if (!draft.justification || draft.justification.trim().length === 0) {
      problems.push({
        field: "justification",
        message: `The recommended level is ${LEVEL_LABELS[recommendation.level]}: choosing another needs a written justification`,
      });
    }
  }
  if (draft.level === "warning") {
    const nc = draft.noContact;
    if (!nc) problems.push({ field: "noContact", message: "A Warning needs a no-contact period: its length and the people it protects" });
    else if (!(nc.endsAt > nc.startsAt)) problems.push({ field: "noContact", message: "The no-contact period must end after it starts" });
    else if (nc.protectedMemberIds.length === 0)
      problems.push({ field: "noContact", message: "Name at least one person the no-contact period protects" });
  } else if (draft.noContact) {
    problems.push({ field: "noContact", message: "Only a Warning carries a no-contact period" });
  }
  return problems;
}
