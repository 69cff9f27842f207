import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { exposedCells, isSmall, median, sumOf, suppressCells, type CellTable } from "@/lib/exports/suppression.ts";
import {
  buildTransparencyReport,
  reportPeriods,
  transparencyCsv,
  transparencyMarkdown,
  type ReportFacts,
  type TransparencyReport,
} from "@/lib/exports/transparency.ts";
import { SPACES, STANDARDS, type TLevel } from "@/lib/schemas/vocabulary.ts";
import { highsSolver, ReaderModel, trueCounts, yearModel, type Highs } from "../support/disclosure-audit.ts";
import { RENDERERS, renderBlocks, tableRows, unsafeMarkup } from "../support/markdown-render.ts";
import { DAY } from "@/lib/policy/durations.ts";
const d = (s: string) => new Date(`${s}T12:00:00Z`);

let highs: Highs;
beforeAll(async () => {
  highs = await highsSolver();
});

describe("cell suppression", () => {
  it.each([
    [0, 3, false],
    [1, 3, true],
    [2, 3, true],
    [3, 3, false],
    [4, 5, true],
    [1, 1, false],
  ])("a count of %i with threshold %i is withheld on its own account: %s", (count, threshold, small) => {
    expect(isSmall(count, threshold)).toBe(small);
  });

  it("a lone withheld count in a sum is never left: the smallest other count above zero is withheld with it", () => {
    // parts 1, 0, 5, 7 and their total 13
    const table: CellTable = { values: [1, 0, 5, 7, 13], relations: [sumOf(4, [0, 1, 2, 3])] };
    expect(exposedCells(table, [true, false, false, false, false], 3)).toEqual([0]);
    const hidden = suppressCells(table, 3);
    expect(hidden).toEqual([true, false, true, false, false]);
    expect(exposedCells(table, hidden, 3)).toEqual([]);
  });

  it("two sums sharing a withheld cell (a row and a column): a count worked out from one is worked into the other", () => {
    // a b | 5      a=1 is small. Withholding a and b (its row) and a and c (its column) is not enough:
    // c d | 6      c = 5 (column total 6 − ... ) is pinned by the second row, where d is published, so a is too.
    // 6 5 | 11
    const [a, b, c, dd, r1, r2, c1, c2, all] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
    const table: CellTable = {
      values: [1, 4, 5, 1, 5, 6, 6, 5, 11],
      relations: [sumOf(r1, [a, b]), sumOf(r2, [c, dd]), sumOf(c1, [a, c]), sumOf(c2, [b, dd]), sumOf(all, [r1, r2]), sumOf(all, [c1, c2])],
    };
    const rowAndColumn = [true, true, true, false, false, false, false, false, false];
    expect(exposedCells(table, rowAndColumn, 3)).toEqual([a]);
    const hidden = suppressCells(table, 3);
    expect(hidden.slice(0, 4)).toEqual([true, true, true, true]);
    expect(exposedCells(table, hidden, 3)).toEqual([]);
  });

  it("bounds are reasoning too: a count no sum gives away can still be pinned between two inequalities", () => {
    // x = 1 and z = 3 add up to a published 4, z is at most a published 3 (a standard is at most the
    // cases received), so x ≥ 1; x and another small count add up to at most 2 (fewer decisions than the
    // threshold: no median), so x ≤ 2. No sum has a single unknown, yet x is exposed.
    const [x, z, c, total, other] = [0, 1, 2, 3, 4];
    const table: CellTable = {
      values: [1, 3, 3, 4, 1],
      relations: [
        sumOf(total, [x, z]),
        {
          terms: [
            [z, 1],
            [c, -1],
          ],
          sense: "<=",
          constant: 0,
        },
        {
          terms: [
            [x, 1],
            [other, 1],
          ],
          sense: "<=",
          constant: 2,
        },
      ],
    };
    expect(exposedCells(table, [true, true, false, false, true], 3)).toEqual([x]);
    const hidden = suppressCells(table, 3);
    expect(exposedCells(table, hidden, 3)).toEqual([]);
  });

  it("median of odd and even lists, none for an empty list", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

/** Checks published figures against the true counts and returns the reader's model of a year's monthly and quarterly reports. */
function readerOf(facts: ReportFacts, year: number, threshold: number) {
  const month = buildTransparencyReport(facts, { period: "month", year, threshold });
  const quarter = buildTransparencyReport(facts, { period: "quarter", year, threshold });
  const model = new ReaderModel();
  yearModel(model, facts, month, quarter);
  return { month, quarter, model };
}

/** Every published figure is the true count; every small count is withheld. */
function expectHonestAndPrimary(model: ReaderModel, threshold: number) {
  for (const [cell, info] of model.cells) {
    if (info.published !== null) expect(info.published, cell).toBe(info.truth);
    if (isSmall(info.truth, threshold)) expect(info.published, `${cell} (${info.truth}) is withheld`).toBeNull();
  }
}

/** No small count can be worked out, alone or by combining every relation: its possible values reach 0 or the threshold. */
function expectNothingDerivable(model: ReaderModel, threshold: number) {
  for (const [cell, value] of model.singleUnknowns()) {
    expect({ cell, value, small: isSmall(value, threshold) }).toMatchObject({ small: false });
  }
  const ranges = model.ranges(highs, (_, truth) => isSmall(truth, threshold));
  for (const [cell, r] of ranges) expect({ cell, ...r, protected: r.min === 0 || r.max >= threshold }).toMatchObject({ protected: true });
  return ranges.size;
}

describe("transparency report", () => {
  it("periods: twelve months, four quarters, or three years", () => {
    expect(reportPeriods("month", 2026).map((p) => p.key)).toEqual(
      Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, "0")}`),
    );
    expect(reportPeriods("quarter", 2026).map((p) => [p.key, p.start.toISOString().slice(0, 10)])).toEqual([
      ["2026-Q1", "2026-01-01"],
      ["2026-Q2", "2026-04-01"],
      ["2026-Q3", "2026-07-01"],
      ["2026-Q4", "2026-10-01"],
    ]);
    expect(reportPeriods("year", 2026).map((p) => p.label)).toEqual(["2024", "2025", "2026"]);
  });

  it("counts by when things happened, withholds small counts and those that would give them away, and a median resting on too few decisions", () => {
    const cases = Array.from({ length: 4 }, (_, i) => ({
      createdAt: d(`2026-01-0${i + 1}`),
      space: "github" as const,
      standards: ["harassment", "harassment"],
    }));
    const facts: ReportFacts = {
      cases: [
        ...cases,
        { createdAt: d("2026-02-01"), space: "slack", standards: ["other"] },
        { createdAt: d("2025-12-31"), space: "slack", standards: ["other"] },
      ],
      decisions: cases.map((c, i) => ({
        decidedAt: new Date(c.createdAt.getTime() + (i + 1) * DAY),
        level: "reminder" as const,
        caseCreatedAt: c.createdAt,
      })),
      dismissals: [{ at: d("2026-02-03") }],
      reversals: [{ at: d("2026-03-03") }],
    };
    const { month: report, model } = readerOf(facts, 2026, 3);
    expectHonestAndPrimary(model, 3);
    expectNothingDerivable(model, 3);
    const [jan, feb, mar] = report.rows;
    expect(jan).toMatchObject({ medianDaysToDecision: 2.5 });
    expect(jan!.outcomes.reminder).toBe(4);
    expect(jan!.standards.harassment).toBe(4); // a standard counts once per case
    expect(feb).toMatchObject({ cases: "x", medianDaysToDecision: null });
    expect(feb!.outcomes.dismissed).toBe("x");
    expect(mar!.outcomes.reversed).toBe("x");
    // The one case of February is not January's total minus the four of January: January's count is withheld too.
    expect(jan!.cases).toBe("x");
    expect(report.total).toMatchObject({ medianDaysToDecision: 2.5 });
    expect(report.total.outcomes.reminder).toBe(4);

    const csvText = transparencyCsv(report);
    expect(csvText.split("\r\n")[2]).toMatch(/^2026-02,x,x,0,0,0,0,0,,/);
    const md = transparencyMarkdown(report, d("2026-12-31"));
    expect(md).toContain("# Transparency report, Jan 2026 – Dec 2026");
    expect(md).toContain("are withheld (shown as “x”) so that no person can be singled out");
    expect(md).toMatch(/\| Reminder \| 4 \| 0 \| 0 /);
  });

  it("a withheld count is never a published total minus published counts (the old report's “<3” could be worked back out)", () => {
    // Ten Warnings in March, one in July: the year's 11 is published, so July cannot be the only month withheld.
    const warning = (day: string) => ({ decidedAt: d(day), level: "warning" as TLevel, caseCreatedAt: d(day) });
    const facts: ReportFacts = {
      cases: [],
      decisions: [...Array.from({ length: 10 }, (_, i) => warning(`2025-03-${String(i + 1).padStart(2, "0")}`)), warning("2025-07-04")],
      dismissals: [],
      reversals: [],
    };
    const { month, quarter, model } = readerOf(facts, 2025, 3);
    const months = month.rows.map((r) => r.outcomes.warning);
    expect(months[6]).toBe("x");
    expect(months.filter((w) => w === "x").length).toBeGreaterThanOrEqual(2);
    expect(month.total.outcomes.warning).toBe(11);
    // Nor does the quarterly report give July away (Q3 = July): its quarters are withheld the same way.
    expect(quarter.rows[2]!.outcomes.warning).toBe("x");
    expect(quarter.rows.map((r) => r.outcomes.warning).filter((w) => w === "x").length).toBeGreaterThanOrEqual(2);
    expectHonestAndPrimary(model, 3);
    expectNothingDerivable(model, 3);
  });

  it("a month's cases received are withheld with the space breakdown that adds up to them, and the other way round", () => {
    // March: 2 cases on GitHub, 5 on Slack (7 published); GitHub's 2 is withheld, so Slack's 5 must be too, or 7 − 5 = 2.
    const at = (day: number, space: "github" | "slack") => ({
      createdAt: d(`2025-03-${String(day).padStart(2, "0")}`),
      space,
      standards: ["harassment"],
    });
    const facts: ReportFacts = {
      cases: [at(1, "github"), at(2, "github"), ...[3, 4, 5, 6, 7].map((n) => at(n, "slack"))],
      decisions: [],
      dismissals: [],
      reversals: [],
    };
    const { month, model } = readerOf(facts, 2025, 3);
    const march = month.rows[2]!;
    expect(march.spaces.github).toBe("x");
    expect([march.cases, march.spaces.slack]).toContain("x");
    expectHonestAndPrimary(model, 3);
    expectNothingDerivable(model, 3);
  });

  it("threshold 1 withholds nothing", () => {
    const report = buildTransparencyReport(
      { cases: [{ createdAt: d("2025-05-05"), space: "forum", standards: ["doxxing"] }], decisions: [], dismissals: [], reversals: [] },
      { period: "quarter", year: 2025, threshold: 1 },
    );
    expect(report.rows[1]).toMatchObject({ cases: 1, spaces: { forum: 1 }, standards: { doxxing: 1 } });
    expect(transparencyMarkdown(report, d("2025-12-31"))).toContain("No count is withheld at threshold 1");
  });

  it("the Markdown report renders as three tables with the report's figures, and nothing else", () => {
    const report = buildTransparencyReport(
      { cases: [{ createdAt: d("2025-05-05"), space: "forum", standards: ["doxxing"] }], decisions: [], dismissals: [], reversals: [] },
      { period: "quarter", year: 2025, threshold: 3 },
    );
    for (const renderer of RENDERERS) {
      const blocks = renderBlocks(renderer, transparencyMarkdown(report, d("2025-12-31")));
      expect(unsafeMarkup(blocks, ["h1", "h2", "p", "table", "thead", "tbody", "tr", "th", "td"])).toEqual([]);
      const tables = blocks.filter((b) => b.tag === "table").map(tableRows);
      expect(tables).toHaveLength(3);
      expect(tables[0]![0]).toEqual(["", "Q1 2025", "Q2 2025", "Q3 2025", "Q4 2025", "Total"]);
      expect(tables[0]![1]).toEqual(["Cases received", "0", "x", "0", "0", "x"]);
    }
  });
});

/*
 * Property: for random years of cases, decisions, dismissals and reversals, and any threshold,
 * a reader holding the monthly and the quarterly report of the year (and, for the yearly
 * report, those of each of its three years) can pin no withheld small count: exact integer
 * programming over every relation finds each one's possible values reaching 0 or the threshold.
 */
const YEAR = 2025;
const incident = fc.record({
  day: fc.integer({ min: 0, max: 364 }),
  space: fc.constantFrom(...SPACES.slice(0, 3)),
  standards: fc.subarray([...STANDARDS.slice(0, 4)], { minLength: 1, maxLength: 2 }),
  decision: fc.option(
    fc.record({
      level: fc.constantFrom<TLevel | null>("reminder", "warning", "permanent_ban", null),
      after: fc.integer({ min: 0, max: 60 }),
    }),
    { nil: undefined },
  ),
  dismissed: fc.boolean(),
  reversedAfter: fc.option(fc.integer({ min: 0, max: 90 }), { nil: undefined }),
});
const factsOf = (list: fc.Arbitrary<(typeof incident extends fc.Arbitrary<infer T> ? T : never)[]>, firstYear: number, years: number) =>
  list.map((items): ReportFacts => {
    const at = (day: number) => new Date(Date.UTC(firstYear, 0, 1) + day * DAY + 12 * 60 * 60 * 1000);
    const spread = (day: number) => day * years;
    return {
      cases: items.map((c) => ({ createdAt: at(spread(c.day)), space: c.space, standards: c.standards })),
      decisions: items.flatMap((c) =>
        c.decision ? [{ decidedAt: at(spread(c.day) + c.decision.after), level: c.decision.level, caseCreatedAt: at(spread(c.day)) }] : [],
      ),
      dismissals: items.filter((c) => !c.decision && c.dismissed).map((c) => ({ at: at(spread(c.day) + 3) })),
      reversals: items.flatMap((c) =>
        c.decision && c.reversedAfter !== undefined ? [{ at: at(spread(c.day) + c.decision.after + c.reversedAfter) }] : [],
      ),
    };
  });

describe("property: no withheld count can be worked out from the published reports", () => {
  it("monthly and quarterly reports of a year, read together, pin no small count", () => {
    let cells = 0;
    fc.assert(
      fc.property(factsOf(fc.array(incident, { maxLength: 30 }), YEAR, 1), fc.integer({ min: 2, max: 5 }), (facts, threshold) => {
        const { model } = readerOf(facts, YEAR, threshold);
        expectHonestAndPrimary(model, threshold);
        cells += expectNothingDerivable(model, threshold);
      }),
      { numRuns: 20 },
    );
    expect(cells).toBeGreaterThan(100);
  }, 120_000);

  it("a yearly report, read with the monthly and quarterly reports of its three years, pins no small count", () => {
    fc.assert(
      fc.property(factsOf(fc.array(incident, { maxLength: 24 }), YEAR - 2, 3), fc.integer({ min: 2, max: 4 }), (facts, threshold) => {
        const model = new ReaderModel();
        const years: TransparencyReport[] = [];
        for (const y of [YEAR - 2, YEAR - 1, YEAR]) {
          const month = buildTransparencyReport(facts, { period: "month", year: y, threshold });
          yearModel(model, facts, month, buildTransparencyReport(facts, { period: "quarter", year: y, threshold }));
          years.push(month);
        }
        const report = buildTransparencyReport(facts, { period: "year", year: YEAR, threshold });
        report.rows.forEach((r) => model.addColumn(r.period.key, r, trueCounts(facts, r.period.start, r.period.end), threshold));
        // The three years' total shows its median only when every year's is shown or that year's decisions are all
        // published; a reader who sees that condition hold learns from a withheld median that there were fewer decisions.
        const decided = ["none", "reminder", "warning", "permanent_ban"] as const;
        const medianRule = report.rows.every(
          (r) => r.medianDaysToDecision !== null || decided.every((o) => typeof r.outcomes[o] === "number"),
        );
        model.addColumn("all", report.total, trueCounts(facts, report.from, report.to), threshold, medianRule);
        model.addSum(
          "all",
          years.map((y) => String(y.year)),
        );
        expectHonestAndPrimary(model, threshold);
        expectNothingDerivable(model, threshold);
      }),
      { numRuns: 6 },
    );
  }, 120_000);
});
