import "server-only";
import { caseAccess } from "@/lib/policy/case-access.ts";
import { ZLinkUserMemberSchema, type TLinkUserMember, type TMemberHandleRef } from "@/lib/schemas/user.ts";
import { identityNoun } from "@/lib/schemas/member.ts";
import { handleKeys } from "@/lib/schemas/handle-skeleton.ts";
import { auditActorOf, recordAudit, type AuditActor } from "../audit.ts";
import { CASE_PARTIES_SELECT, partiesOf, viewerOf } from "../cases/visibility.ts";
import { getDb, type Tx } from "../db.ts";
import { AppError } from "../errors.ts";
import { followMerges } from "../members/follow-merges.ts";
import { assertCan, type Actor, type SystemActor } from "../permissions.ts";
import { parseInput } from "../zod-errors.ts";

export type LinkedMember = { id: string; displayName: string };

export type LinkResult = {
  userId: string;
  userName: string;
  /** The member record the account is linked to now; null after an unlink. */
  member: LinkedMember | null;
  /** What changed: nothing (already so), a first link, a move to another record, an unlink. */
  change: "unchanged" | "linked" | "relinked" | "unlinked";
  /** The member record was created by this link (nobody held the handle). */
  created: boolean;
  /** Cases assigned to the account that it may no longer work (about, or involving, its member): unassigned. */
  unassigned: string[];
};

export const OWN_LINK_MESSAGE =
  "You cannot change the member record of your own account: ask another admin (or run npm run user:link on the server)";

const LINK_LOCK = 727073694;

/**
 * Links a team account to its member record, moves the link to another record, or removes it.
 * One account, one member. From the moment of linking, the conflict-of-interest rules follow
 * the link for every case, old and new: cases about the member are hidden from the account and
 * cases reporting or involving the member recuse it. Cases the account was assigned and may no
 * longer work (about the member, or involving them) are unassigned in the same transaction.
 * Audited as user.member_linked, user.member_relinked or user.member_unlinked.
 */
export async function linkUserMember({
  actor,
  input,
}: {
  actor: Actor | SystemActor;
  input: TLinkUserMember | unknown;
}): Promise<LinkResult> {
  assertCan(actor, "user.manage");
  const data = parseInput(ZLinkUserMemberSchema, input);
  if (!("system" in actor) && actor.id === data.userId) throw new AppError("forbidden", OWN_LINK_MESSAGE);
  const db = await getDb();
  try {
    return await db.$transaction((tx) => applyMemberLink(tx, actor, data));
  } catch (error) {
    // Two links to one record at once (the unique memberId): the second is told, never a 500.
    if ((error as { code?: string }).code === "P2002") {
      throw new AppError("conflict", "This member record was just linked to another account: reload and try again");
    }
    throw error;
  }
}

