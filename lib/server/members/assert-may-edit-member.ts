import "server-only";
import type { PrismaClient, Tx } from "../db.ts";
import { AppError } from "../errors.ts";
import { reportedByWhere } from "../cases/case-reporter.ts";
import { visibleCasesWhere } from "../cases/visibility.ts";
import type { Actor, SystemActor } from "../permissions.ts";

export const OWN_RECORD_EDIT_MESSAGE = "You cannot change your own member record: ask another moderator";
export const CONFLICTED_RECORD_EDIT_MESSAGE =
  "You cannot change this member record: its person is a party to a case you are recused from. Ask another moderator";

/**
 * Nobody edits their own member record (name, identities, merges): a subject who could retire
 * their own handle would have the next case about it land on a fresh, clean record. Nor the
 * record of the subject or an involved person of a case they are recused from: they are a party
 * to it, and those people are named on the case they can read.
 *
 * Deliberately not refused (each refusal would be an oracle): the record of a case's reporter
 * (refusing it would tell a recused moderator who reported), and records named in cases hidden
 * from the actor (about them, or restricted to a team they are not on: refusing would tell them
 * such a case exists and whom it names). Those edits stay possible, and every one is audited,
 * with identities retired rather than deleted, so nothing a conflicted editor does is lost.
 */
export async function assertMayEditMember(db: Tx | PrismaClient, actor: Actor | SystemActor, memberIds: string[]): Promise<void> {
  if ("system" in actor) return;
  if (actor.memberId && memberIds.includes(actor.memberId)) throw new AppError("forbidden", OWN_RECORD_EDIT_MESSAGE);
  if (!actor.memberId) return;
  const me = actor.memberId;
  const found = await db.case.findFirst({
    where: {
      AND: [
        // Named where the actor can see it: the subject, or an involved person.
        { OR: [{ subjectId: { in: memberIds } }, { involved: { some: { memberId: { in: memberIds } } } }] },
        // A case the actor is recused from (reported by or involving them) and can see.
        { OR: [reportedByWhere(me), { involved: { some: { memberId: me } } }] },
        visibleCasesWhere(actor),
      ],
    },
    select: { id: true },
  });
  if (found) throw new AppError("forbidden", CONFLICTED_RECORD_EDIT_MESSAGE);
}
