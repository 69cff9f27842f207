import { describe, expect, it } from "vitest";
import {
  activeNoContactTerms,
  checkDecision,
  compareLevels,
  findBreach,
  MIN_RATIONALE_LENGTH,
  recommendLevel,
  standingOf,
  type Breach,
  type DecisionDraft,
  type LadderDecision,
  type Recommendation,
  type RuleViolation,
} from "@/lib/policy/ladder.ts";
import { LEVELS, type TLevel, type TStanding } from "@/lib/schemas/vocabulary.ts";
import { DAY } from "@/lib/policy/durations.ts";

/*
 * The Community Impact Guidelines (seed/community-guidelines.md, "Enforcement" → "Guidelines"):
 *
 * | Reminder      | Use of inappropriate language or other behavior deemed unprofessional or unwelcome |
 * |               | → a private, written reminder … the nature of the violation and why it was inappropriate |
 * | Warning       | A violation through a single incident or series of actions |
 * |               | → consequences for continued behavior; no interaction with the people involved, including |
 * |               |   those enforcing the Code of Conduct, for a specified period; violating these terms will |
 * |               |   lead to a permanent ban |
 * | Permanent ban | Demonstrating a pattern of violation of community standards … |
 *
 * and DESIGN.md's "Policy rules" 1–4, which the ladder module decides.
 */

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const ms = (date: Date, delta: number) => new Date(date.getTime() + delta);

let sequence = 0;
/** A decision in a member's history, with unique ids so no test depends on another. */
function decided(
  level: TLevel | null,
  decidedAt: string,
  options: { reversed?: boolean; noContact?: LadderDecision["noContact"] } = {},
): LadderDecision {
  sequence += 1;
  const number = String(sequence).padStart(4, "0");
  return {
    id: `decision-${number}`,
    caseId: `case-${number}`,
    caseNumber: `2026-${number}`,
    level,
    decidedAt: day(decidedAt),
    reversed: options.reversed ?? false,
    noContact:
      options.noContact ??
      (level === "warning" ? { startsAt: day(decidedAt), endsAt: ms(day(decidedAt), 30 * DAY), protectedMemberIds: ["victim"] } : null),
  };
}

const reversed = (decision: LadderDecision): LadderDecision => ({ ...decision, reversed: true });
const noContact = (startsAt: string, endsAt: string, protectedMemberIds: string[]) => ({
  startsAt: day(startsAt),
  endsAt: day(endsAt),
  protectedMemberIds,
});

