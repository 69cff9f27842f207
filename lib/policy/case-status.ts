import type { TCaseStatus } from "@/lib/schemas/vocabulary.ts";

/*
 * The case-status state machine. "decided" is reached only by recording a decision (which a
 * dismissed case cannot take until it is reopened); everything else moves through
 * changeCaseStatus. Dismissing and reopening need a reason (kept with the status change and in
 * the audit trail).
 */
export const CASE_STATUS_TRANSITIONS: Record<TCaseStatus, readonly TCaseStatus[]> = {
  new: ["investigating", "dismissed"],
  investigating: ["dismissed"],
  decided: ["closed"],
  closed: ["investigating"],
  dismissed: ["investigating"],
};

export function canMoveCase(from: TCaseStatus, to: TCaseStatus): boolean {
  return CASE_STATUS_TRANSITIONS[from].includes(to);
}

/** A reopening is a move from a finished case (closed or dismissed) back to investigating. */
export function isReopening(from: TCaseStatus, to: TCaseStatus): boolean {
  return to === "investigating" && (from === "closed" || from === "dismissed");
}

export function statusChangeNeedsReason(from: TCaseStatus, to: TCaseStatus): boolean {
  return to === "dismissed" || isReopening(from, to);
}

/** Whether a decision may be recorded on a case in this status (it then becomes "decided"). */
export function mayRecordDecision(status: TCaseStatus): boolean {
  return status !== "dismissed";
}
