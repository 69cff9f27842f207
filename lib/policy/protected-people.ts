/*
 * How a Warning's protected people are named wherever they are listed (case page, member page,
 * notice), so that nobody learns from the list who reported the case:
 * - someone protected only as the case's reporter (their protection row is not "named") reads
 *   "The reporter (confidential)", never their name;
 * - the enforcing moderators ("decider", "assignee") are named by their roles, from their
 *   accounts: when the assignee happens to be the reporter, the list reads exactly as when
 *   they are two people;
 * - anyone else protected (the involved people, or someone named by id) is named.
 */

export const PROTECTED_ROLES = ["reporter", "decider", "assignee"] as const;
export type TProtectedRole = (typeof PROTECTED_ROLES)[number];

export const REPORTER_LABEL = "The reporter (confidential)";

export type ProtectedPerson = {
  /** null: named by role only (the reporter), never linked to a member page. */
  memberId: string | null;
  label: string;
  role: "involved" | "named" | TProtectedRole;
};

export type ProtectedPeopleInput = {
  /** NoContactProtection rows: who is protected; `named` false for someone protected only as the reporter. */
  protectedMembers: { id: string; displayName: string; named: boolean }[];
  roles: readonly string[];
  involvedMemberIds: readonly string[];
  decider: { name: string; memberId: string | null } | null;
  assignee: { name: string; memberId: string | null } | null;
};

export function protectedPeople(input: ProtectedPeopleInput): ProtectedPerson[] {
  const roles = new Set(input.roles);
  const involved = new Set(input.involvedMemberIds);
  const decider = roles.has("decider") && input.decider?.memberId ? { ...input.decider, memberId: input.decider.memberId } : null;
  const assignee =
    roles.has("assignee") && input.assignee?.memberId && input.assignee.memberId !== decider?.memberId
      ? { ...input.assignee, memberId: input.assignee.memberId }
      : null;
  // Member records named by a role line below are not listed again by name.
  const byRole = new Set([decider?.memberId, assignee?.memberId].filter((id): id is string => !!id));
  const isProtected = (id: string) => input.protectedMembers.some((m) => m.id === id);

  const people: ProtectedPerson[] = input.protectedMembers
    .filter((m) => m.named && !byRole.has(m.id))
    .map((m) => ({ memberId: m.id, label: m.displayName, role: involved.has(m.id) ? "involved" : "named" }));
  people.sort((a, b) => a.label.localeCompare(b.label));
  if (roles.has("reporter")) people.push({ memberId: null, label: REPORTER_LABEL, role: "reporter" });
  if (decider && isProtected(decider.memberId)) {
    people.push({ memberId: decider.memberId, label: `${decider.name} (deciding moderator)`, role: "decider" });
  }
  if (assignee && isProtected(assignee.memberId)) {
    people.push({ memberId: assignee.memberId, label: `${assignee.name} (assigned moderator)`, role: "assignee" });
  }
  return people;
}
