import { describe, expect, it } from "vitest";
import { formatCaseNumber, normalizeHandle, STANDARDS, ZCaseNumber, ZStandard } from "@/lib/schemas/vocabulary.ts";

describe("shared vocabulary", () => {
  it("handles compare case-insensitively and without a leading @", () => {
    expect(normalizeHandle("@Alice")).toBe("alice");
    expect(normalizeHandle("  ALICE ")).toBe("alice");
    expect(normalizeHandle("@@alice")).toBe("alice");
    expect(normalizeHandle("al@ice")).toBe("al@ice");
  });

  it("fullwidth, zero-width and other invisible characters, and case, all normalise away", () => {
    for (const typed of [
      "noorh",
      "ｎｏｏｒｈ",
      "NoorH",
      "@noorh",
      "noo\u200Brh",
      "＠ＮｏｏｒＨ",
      "\uFEFFnoorh",
      "noo\u00ADrh",
      "\u202Enoorh\u202C",
      "n\u200Doo\u2060rh\uFE0F",
      "\u3000@noorh\u3000",
    ]) {
      expect(normalizeHandle(typed), JSON.stringify(typed)).toBe("noorh");
    }
    // Bidi controls, joiners and the other default-ignorables are dropped anywhere in the handle.
    expect(normalizeHandle("a\u200Cb\u200Ec\u2066d\u2069\u034Fe")).toBe("abcde");
  });

  it("case folding goes beyond lower case: ß is ss, ς is σ, ligatures and compatibility forms come apart", () => {
    expect(normalizeHandle("Straße")).toBe("strasse");
    expect(normalizeHandle("STRASSE")).toBe("strasse");
    expect(normalizeHandle("ς")).toBe(normalizeHandle("σ"));
    expect(normalizeHandle("ΟΔΟΣ")).toBe(normalizeHandle("οδοσ"));
    expect(normalizeHandle("ﬁx")).toBe("fix");
    expect(normalizeHandle("①②")).toBe("12");
    expect(normalizeHandle("Å")).toBe("å"); // the Ångström sign is the letter å
  });

  it("letters of other scripts are kept as they are: look-alikes are handleSkeleton's business", () => {
    expect(normalizeHandle("nооrh")).not.toBe("noorh"); // Cyrillic о
    expect(normalizeHandle("nοorh")).not.toBe("noorh"); // Greek ο
    expect(normalizeHandle("ДМИТРИЙ")).toBe("дмитрий");
  });

  it("is idempotent, and a handle of only invisible characters or @ normalises to nothing", () => {
    for (const typed of ["ｎｏｏｒｈ", "@@ＡＢ\u200B", "ß", "ΣΊΣΥΦΟΣ", "İstanbul", "ǅemal", "ﬀ", "x\u0301"]) {
      expect(normalizeHandle(normalizeHandle(typed)), JSON.stringify(typed)).toBe(normalizeHandle(typed));
    }
    expect(normalizeHandle("\u200B\u200D\uFEFF")).toBe("");
    expect(normalizeHandle(" @@ ")).toBe("");
  });

  it("case numbers are YYYY-NNNN with at least four digits", () => {
    expect(formatCaseNumber(2026, 42)).toBe("2026-0042");
    expect(formatCaseNumber(2026, 12345)).toBe("2026-12345");
    expect(ZCaseNumber.safeParse("2026-0042").success).toBe(true);
    expect(ZCaseNumber.safeParse("2026-42").success).toBe(false);
    expect(ZCaseNumber.safeParse("26-0042").success).toBe(false);
  });

  it("standards are the guidelines' own list plus the Slack content guidelines", () => {
    expect(STANDARDS).toContain("sexualized-language");
    expect(STANDARDS).toContain("slack-mass-mention");
    expect(ZStandard.safeParse("spam").success).toBe(false);
  });
});
