import { describe, expect, it } from "vitest";
import { median, suppressCount } from "@/lib/exports/suppression.ts";
import { buildTransparencyReport, reportPeriods, transparencyCsv, transparencyMarkdown } from "@/lib/exports/transparency.ts";

const DAY = 24 * 60 * 60 * 1000;
const d = (s: string) => new Date(`${s}T12:00:00Z`);

describe("small-count suppression", () => {
  it.each([
    [0, 3, 0],
    [1, 3, "<3"],
    [2, 3, "<3"],
    [3, 3, 3],
    [4, 5, "<5"],
    [1, 1, 1],
  ])("%i with threshold %i shows as %j", (count, threshold, shown) => {
    expect(suppressCount(count, threshold)).toBe(shown);
  });

  it("median of odd and even lists, none for an empty list", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

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

  it("counts by when things happened, suppresses small counts and withholds a median resting on too few decisions", () => {
    const cases = Array.from({ length: 4 }, (_, i) => ({
      createdAt: d(`2026-01-0${i + 1}`),
      space: "github" as const,
      standards: ["harassment", "harassment"],
    }));
    const report = buildTransparencyReport(
      {
        cases: [
          ...cases,
          { createdAt: d("2026-02-01"), space: "slack", standards: ["other"] },
          { createdAt: d("2025-12-31"), space: "slack", standards: [] },
        ],
        decisions: cases.map((c, i) => ({
          decidedAt: new Date(c.createdAt.getTime() + (i + 1) * DAY),
          level: "reminder" as const,
          caseCreatedAt: c.createdAt,
        })),
        dismissals: [{ at: d("2026-02-03") }],
        reversals: [{ at: d("2026-03-03") }],
      },
      { period: "month", year: 2026, threshold: 3 },
    );
    const [jan, feb, mar] = report.rows;
    expect(jan).toMatchObject({ cases: 4, decisions: 4, medianDaysToDecision: 2.5 });
    expect(jan!.standards.harassment).toBe(4); // a standard counts once per case
    expect(jan!.spaces).toMatchObject({ github: 4, slack: 0 });
    expect(feb).toMatchObject({ cases: "<3", medianDaysToDecision: null });
    expect(feb!.outcomes.dismissed).toBe("<3");
    expect(mar!.outcomes.reversed).toBe("<3");
    expect(report.total).toMatchObject({ cases: 5, medianDaysToDecision: 2.5 });

    const csvText = transparencyCsv(report);
    expect(csvText.split("\r\n")[2]).toMatch(/^2026-02,<3,<3,0,0,0,0,0,,/);
    const md = transparencyMarkdown(report, d("2026-12-31"));
    expect(md).toContain("# Transparency report, Jan 2026 – Dec 2026");
    expect(md).toContain('shown as "<3"');
    expect(md).toMatch(/\| Cases received \| 4 \| <3 \| 0 /);
  });
});
