import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { summaryCellText, summaryColumns, toSummaryRow, type DecisionSummarySource } from "@/lib/exports/decision-summary.ts";
import { csv, jsonArray, markdownCell, markdownTable } from "@/lib/exports/formats.ts";
import { createPseudonyms, pseudonymLetters } from "@/lib/exports/pseudonyms.ts";

const source = (overrides: Partial<DecisionSummarySource> = {}): DecisionSummarySource => ({
  decisionId: "d1",
  caseNumber: "2026-0001",
  decidedAt: new Date("2026-03-10T09:00:00Z"),
  level: "warning",
  standards: ["harassment", "trolling-insults"],
  space: "slack",
  rationale: "Private rationale",
  publicSummary: null,
  noContact: { startsAt: new Date("2026-03-10T09:00:00Z"), endsAt: new Date("2026-06-08T09:00:00Z") },
  member: { id: "m1", name: "Morgan Blake" },
  moderator: "Sam Okafor",
  reversedAt: null,
  reporter: "Dana Whitfield",
  involved: ["Casey Liu"],
  ...overrides,
});

describe("decision summary rows", () => {
  it("internal mode names the member and moderator, and leaves the reporter and involved people out", () => {
    const row = toSummaryRow(source(), "internal", createPseudonyms());
    expect(row).toEqual({
      caseNumber: "2026-0001",
      decidedAt: "2026-03-10T09:00:00.000Z",
      level: "warning",
      standards: ["harassment", "trolling-insults"],
      space: "slack",
      rationale: "Private rationale",
      noContactPeriod: { startsAt: "2026-03-10T09:00:00.000Z", endsAt: "2026-06-08T09:00:00.000Z" },
      member: "Morgan Blake",
      moderator: "Sam Okafor",
      reversed: null,
    });
    expect(summaryColumns("internal").map((c) => c.key)).not.toContain("reporter");
    expect(summaryCellText(row, "noContactPeriod")).toBe("2026-03-10/2026-06-08");
    expect(summaryCellText(row, "standards")).toBe("harassment; trolling-insults");
  });

  it("public mode uses pseudonyms, leaves the moderator out and keeps only a public summary", () => {
    const p = createPseudonyms();
    expect(toSummaryRow(source(), "public", p)).toMatchObject({ member: "Member A", moderator: "", rationale: "" });
    expect(toSummaryRow(source({ member: { id: "m2", name: "X" }, publicSummary: "Published text" }), "public", p)).toMatchObject({
      member: "Member B",
      rationale: "Published text",
    });
    expect(toSummaryRow(source(), "public", p).member).toBe("Member A");
  });

  it("full mode adds the reporter and involved people", () => {
    const row = toSummaryRow(source(), "full", createPseudonyms());
    expect(row).toMatchObject({ reporter: "Dana Whitfield", involved: ["Casey Liu"] });
    expect(
      summaryColumns("full")
        .map((c) => c.header)
        .slice(-2),
    ).toEqual(["Reporter", "Involved people"]);
  });

  it("a reversed decision is marked with the moment of its reversal", () => {
    expect(toSummaryRow(source({ reversedAt: new Date("2026-04-01T00:00:00Z") }), "internal", createPseudonyms()).reversed).toBe(
      "2026-04-01T00:00:00.000Z",
    );
  });
});

describe("pseudonyms", () => {
  it("run A…Z, then AA, AB…", () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(pseudonymLetters)).toEqual(["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
  });

  it("the same person keeps one pseudonym and different people never share one", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 200 }), (ids) => {
        const p = createPseudonyms();
        const names = ids.map((id) => p.of(String(id)));
        const byId = new Map<number, string>();
        ids.forEach((id, i) => {
          if (byId.has(id)) expect(byId.get(id)).toBe(names[i]);
          byId.set(id, names[i]!);
        });
        expect(new Set(byId.values()).size).toBe(byId.size);
      }),
    );
  });
});

describe("streamed formats", () => {
  it("CSV starts with a UTF-8 byte order mark and parses back", () => {
    const text = csv.header(["a", "b"]) + csv.row(["=1+1", 'x, "y"\nz']);
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(parse(text, { columns: true, bom: true })).toEqual([{ a: "'=1+1", b: 'x, "y"\nz' }]);
  });

  it("a JSON array streamed element by element is valid JSON, empty or not", () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 20 }), (values) => {
        const text = jsonArray.start + values.map((v, i) => jsonArray.element(v, i)).join("") + jsonArray.end(values.length);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(values)));
      }),
    );
  });

  it("a Markdown cell keeps its row on one line and cannot break the table or inject HTML", () => {
    expect(markdownCell("a | b\nc <script>&")).toBe("a \\| b<br>c &lt;script&gt;&amp;");
    fc.assert(
      fc.property(fc.string(), (s) => {
        const row = markdownTable.row([s, "x"]);
        expect(row.trimEnd()).not.toContain("\n");
        expect(row.replace(/\\\\/g, "").replace(/\\\|/g, "").split("|")).toHaveLength(4);
        expect(row).not.toMatch(/<(?!br>)/);
      }),
    );
  });
});