/** The link change inside the caller's transaction (createUser links a new account in its own). */
export async function applyMemberLink(tx: Tx, actor: Actor | SystemActor, data: TLinkUserMember): Promise<LinkResult> {
  const audit = auditActorOf(actor);
  // One link change at a time: two admins linking two accounts to one record queue here.
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${LINK_LOCK})`);
  const user = await tx.user.findUnique({
    where: { id: data.userId },
    select: { id: true, name: true, memberId: true, member: { select: { id: true, displayName: true } } },
  });
  if (!user) throw new AppError("not_found", "This user does not exist", { userId: "This user does not exist" });
  const before = user.member;

  if (data.member === null) {
    if (!before) return { userId: user.id, userName: user.name, member: null, change: "unchanged", created: false, unassigned: [] };
    await tx.user.update({ where: { id: user.id }, data: { memberId: null } });
    await recordAudit(tx, {
      actor: audit,
      action: "user.member_unlinked",
      entityType: "user",
      entityId: user.id,
      before: { member: before },
      after: { member: null },
    });
    return { userId: user.id, userName: user.name, member: null, change: "unlinked", created: false, unassigned: [] };
  }

  const { member, created } = await findOrCreateMember(tx, data.member, data.create === true, user.name, audit);
  if (before?.id === member.id) {
    return { userId: user.id, userName: user.name, member, change: "unchanged", created: false, unassigned: [] };
  }
  const holder = await tx.user.findFirst({ where: { memberId: member.id }, select: { name: true } });
  if (holder) {
    throw new AppError("conflict", `${member.displayName} is already linked to the account of ${holder.name}: a person has one account`, {
      member: `Already linked to ${holder.name}`,
    });
  }
  await tx.user.update({ where: { id: user.id }, data: { memberId: member.id } });
  const change = before ? "relinked" : "linked";
  await recordAudit(tx, {
    actor: audit,
    action: `user.member_${change}`,
    entityType: "user",
    entityId: user.id,
    before: { member: before },
    after: { member, ...(created ? { created: true } : {}) },
    ...("handle" in data.member ? { metadata: { via: { space: data.member.space, handle: data.member.handle.trim() } } } : {}),
  });
  const unassigned = await unassignConflicts(tx, actor, user.id, member.id, audit);
  return { userId: user.id, userName: user.name, member, change, created, unassigned };
}

async function findOrCreateMember(
  tx: Tx,
  ref: TMemberHandleRef | { memberId: string },
  create: boolean,
  userName: string,
  audit: AuditActor,
): Promise<{ member: LinkedMember; created: boolean }> {
  if ("memberId" in ref) {
    const id = await followMerges(tx, ref.memberId);
    const member = id ? await tx.member.findUnique({ where: { id }, select: { id: true, displayName: true } }) : null;
    if (!member) throw new AppError("not_found", "This member does not exist", { member: "This member does not exist" });
    return { member, created: false };
  }
  const { handleNormalized, skeleton } = handleKeys(ref.handle);
  const identity = await tx.memberIdentity.findUnique({
    where: { space_handleNormalized: { space: ref.space, handleNormalized } },
    select: { memberId: true },
  });
  if (identity) {
    const id = await followMerges(tx, identity.memberId);
    const member = id ? await tx.member.findUnique({ where: { id }, select: { id: true, displayName: true } }) : null;
    if (member) return { member, created: false };
  }
  if (!create) {
    throw new AppError("not_found", `No member has the ${identityNoun(ref.space)} ${handleNormalized}`, {
      member: `No member has the ${identityNoun(ref.space)} ${handleNormalized}: create their record to link it`,
    });
  }
  const handle = ref.handle.trim();
  const member = await tx.member.create({
    data: { displayName: userName, identities: { create: { space: ref.space, handle, handleNormalized, skeleton } } },
    select: { id: true, displayName: true },
  });
  await recordAudit(tx, {
    actor: audit,
    action: "member.created",
    entityType: "member",
    entityId: member.id,
    after: { displayName: member.displayName, identities: [{ space: ref.space, handle }] },
    metadata: { via: "user.member_linked" },
  });
  return { member, created: true };
}

/**
 * Cases assigned to the account that its member record makes it unable to work: the subject
 * never sees a case about them, an involved person is recused. (A case the member reported is
 * left assigned: unassigning it would tell whoever reads the trail who reported it; the
 * recusal itself still stops the account from working it.)
 */
async function unassignConflicts(
  tx: Tx,
  actor: Actor | SystemActor,
  userId: string,
  memberId: string,
  audit: AuditActor,
): Promise<string[]> {
  const assigned = await tx.case.findMany({
    where: { assigneeId: userId, OR: [{ subjectId: memberId }, { involved: { some: { memberId } } }] },
    orderBy: [{ year: "asc" }, { sequence: "asc" }],
    select: { id: true, number: true, ...CASE_PARTIES_SELECT, assignee: { select: { id: true, name: true } } },
  });
  const numbers: string[] = [];
  for (const c of assigned) {
    const access = caseAccess({ userId, memberId, role: "moderator" }, { ...partiesOf(c), restricted: false });
    if (access === "full") continue;
    await tx.case.update({ where: { id: c.id }, data: { assigneeId: null, version: { increment: 1 } } });
    await recordAudit(tx, {
      actor: audit,
      action: "case.assigned",
      entityType: "case",
      entityId: c.id,
      before: { assignee: c.assignee },
      after: { assignee: null },
      metadata: { reason: "The assignee's account was linked to a member record that is a party to this case" },
    });
    // Only the cases the admin may see are named back to them.
    if (caseAccess(viewerOf(actor), partiesOf(c)) !== "hidden" && caseAccess(viewerOf(actor), partiesOf(c)) !== "stub")
      numbers.push(c.number);
  }
  return numbers;
}