describe("recommendLevel: the next rung from the member's history (DESIGN.md rule 1)", () => {
  // `cites`: the history index of the decision the recommendation's reason must name, if any.
  it.each<{ title: string; history: () => LadderDecision[]; level: TLevel; cites: number | null }>([
    { title: "no history → Reminder (Reminder row: a first violation)", history: () => [], level: "reminder", cites: null },
    {
      title: "no-action decisions do not count: only no-action decisions → Reminder",
      history: () => [decided(null, "2025-01-01"), decided(null, "2025-06-01")],
      level: "reminder",
      cites: null,
    },
    {
      title: "a reversed decision no longer counts: a reversed Reminder → Reminder again",
      history: () => [reversed(decided("reminder", "2025-01-01"))],
      level: "reminder",
      cites: null,
    },
    {
      title: "a reversed decision no longer counts: a reversed Warning alone → Reminder",
      history: () => [reversed(decided("warning", "2025-01-01"))],
      level: "reminder",
      cites: null,
    },
    {
      title: "a reversed decision no longer counts: a reversed Permanent ban alone → Reminder",
      history: () => [reversed(decided("permanent_ban", "2025-01-01"))],
      level: "reminder",
      cites: null,
    },
    {
      title: "prior Reminder → Warning (Warning row: a violation after the private reminder)",
      history: () => [decided("reminder", "2025-01-01")],
      level: "warning",
      cites: 0,
    },
    {
      title: "several prior Reminders → Warning: the ladder climbs one rung, it does not skip to a ban",
      history: () => [decided("reminder", "2025-01-01"), decided("reminder", "2025-03-01"), decided("reminder", "2025-05-01")],
      level: "warning",
      cites: 2,
    },
    {
      title: "no-action decisions do not count: a Reminder among no-action decisions → Warning",
      history: () => [decided(null, "2025-01-01"), decided("reminder", "2025-02-01"), decided(null, "2025-03-01")],
      level: "warning",
      cites: 1,
    },
    {
      title: "a reversed decision no longer counts: a Reminder and a reversed Warning → Warning",
      history: () => [decided("reminder", "2025-01-01"), reversed(decided("warning", "2025-02-01"))],
      level: "warning",
      cites: 0,
    },
    {
      title: "a reversed decision no longer counts: a Reminder and a reversed Permanent ban → Warning",
      history: () => [decided("reminder", "2025-01-01"), reversed(decided("permanent_ban", "2025-02-01"))],
      level: "warning",
      cites: 0,
    },
    {
      title: "a further violation after a Warning is a pattern → Permanent ban (Permanent ban row: a pattern of violation)",
      history: () => [decided("warning", "2025-01-01")],
      level: "permanent_ban",
      cites: 0,
    },
    {
      title: "Reminder then Warning → Permanent ban",
      history: () => [decided("reminder", "2025-01-01"), decided("warning", "2025-02-01")],
      level: "permanent_ban",
      cites: 1,
    },
    {
      title: "mixed order: a Reminder after a Warning does not reset the ladder → Permanent ban",
      history: () => [decided("warning", "2025-01-01"), decided("reminder", "2025-06-01")],
      level: "permanent_ban",
      cites: 0,
    },
    {
      title: "history given newest first → the same Permanent ban",
      history: () => [decided("warning", "2025-02-01"), decided("reminder", "2025-01-01")],
      level: "permanent_ban",
      cites: 0,
    },
    {
      title: "multiple Warnings → Permanent ban, citing the latest Warning",
      history: () => [decided("warning", "2024-01-01"), decided("warning", "2025-01-01"), decided("warning", "2024-06-01")],
      level: "permanent_ban",
      cites: 1,
    },
    {
      title: "a reversed decision no longer counts: one Warning reversed, another standing → Permanent ban citing the standing one",
      history: () => [decided("warning", "2024-01-01"), reversed(decided("warning", "2025-01-01"))],
      level: "permanent_ban",
      cites: 0,
    },
    {
      title:
        "a reversed decision no longer counts: a Warning and a reversed Permanent ban → Permanent ban (the Warning makes it a pattern)",
      history: () => [decided("warning", "2024-01-01"), reversed(decided("permanent_ban", "2025-01-01"))],
      level: "permanent_ban",
      cites: 0,
    },
    {
      title: "a banned member stays banned: recommendation Permanent ban, standing never goes down",
      history: () => [decided("permanent_ban", "2025-01-01")],
      level: "permanent_ban",
      cites: 0,
    },
    {
      title: "a banned member stays banned: a later Reminder does not lower the recommendation",
      history: () => [decided("permanent_ban", "2025-01-01"), decided("reminder", "2025-06-01")],
      level: "permanent_ban",
      cites: 0,
    },
    {
      title: "a banned member stays banned: a later no-action decision (e.g. ban evasion dismissed) does not lower it",
      history: () => [decided("permanent_ban", "2025-01-01"), decided(null, "2025-06-01")],
      level: "permanent_ban",
      cites: 0,
    },
    {
      title: "a banned member stays banned: a later Warning does not lower it, the ban is cited",
      history: () => [decided("reminder", "2024-01-01"), decided("permanent_ban", "2025-01-01"), decided("warning", "2025-06-01")],
      level: "permanent_ban",
      cites: 1,
    },
  ])("$title", ({ history: build, level, cites }) => {
    const history = build();
    const recommendation = recommendLevel({ history, breach: null });
    expect(recommendation.level).toBe(level);
    expect(recommendation.mandatory).toBe(false);
    expect(recommendation.breach).toBeNull();
    expect(recommendation.reasons).toHaveLength(1);
    if (cites === null) expect(recommendation.reasons[0]).not.toMatch(/case \d{4}-\d{4}/);
    else expect(recommendation.reasons[0]).toContain(`case ${history[cites]!.caseNumber}`);
  });

  it.each<{ title: string; history: () => LadderDecision[] }>([
    {
      title: "a breach of an active Warning's no-contact terms → Permanent ban, mandatory (Warning row: violating these terms)",
      history: () => [decided("warning", "2026-01-01")],
    },
    {
      title: "a breach → Permanent ban, mandatory, even after a Reminder and a Warning",
      history: () => [decided("reminder", "2025-01-01"), decided("warning", "2026-01-01")],
    },
    {
      title: "a breach by an already banned member → Permanent ban, mandatory",
      history: () => [decided("warning", "2026-01-01"), decided("permanent_ban", "2026-01-05")],
    },
  ])("$title", ({ history: build }) => {
    const history = build();
    const breach = findBreach(history, ["victim"], day("2026-01-10"));
    expect(breach).not.toBeNull();
    const recommendation = recommendLevel({ history, breach });
    expect(recommendation).toMatchObject({ level: "permanent_ban", mandatory: true, breach });
    expect(recommendation.reasons[0]).toContain(`case ${breach!.caseNumber}`);
    expect(recommendation.reasons[0]).toMatch(/permanent ban/i);
  });
});

