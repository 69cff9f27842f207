import { describe, expect, it } from "vitest";
import { csvField, csvRow, neutraliseFormula } from "@/lib/format/csv.ts";

describe("CSV (RFC 4180) with formula injection neutralised", () => {
  it.each([
    ['=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'],
    ["+1+1", "'+1+1"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tcmd", "'\tcmd"],
    ["\rcmd", "'\rcmd"],
    ["plain text", "plain text"],
    ["a=b", "a=b"],
  ])("a cell starting %j is shown as text", (input, expected) => {
    expect(neutraliseFormula(input)).toBe(expected);
  });

  it("quotes fields with commas, quotes and line breaks, doubling quotes", () => {
    expect(csvField('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
    expect(csvField("=1,2")).toBe(`"'=1,2"`);
    expect(csvField(null)).toBe("");
    expect(csvField(new Date("2026-01-02T03:04:05Z"))).toBe("2026-01-02T03:04:05.000Z");
    expect(csvRow(["a", 1, "b,c"])).toBe('a,1,"b,c"\r\n');
  });
});
