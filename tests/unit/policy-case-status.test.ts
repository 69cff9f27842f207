import { describe, expect, it } from "vitest";
import { CASE_STATUS_TRANSITIONS, canMoveCase, isReopening, mayRecordDecision, statusChangeNeedsReason } from "@/lib/policy/case-status.ts";
import { CASE_STATUSES } from "@/lib/schemas/vocabulary.ts";

describe("the case-status state machine", () => {
  it("moves new → investigating → (decided by a decision) → closed, and reopens closed or dismissed cases", () => {
    expect(canMoveCase("new", "investigating")).toBe(true);
    expect(canMoveCase("decided", "closed")).toBe(true);
    expect(canMoveCase("closed", "investigating")).toBe(true);
    expect(canMoveCase("dismissed", "investigating")).toBe(true);
    expect(canMoveCase("new", "dismissed")).toBe(true);
    expect(canMoveCase("investigating", "dismissed")).toBe(true);
  });

  it("never reaches 'decided' by a status change, never goes back to 'new', and never stays put", () => {
    for (const from of CASE_STATUSES) {
      expect(canMoveCase(from, "decided"), from).toBe(false);
      expect(canMoveCase(from, "new"), from).toBe(false);
      expect(canMoveCase(from, from), from).toBe(false);
    }
    expect(canMoveCase("decided", "dismissed")).toBe(false);
    expect(canMoveCase("closed", "dismissed")).toBe(false);
  });

  it("asks a reason for dismissing and for reopening, and for nothing else", () => {
    for (const from of CASE_STATUSES) {
      for (const to of CASE_STATUS_TRANSITIONS[from]) {
        expect(statusChangeNeedsReason(from, to), `${from} → ${to}`).toBe(to === "dismissed" || isReopening(from, to));
      }
    }
    expect(isReopening("closed", "investigating")).toBe(true);
    expect(isReopening("new", "investigating")).toBe(false);
  });

  it("takes a decision in every status but dismissed (reopen it first)", () => {
    expect(CASE_STATUSES.filter((s) => !mayRecordDecision(s))).toEqual(["dismissed"]);
  });

  it("every status is reachable from 'new' through changes and a decision", () => {
    const reached = new Set<string>(["new"]);
    for (let round = 0; round < CASE_STATUSES.length; round++) {
      for (const from of [...reached]) {
        for (const to of CASE_STATUS_TRANSITIONS[from as keyof typeof CASE_STATUS_TRANSITIONS]) reached.add(to);
        if (mayRecordDecision(from as keyof typeof CASE_STATUS_TRANSITIONS)) reached.add("decided");
      }
    }
    expect([...reached].sort()).toEqual([...CASE_STATUSES].sort());
  });
});
