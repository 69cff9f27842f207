import { describe, expect, it } from "vitest";
import { decisionCounts } from "@/components/members/decision-counts.ts";
import type { THistoryDecision } from "@/lib/schemas/member.ts";
import type { TLevel } from "@/lib/schemas/vocabulary.ts";

let id = 0;
const decision = (level: TLevel | null, reversed = false): THistoryDecision => ({
  id: String(++id),
  level,
  decidedAt: new Date("2026-01-01T00:00:00Z"),
  decidedBy: null,
  rationale: "",
  noContact: null,
  reversal: reversed ? { reason: "On appeal", reversedAt: new Date("2026-02-01T00:00:00Z"), reversedBy: null } : null,
});

describe("the one-line summary of a member's decisions", () => {
  it("counts the decisions that stand by level, in ladder order, then no-action and reversed ones", () => {
    const cases = [
      { decisions: [decision("warning"), decision("reminder", true)] },
      { decisions: [decision("reminder")] },
      { decisions: [decision(null)] },
      { decisions: [] },
      { decisions: [decision("reminder"), decision("permanent_ban")] },
    ];
    expect(decisionCounts(cases)).toBe("2 Reminders · 1 Warning · 1 Permanent ban · 1 with no action · 1 reversed");
  });

  it("says nothing when no case was decided yet, and groups large counts", () => {
    expect(decisionCounts([{ decisions: [] }])).toBeNull();
    expect(decisionCounts([])).toBeNull();
    expect(decisionCounts([{ decisions: Array.from({ length: 1200 }, () => decision("reminder")) }])).toBe("1,200 Reminders");
  });
});