describe("findBreach: a new case involving a protected person inside an active no-contact period (DESIGN.md rule 3)", () => {
  // Warning row: "No interaction with the people involved, including … those enforcing the Code of Conduct, for a specified period".
  const startsAt = day("2026-01-10");
  const endsAt = day("2026-02-10");
  const warning = () => decided("warning", "2026-01-09", { noContact: { startsAt, endsAt, protectedMemberIds: ["victim", "moderator"] } });

  it.each<{ title: string; involved: string[]; occurredAt: Date; hit: string[] | null }>([
    {
      title: "an incident inside the period involving a protected person is a breach",
      involved: ["victim"],
      occurredAt: day("2026-01-20"),
      hit: ["victim"],
    },
    {
      title: "the enforcing moderator is protected too (Warning row: including those enforcing the Code of Conduct)",
      involved: ["moderator"],
      occurredAt: day("2026-01-20"),
      hit: ["moderator"],
    },
    {
      title: "the breach names only the protected people among those involved",
      involved: ["bystander", "moderator", "victim"],
      occurredAt: day("2026-01-20"),
      hit: ["victim", "moderator"],
    },
    { title: "boundary: the period starts at startsAt, inclusive", involved: ["victim"], occurredAt: startsAt, hit: ["victim"] },
    {
      title: "boundary: one millisecond before startsAt is outside the period",
      involved: ["victim"],
      occurredAt: ms(startsAt, -1),
      hit: null,
    },
    {
      title: "boundary: one millisecond before endsAt is still inside the period",
      involved: ["victim"],
      occurredAt: ms(endsAt, -1),
      hit: ["victim"],
    },
    { title: "boundary: the period ends at endsAt, exclusive", involved: ["victim"], occurredAt: endsAt, hit: null },
    { title: "an incident before the period is not a breach", involved: ["victim"], occurredAt: day("2025-12-01"), hit: null },
    { title: "an incident after the period ended is not a breach", involved: ["victim"], occurredAt: day("2026-03-01"), hit: null },
    {
      title: "an incident inside the period involving no protected person is not a breach",
      involved: ["bystander"],
      occurredAt: day("2026-01-20"),
      hit: null,
    },
    { title: "an incident with nobody involved is not a breach", involved: [], occurredAt: day("2026-01-20"), hit: null },
  ])("$title", ({ involved, occurredAt, hit }) => {
    const term = warning();
    const breach = findBreach([decided("reminder", "2025-06-01"), term], involved, occurredAt);
    if (hit === null) expect(breach).toBeNull();
    else expect(breach).toEqual<Breach>({ decisionId: term.id, caseNumber: term.caseNumber, protectedMemberIds: hit, endsAt });
  });

  it.each<{ title: string; history: () => LadderDecision[] }>([
    { title: "a reversed Warning is never breached", history: () => [reversed(warning())] },
    {
      title: "a Reminder has no terms: even a Reminder record carrying a period is never breached",
      history: () => [decided("reminder", "2026-01-09", { noContact: { startsAt, endsAt, protectedMemberIds: ["victim"] } })],
    },
    {
      title: "a Permanent ban has no no-contact terms to breach",
      history: () => [decided("permanent_ban", "2026-01-09", { noContact: { startsAt, endsAt, protectedMemberIds: ["victim"] } })],
    },
    {
      title: "no-action decisions do not count: no-action with a period is never breached",
      history: () => [decided(null, "2026-01-09", { noContact: { startsAt, endsAt, protectedMemberIds: ["victim"] } })],
    },
    { title: "a Warning without a recorded period has nothing to breach", history: () => [{ ...warning(), noContact: null }] },
    { title: "no history → no breach", history: () => [] },
  ])("$title", ({ history }) => {
    expect(findBreach(history(), ["victim", "moderator"], day("2026-01-20"))).toBeNull();
  });

  it("with several active Warnings, the breach names the one whose terms protect the person involved", () => {
    const other = decided("warning", "2026-01-01", { noContact: noContact("2026-01-01", "2026-03-01", ["someone-else"]) });
    const term = warning();
    expect(findBreach([other, term], ["victim"], day("2026-01-20"))).toMatchObject({ decisionId: term.id, caseNumber: term.caseNumber });
  });
});

