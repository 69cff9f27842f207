import { describe, expect, it } from "vitest";
import { formatCaseNumber, normalizeHandle, STANDARDS, ZCaseNumber, ZStandard } from "@/lib/schemas/vocabulary.ts";

describe("shared vocabulary", () => {
  it("handles compare case-insensitively and without a leading @", () => {
    expect(normalizeHandle("@Alice")).toBe("alice");
    expect(normalizeHandle("  ALICE ")).toBe("alice");
    expect(normalizeHandle("@@alice")).toBe("alice");
    expect(normalizeHandle("al@ice")).toBe("al@ice");
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
