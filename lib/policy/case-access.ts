import type { TRole } from "@/lib/schemas/vocabulary.ts";

/*
 * Core team members are community members too (DESIGN.md rule 5):
 * - the subject of a case never sees it, anywhere ("hidden": it answers as if it did not exist);
 * - its reporter or an involved person is recused: they may read it but not see the
 *   reporter's identity, edit or decide it.
 */
export type CaseAccess = "hidden" | "recused" | "full";

export type CaseParties = { subjectId: string; reporterMemberId: string | null; involvedMemberIds: string[] };

export function caseAccess(actorMemberId: string | null | undefined, parties: CaseParties): CaseAccess {
  if (!actorMemberId) return "full";
  if (parties.subjectId === actorMemberId) return "hidden";
  if (parties.reporterMemberId === actorMemberId || parties.involvedMemberIds.includes(actorMemberId)) return "recused";
  return "full";
}

/** Whether the user may reveal the reporter's identity: never a viewer, never a recused moderator. */
export function mayRevealReporter(role: TRole, access: CaseAccess): boolean {
  return access === "full" && (role === "admin" || role === "moderator");
}

/** Whether the user may edit or decide the case. */
export function mayWorkCase(role: TRole, access: CaseAccess): boolean {
  return access === "full" && (role === "admin" || role === "moderator");
}

export const RECUSED_MESSAGE = "You are recused from this case";
