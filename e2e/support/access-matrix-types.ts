// What e2e/support/access-matrix-scenario.ts writes and e2e/access-matrix.spec.ts reads.

/** The actor's relation to the cases (issue 12). Each is its own account. */
export const RELATIONS = [
  "none",
  "subject",
  "reporter",
  "involved",
  "recusedAdmin",
  "caseTeam",
  "outsideModerator",
  "outsideAdmin",
  "viewer",
] as const;
export type Relation = (typeof RELATIONS)[number];

export type MatrixMember = { id: string; name: string; handles: string[]; githubHandle: string };

export type MatrixCase = { id: string; number: string; decisionId: string | null; word: string };

export type MatrixScenario = {
  accounts: Record<Relation, { email: string; password: string; name: string; userId: string; memberId: string | null; token: string }>;
  members: Record<"S" | "R" | "I1" | "I2" | "M0" | "SB" | "SB2" | "SC" | "SD", MatrixMember>;
  /** Case C's reporter, new to the community: a reporter-only record. */
  newcomer: { id: string; name: string; handle: string };
  /** Case B's reporter: an outside contact. */
  contact: { name: string; email: string };
  cases: Record<"A" | "B" | "B2" | "C" | "D", MatrixCase>;
};