describe("activeNoContactTerms: the Warnings whose period is in force at a moment", () => {
  const early = () => decided("warning", "2026-01-01", { noContact: noContact("2026-01-01", "2026-02-01", ["a"]) });
  const late = () => decided("warning", "2026-01-15", { noContact: noContact("2026-01-15", "2026-04-15", ["b"]) });

  it.each<{ title: string; at: Date; active: ("early" | "late")[] }>([
    { title: "before any period: none in force", at: day("2025-12-31"), active: [] },
    { title: "at a period's start (inclusive): in force", at: day("2026-01-01"), active: ["early"] },
    { title: "overlapping periods: both in force", at: day("2026-01-20"), active: ["early", "late"] },
    { title: "at a period's end (exclusive): no longer in force", at: day("2026-02-01"), active: ["late"] },
    { title: "after every period ended: none in force", at: day("2026-05-01"), active: [] },
  ])("$title", ({ at, active }) => {
    const terms = { early: early(), late: late() };
    const history = [terms.early, decided("reminder", "2025-06-01"), terms.late, decided(null, "2026-01-20")];
    expect(activeNoContactTerms(history, at).map((d) => d.id)).toEqual(active.map((name) => terms[name].id));
  });

  it.each<{ title: string; decision: () => LadderDecision }>([
    { title: "a reversed Warning's period is not in force", decision: () => reversed(early()) },
    {
      title: "a Reminder carries no period in force",
      decision: () => decided("reminder", "2026-01-01", { noContact: noContact("2026-01-01", "2026-02-01", ["a"]) }),
    },
    { title: "a Warning without a period has none in force", decision: () => ({ ...early(), noContact: null }) },
  ])("$title", ({ decision }) => {
    expect(activeNoContactTerms([decision()], day("2026-01-10"))).toEqual([]);
  });
});

describe("standingOf: the highest rung reached by a decision that was not reversed (DESIGN.md rules 1 and 4)", () => {
  const now = day("2026-01-20");

  it.each<{ title: string; history: () => LadderDecision[]; status: TStanding; since: number | null; noContactUntil?: Date }>([
    { title: "no history → good standing", history: () => [], status: "good", since: null },
    {
      title: "no-action decisions do not count → good standing",
      history: () => [decided(null, "2025-01-01")],
      status: "good",
      since: null,
    },
    {
      title: "a reversed decision no longer counts: a reversed Reminder → good standing",
      history: () => [reversed(decided("reminder", "2025-01-01"))],
      status: "good",
      since: null,
    },
    { title: "a Reminder → reminded", history: () => [decided("reminder", "2025-01-01")], status: "reminded", since: 0 },
    {
      title: "several Reminders → reminded since the latest",
      history: () => [decided("reminder", "2025-03-01"), decided("reminder", "2025-01-01")],
      status: "reminded",
      since: 0,
    },
    {
      title: "a Warning in its no-contact period → warned until the period's end",
      history: () => [decided("warning", "2026-01-01", { noContact: noContact("2026-01-01", "2026-03-01", ["victim"]) })],
      status: "warned",
      since: 0,
      noContactUntil: day("2026-03-01"),
    },
    {
      title: "overlapping Warnings → warned until the latest end among the active periods",
      history: () => [
        decided("warning", "2026-01-01", { noContact: noContact("2026-01-01", "2026-06-01", ["victim"]) }),
        decided("warning", "2026-01-15", { noContact: noContact("2026-01-15", "2026-02-15", ["other"]) }),
      ],
      status: "warned",
      since: 1,
      noContactUntil: day("2026-06-01"),
    },
    {
      title: "an ended period does not set noContactUntil when another is active",
      history: () => [
        decided("warning", "2025-01-01", { noContact: noContact("2025-01-01", "2025-12-31", ["victim"]) }),
        decided("warning", "2026-01-15", { noContact: noContact("2026-01-15", "2026-02-15", ["other"]) }),
      ],
      status: "warned",
      since: 1,
      noContactUntil: day("2026-02-15"),
    },
    {
      title: "a Warning whose period ended → still warned, without noContactUntil",
      history: () => [decided("warning", "2025-01-01", { noContact: noContact("2025-01-01", "2025-02-01", ["victim"]) })],
      status: "warned",
      since: 0,
    },
    {
      title: "a Warning whose period has not started yet → warned, without noContactUntil",
      history: () => [decided("warning", "2026-01-19", { noContact: noContact("2026-02-01", "2026-03-01", ["victim"]) })],
      status: "warned",
      since: 0,
    },
    {
      title: "a Reminder after a Warning does not lower the standing → warned",
      history: () => [
        decided("warning", "2025-01-01", { noContact: noContact("2025-01-01", "2025-02-01", ["victim"]) }),
        decided("reminder", "2025-06-01"),
      ],
      status: "warned",
      since: 0,
    },
    {
      title: "a reversal restores the lower standing: Reminder + reversed Warning → reminded",
      history: () => [
        decided("reminder", "2025-01-01"),
        reversed(decided("warning", "2026-01-01", { noContact: noContact("2026-01-01", "2026-03-01", ["victim"]) })),
      ],
      status: "reminded",
      since: 0,
    },
    { title: "a Permanent ban → banned", history: () => [decided("permanent_ban", "2025-01-01")], status: "banned", since: 0 },
    {
      title: "a Reminder after a ban does not lower it → banned",
      history: () => [decided("permanent_ban", "2025-01-01"), decided("reminder", "2025-06-01")],
      status: "banned",
      since: 0,
    },
    {
      title: "a Warning with an active period after a ban does not lower it → banned, no noContactUntil",
      history: () => [
        decided("permanent_ban", "2025-01-01"),
        decided("warning", "2026-01-10", { noContact: noContact("2026-01-10", "2026-03-01", ["victim"]) }),
      ],
      status: "banned",
      since: 0,
    },
    {
      title: "a reversal restores the lower standing: Warning + reversed ban → warned until the Warning's end",
      history: () => [
        decided("warning", "2026-01-01", { noContact: noContact("2026-01-01", "2026-03-01", ["victim"]) }),
        reversed(decided("permanent_ban", "2026-01-10")),
      ],
      status: "warned",
      since: 0,
      noContactUntil: day("2026-03-01"),
    },
    {
      title: "a reversal restores the lower standing: Reminder + reversed ban → reminded",
      history: () => [decided("reminder", "2025-01-01"), reversed(decided("permanent_ban", "2026-01-10"))],
      status: "reminded",
      since: 0,
    },
  ])("$title", ({ history: build, status, since, noContactUntil }) => {
    const history = build();
    const expected = {
      status,
      ...(noContactUntil ? { noContactUntil } : {}),
      ...(since === null ? {} : { since: history[since]!.decidedAt }),
    };
    // Strict: a standing without an active period has no noContactUntil key at all.
    expect(standingOf(history, now)).toStrictEqual(expected);
  });
});

