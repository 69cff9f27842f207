import type { TRole } from "@/lib/schemas/vocabulary.ts";

/*
 * Who may see and work a case (DESIGN.md rule 5). Core team members are community members
 * too, through the member record their account is linked to:
 * - the subject of a case never sees it, anywhere ("hidden": it answers as if it did not exist);
 * - a restricted case (need to know) is seen only by its case team: anyone else finds nothing,
 *   except an admin, who sees that it exists (number and status: "stub") and may join it;
 * - its reporter or an involved person is recused: they may read it but not see the
 *   reporter's identity, edit or decide it.
 */
export type CaseAccess = "hidden" | "stub" | "recused" | "full";

/** Who is looking: a signed-in team member (their linked member record, if any), or the system. */
export type CaseViewer = { userId: string; memberId: string | null; role: TRole } | { system: true };

export type CaseParties = {
  subjectId: string;
  reporterMemberId: string | null;
  involvedMemberIds: string[];
  /** Need to know: only the users in teamUserIds see it. */
  restricted?: boolean;
  /** The case team's current members (user ids); read only when restricted. */
  teamUserIds?: string[];
};

export function caseAccess(viewer: CaseViewer, parties: CaseParties): CaseAccess {
  if ("system" in viewer) return "full";
  const { memberId } = viewer;
  if (memberId && parties.subjectId === memberId) return "hidden";
  if (parties.restricted && !(parties.teamUserIds ?? []).includes(viewer.userId)) return viewer.role === "admin" ? "stub" : "hidden";
  if (memberId && (parties.reporterMemberId === memberId || parties.involvedMemberIds.includes(memberId))) return "recused";
  return "full";
}

/** Whether the case is about the viewer's own record, or names them as reporter or involved. */
export function isParty(memberId: string | null | undefined, parties: CaseParties): boolean {
  return (
    !!memberId && (parties.subjectId === memberId || parties.reporterMemberId === memberId || parties.involvedMemberIds.includes(memberId))
  );
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
