import "server-only";
import type { PrismaClient, Tx } from "../db.ts";
import { AppError } from "../errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { Actor, SystemActor } from "../permissions.ts";

export const OWN_RECORD_EDIT_MESSAGE = "You cannot change your own member record: ask another moderator";
export const CONFLICTED_RECORD_EDIT_MESSAGE =
  "You cannot change this member record: it concerns a case you are recused from or cannot see. Ask another moderator";

/**
 * Nobody edits their own member record (name, identities, merges), nor the record of anyone
 * named in a case (subject, reporter, involved) that they are recused from or hidden from: a
 * subject who could retire their own handle would have the next case about it land on a fresh,
 * clean record. The message never says which case, nor how the member is named in it.
 */
export async function assertMayEditMember(db: Tx | PrismaClient, actor: Actor | SystemActor, memberIds: string[]): Promise<void> {
  if ("system" in actor) return;
  if (actor.memberId && memberIds.includes(actor.memberId)) throw new AppError("forbidden", OWN_RECORD_EDIT_MESSAGE);
  const namesMember: Prisma.CaseWhereInput = {
    OR: [
      { subjectId: { in: memberIds } },
      { reporterMemberId: { in: memberIds } },
      { involved: { some: { memberId: { in: memberIds } } } },
    ],
  };
  const conflicted: Prisma.CaseWhereInput[] = [
    // Restricted to a case team the actor is not on: hidden from them.
    { restricted: true, team: { none: { userId: actor.id, removedAt: null } } },
  ];
  if (actor.memberId) {
    const me = actor.memberId;
    // About the actor (hidden), or reported by or involving them (recused).
    conflicted.push({ subjectId: me }, { reporterMemberId: me }, { involved: { some: { memberId: me } } });
  }
  const found = await db.case.findFirst({ where: { AND: [namesMember, { OR: conflicted }] }, select: { id: true } });
  if (found) throw new AppError("forbidden", CONFLICTED_RECORD_EDIT_MESSAGE);
}