describe("compareLevels: the ladder's order of severity", () => {
  it.each<{ a: TLevel; b: TLevel; sign: -1 | 0 | 1 }>([
    { a: "reminder", b: "warning", sign: -1 },
    { a: "reminder", b: "permanent_ban", sign: -1 },
    { a: "warning", b: "permanent_ban", sign: -1 },
    { a: "warning", b: "reminder", sign: 1 },
    { a: "permanent_ban", b: "reminder", sign: 1 },
    { a: "permanent_ban", b: "warning", sign: 1 },
    { a: "reminder", b: "reminder", sign: 0 },
    { a: "warning", b: "warning", sign: 0 },
    { a: "permanent_ban", b: "permanent_ban", sign: 0 },
  ])("$a vs $b → $sign", ({ a, b, sign }) => {
    expect(Math.sign(compareLevels(a, b))).toBe(sign);
  });

  it("sorting by compareLevels gives the guidelines' order Reminder < Warning < Permanent ban", () => {
    expect((["permanent_ban", "reminder", "warning"] as TLevel[]).sort(compareLevels)).toEqual([...LEVELS]);
  });
});

describe("checkDecision: the rules a decision must satisfy before it is recorded (DESIGN.md rules 2 and 3)", () => {
  const rationale = "Repeated personal attacks on a contributor in #general.";
  const period = () => noContact("2026-01-20", "2026-04-20", ["victim", "moderator"]);
  const recommend = {
    reminder: (): Recommendation => recommendLevel({ history: [], breach: null }),
    warning: (): Recommendation => recommendLevel({ history: [decided("reminder", "2025-01-01")], breach: null }),
    permanent_ban: (): Recommendation => recommendLevel({ history: [decided("warning", "2025-01-01")], breach: null }),
    mandatory_ban: (): Recommendation => {
      const history = [decided("warning", "2026-01-01")];
      return recommendLevel({ history, breach: findBreach(history, ["victim"], day("2026-01-10")) });
    },
  };

  it("the test recommendations are what their names say", () => {
    expect(recommend.reminder()).toMatchObject({ level: "reminder", mandatory: false });
    expect(recommend.warning()).toMatchObject({ level: "warning", mandatory: false });
    expect(recommend.permanent_ban()).toMatchObject({ level: "permanent_ban", mandatory: false });
    expect(recommend.mandatory_ban()).toMatchObject({ level: "permanent_ban", mandatory: true });
  });

  it.each<{ title: string; recommended: keyof typeof recommend; draft: () => DecisionDraft; refused: RuleViolation["field"][] }>([
    // Following the recommendation.
    {
      title: "the recommended Reminder with a rationale is accepted",
      recommended: "reminder",
      draft: () => ({ level: "reminder", rationale }),
      refused: [],
    },
    {
      title: "the recommended Warning with a no-contact period is accepted",
      recommended: "warning",
      draft: () => ({ level: "warning", rationale, noContact: period() }),
      refused: [],
    },
    {
      title: "the recommended Permanent ban is accepted",
      recommended: "permanent_ban",
      draft: () => ({ level: "permanent_ban", rationale }),
      refused: [],
    },
    {
      title: "a mandatory Permanent ban chosen as recommended is accepted",
      recommended: "mandatory_ban",
      draft: () => ({ level: "permanent_ban", rationale, noContact: null }),
      refused: [],
    },
    {
      title: "a justification on the recommended level is harmless",
      recommended: "reminder",
      draft: () => ({ level: "reminder", rationale, justification: "Not needed, but written anyway." }),
      refused: [],
    },
    // Reminder row: "a private, written reminder … providing clarity around the nature of the violation and … why".
    {
      title: "a rationale is mandatory: an empty rationale is refused",
      recommended: "reminder",
      draft: () => ({ level: "reminder", rationale: "" }),
      refused: ["rationale"],
    },
    {
      title: `a rationale shorter than MIN_RATIONALE_LENGTH (${MIN_RATIONALE_LENGTH}) is refused`,
      recommended: "reminder",
      draft: () => ({ level: "reminder", rationale: "x".repeat(MIN_RATIONALE_LENGTH - 1) }),
      refused: ["rationale"],
    },
    {
      title: "a rationale padded with spaces to the minimum is refused (it is trimmed)",
      recommended: "reminder",
      draft: () => ({ level: "reminder", rationale: `  ${"x".repeat(MIN_RATIONALE_LENGTH - 1)}      ` }),
      refused: ["rationale"],
    },
    {
      title: "a rationale of exactly MIN_RATIONALE_LENGTH characters is accepted",
      recommended: "reminder",
      draft: () => ({ level: "reminder", rationale: "x".repeat(MIN_RATIONALE_LENGTH) }),
      refused: [],
    },
    {
      title: "a rationale is required for a Permanent ban too",
      recommended: "mandatory_ban",
      draft: () => ({ level: "permanent_ban", rationale: "breach" }),
      refused: ["rationale"],
    },
    // Rule 2: a deviation (lower or higher) needs a written justification.
    {
      title: "a lower deviation without justification is refused: Reminder when a Warning is recommended",
      recommended: "warning",
      draft: () => ({ level: "reminder", rationale }),
      refused: ["justification"],
    },
    {
      title: "a lower deviation without justification is refused: Warning when a Permanent ban is recommended",
      recommended: "permanent_ban",
      draft: () => ({ level: "warning", rationale, noContact: period() }),
      refused: ["justification"],
    },
    {
      title: "a higher deviation without justification is refused: Permanent ban when a Reminder is recommended",
      recommended: "reminder",
      draft: () => ({ level: "permanent_ban", rationale }),
      refused: ["justification"],
    },
    {
      title: "a higher deviation without justification is refused: Warning when a Reminder is recommended",
      recommended: "reminder",
      draft: () => ({ level: "warning", rationale, noContact: period(), justification: null }),
      refused: ["justification"],
    },
    {
      title: "a blank justification is no justification",
      recommended: "warning",
      draft: () => ({ level: "reminder", rationale, justification: "   \n\t" }),
      refused: ["justification"],
    },
    {
      title: "a lower deviation with a justification is accepted",
      recommended: "permanent_ban",
      draft: () => ({
        level: "warning",
        rationale,
        noContact: period(),
        justification: "The earlier Warning was for an unrelated, minor matter.",
      }),
      refused: [],
    },
    {
      title: "a higher deviation with a justification is accepted",
      recommended: "reminder",
      draft: () => ({ level: "permanent_ban", rationale, justification: "Doxxing: the harm calls for an immediate ban." }),
      refused: [],
    },
    {
      title: "null level = no action counts as a deviation: refused without justification",
      recommended: "reminder",
      draft: () => ({ level: null, rationale }),
      refused: ["justification"],
    },
    {
      title: "null level = no action with a justification is accepted",
      recommended: "warning",
      draft: () => ({ level: null, rationale, justification: "Investigation found the report was a misunderstanding." }),
      refused: [],
    },
    // Warning row: "Violating these terms will lead to a permanent ban" — no other level, justified or not.
    {
      title: "a mandatory recommendation refuses a Warning even with justification (field level)",
      recommended: "mandatory_ban",
      draft: () => ({ level: "warning", rationale, noContact: period(), justification: "It was a minor contact." }),
      refused: ["level"],
    },
    {
      title: "a mandatory recommendation refuses a Reminder even with justification (field level)",
      recommended: "mandatory_ban",
      draft: () => ({ level: "reminder", rationale, justification: "It was a minor contact." }),
      refused: ["level"],
    },
    {
      title: "a mandatory recommendation refuses no action even with justification (field level)",
      recommended: "mandatory_ban",
      draft: () => ({ level: null, rationale, justification: "It was a minor contact." }),
      refused: ["level"],
    },
    {
      title: "a mandatory recommendation refuses another level without justification, on field level only",
      recommended: "mandatory_ban",
      draft: () => ({ level: "reminder", rationale }),
      refused: ["level"],
    },
    // Warning row + rule 3: a Warning carries a no-contact period of a specified length, protecting people.
    {
      title: "a Warning without a no-contact period is refused",
      recommended: "warning",
      draft: () => ({ level: "warning", rationale }),
      refused: ["noContact"],
    },
    {
      title: "a Warning with noContact null is refused",
      recommended: "warning",
      draft: () => ({ level: "warning", rationale, noContact: null }),
      refused: ["noContact"],
    },
    {
      title: "a Warning whose period ends when it starts is refused (endsAt = startsAt)",
      recommended: "warning",
      draft: () => ({ level: "warning", rationale, noContact: noContact("2026-01-20", "2026-01-20", ["victim"]) }),
      refused: ["noContact"],
    },
    {
      title: "a Warning whose period ends before it starts is refused (endsAt < startsAt)",
      recommended: "warning",
      draft: () => ({ level: "warning", rationale, noContact: noContact("2026-04-20", "2026-01-20", ["victim"]) }),
      refused: ["noContact"],
    },
    {
      title: "a Warning whose period protects nobody is refused",
      recommended: "warning",
      draft: () => ({ level: "warning", rationale, noContact: noContact("2026-01-20", "2026-04-20", []) }),
      refused: ["noContact"],
    },
    {
      title: "a Reminder with a no-contact period is refused: only a Warning carries one",
      recommended: "reminder",
      draft: () => ({ level: "reminder", rationale, noContact: period() }),
      refused: ["noContact"],
    },
    {
      title: "a Permanent ban with a no-contact period is refused: only a Warning carries one",
      recommended: "permanent_ban",
      draft: () => ({ level: "permanent_ban", rationale, noContact: period() }),
      refused: ["noContact"],
    },
    {
      title: "no action with a no-contact period is refused: only a Warning carries one",
      recommended: "reminder",
      draft: () => ({ level: null, rationale, justification: "Not a violation.", noContact: period() }),
      refused: ["noContact"],
    },
    // Several broken rules are reported together, one per field.
    {
      title: "every broken rule is reported: short rationale, unjustified deviation, Warning without period",
      recommended: "reminder",
      draft: () => ({ level: "warning", rationale: "bad" }),
      refused: ["rationale", "justification", "noContact"],
    },
    {
      title: "every broken rule is reported: short rationale, non-mandatory level on a breach, period on a Reminder",
      recommended: "mandatory_ban",
      draft: () => ({ level: "reminder", rationale: "", noContact: period(), justification: "x" }),
      refused: ["rationale", "level", "noContact"],
    },
  ])("$title", ({ recommended, draft, refused }) => {
    const problems = checkDecision(draft(), recommend[recommended]());
    expect(problems.map((p) => p.field)).toEqual(refused);
    for (const problem of problems) expect(problem.message.length).toBeGreaterThan(0);
  });

  it("the justification problem names the recommended level in the guidelines' words", () => {
    const [problem] = checkDecision({ level: "reminder", rationale }, recommend.warning());
    expect(problem).toMatchObject({ field: "justification", message: expect.stringContaining("Warning") });
  });

  it("the rationale problem states the minimum length", () => {
    const [problem] = checkDecision({ level: "reminder", rationale: "" }, recommend.reminder());
    expect(problem?.message).toContain(String(MIN_RATIONALE_LENGTH));
  });
});

/*
 * Property-style checks over random histories (a seeded generator, so a failure is reproducible;
 * plain loops: fast-check is only a transitive dependency here, not one of the project's own).
 */
describe("properties of the ladder over random histories", () => {
  const RANK: Record<TLevel, number> = { reminder: 1, warning: 2, permanent_ban: 3 };
  const STANDING_RANK: Record<TStanding, number> = { good: 0, reminded: 1, warned: 2, banned: 3 };
  const NEXT: Record<TLevel, TLevel> = { reminder: "warning", warning: "permanent_ban", permanent_ban: "permanent_ban" };
  const RUNS = 2000;

  /** mulberry32: a tiny seeded PRNG. */
  function generator(seed: number) {
    let state = seed >>> 0;
    const next = () => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
    };
    const int = (n: number) => Math.floor(next() * n);
    const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
    return { next, int, pick };
  }

  const PEOPLE = ["p1", "p2", "p3", "mod1"];
  const BASE = day("2025-01-01").getTime();

  function randomDecision(random: ReturnType<typeof generator>, index: number): LadderDecision {
    const level = random.pick<TLevel | null>([null, "reminder", "warning", "permanent_ban"]);
    const decidedAt = new Date(BASE + random.int(400) * DAY);
    const start = new Date(decidedAt.getTime() + random.int(3) * DAY);
    return {
      id: `random-${index}`,
      caseId: `random-case-${index}`,
      caseNumber: `2025-${String(index).padStart(4, "0")}`,
      level,
      decidedAt,
      reversed: random.next() < 0.25,
      noContact:
        level === "warning" && random.next() < 0.9
          ? {
              startsAt: start,
              endsAt: new Date(start.getTime() + (1 + random.int(120)) * DAY),
              protectedMemberIds: PEOPLE.filter(() => random.next() < 0.5),
            }
          : null,
    };
  }

  function randomHistory(random: ReturnType<typeof generator>): LadderDecision[] {
    return Array.from({ length: random.int(7) }, (_, i) => randomDecision(random, i + 1));
  }

  const highestLevel = (history: LadderDecision[]): TLevel | null =>
    history.reduce<TLevel | null>(
      (top, d) => (d.reversed || d.level === null ? top : top === null || RANK[d.level] > RANK[top] ? d.level : top),
      null,
    );

  it("the recommendation never ranks below the highest non-reversed level (one rung up from a Reminder or a Warning), and a banned member is always recommended a ban", () => {
    const random = generator(20260101);
    for (let run = 0; run < RUNS; run++) {
      const history = randomHistory(random);
      const occurredAt = new Date(BASE + random.int(500) * DAY);
      const breach = findBreach(
        history,
        PEOPLE.filter(() => random.next() < 0.5),
        occurredAt,
      );
      const recommendation = recommendLevel({ history, breach });
      const top = highestLevel(history);
      const context = JSON.stringify({ run, history, breach });

      if (breach) expect(recommendation, context).toMatchObject({ level: "permanent_ban", mandatory: true });
      else expect(recommendation.level, context).toBe(top === null ? "reminder" : NEXT[top]);
      if (top !== null) {
        expect(RANK[recommendation.level], context).toBeGreaterThanOrEqual(RANK[top]);
        if (top !== "permanent_ban") expect(RANK[recommendation.level], context).toBeGreaterThan(RANK[top]);
      }
      if (top === "permanent_ban") expect(recommendation.level, context).toBe("permanent_ban");
    }
  });

  it("standing never goes down: any further decision (even a Reminder or no action) leaves it at least as high", () => {
    const random = generator(42);
    for (let run = 0; run < RUNS; run++) {
      const history = randomHistory(random);
      const now = new Date(BASE + random.int(500) * DAY);
      const further = { ...randomDecision(random, 99), reversed: false };
      const before = standingOf(history, now);
      const after = standingOf([...history, further], now);
      const context = JSON.stringify({ run, history, further });
      expect(STANDING_RANK[after.status], context).toBeGreaterThanOrEqual(STANDING_RANK[before.status]);
      if (before.status === "banned") expect(after.status, context).toBe("banned");
    }
  });

  it("standing is the highest non-reversed level, and a banned member's recommendation is a ban", () => {
    const random = generator(7);
    const STATUS: Record<TLevel, TStanding> = { reminder: "reminded", warning: "warned", permanent_ban: "banned" };
    for (let run = 0; run < RUNS; run++) {
      const history = randomHistory(random);
      const now = new Date(BASE + random.int(500) * DAY);
      const top = highestLevel(history);
      const standing = standingOf(history, now);
      const context = JSON.stringify({ run, history });
      expect(standing.status, context).toBe(top === null ? "good" : STATUS[top]);
      if (standing.status === "banned") expect(recommendLevel({ history, breach: null }).level, context).toBe("permanent_ban");
      if (standing.noContactUntil) {
        expect(standing.status, context).toBe("warned");
        expect(standing.noContactUntil.getTime(), context).toBeGreaterThan(now.getTime());
      }
    }
  });

  it("a reversed decision no longer counts: removing reversed decisions changes nothing, and order does not matter", () => {
    const random = generator(99);
    for (let run = 0; run < RUNS; run++) {
      const history = randomHistory(random);
      const now = new Date(BASE + random.int(500) * DAY);
      const involved = PEOPLE.filter(() => random.next() < 0.5);
      const kept = history.filter((d) => !d.reversed);
      const shuffled = [...history].reverse();
      const context = JSON.stringify({ run, history });

      expect(recommendLevel({ history: kept, breach: null }).level, context).toBe(recommendLevel({ history, breach: null }).level);
      expect(recommendLevel({ history: shuffled, breach: null }).level, context).toBe(recommendLevel({ history, breach: null }).level);
      expect(standingOf(kept, now).status, context).toBe(standingOf(history, now).status);
      expect(standingOf(shuffled, now).noContactUntil, context).toEqual(standingOf(history, now).noContactUntil);
      expect(findBreach(kept, involved, now) !== null, context).toBe(findBreach(history, involved, now) !== null);
    }
  });
});
