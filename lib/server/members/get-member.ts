import "server-only";
import { z } from "zod";
import type { TSpace } from "@/lib/schemas/vocabulary.ts";
import { getDb } from "../db.ts";
import { AppError, isAppError } from "../errors.ts";
import { assertCan, type Actor, type SystemActor } from "../permissions.ts";
import { assertMayEditMember } from "./assert-may-edit-member.ts";
import { followMerges } from "./follow-merges.ts";
import { IDENTITY_ORDER, splitIdentities } from "./identity-order.ts";

export type MemberRecord = {
  id: string;
  displayName: string;
  version: number;
  /** The current identities. */
  identities: { space: TSpace; handle: string }[];
  /** Identities removed from the record: they still lead to it, and are never given to anyone else. */
  retiredIdentities: { space: TSpace; handle: string; retiredAt: Date }[];
  /** Set when this record was merged: where it lives now. */
  mergedIntoId: string | null;
};

/** A member's editable record (name, identities, version): no cases, so nothing confidential. */
export async function getMember({ actor, memberId }: { actor: Actor | SystemActor; memberId: string }): Promise<MemberRecord> {
  assertCan(actor, "member.view");
  if (!z.uuid().safeParse(memberId).success) throw new AppError("not_found", "This member does not exist");
  const db = await getDb();
  const member = await db.member.findUnique({
    where: { id: memberId },
    select: {
      id: true,
      displayName: true,
      version: true,
      mergedIntoId: true,
      reporterOnly: true,
      identities: { orderBy: IDENTITY_ORDER, select: { space: true, handle: true, retiredAt: true } },
    },
  });
  // A record that exists only as a case's confidential reporter has no page, not even to edit.
  if (!member || (member.reporterOnly && !("system" in actor))) throw new AppError("not_found", "This member does not exist");
  const { identities, reporterOnly: _reporterOnly, ...rest } = member;
  return {
    ...rest,
    ...splitIdentities(identities),
    mergedIntoId: member.mergedIntoId ? await followMerges(db, member.mergedIntoId) : null,
  };
}

/**
 * Why the actor may not change this member record (their own, or one named in a case they are
 * recused from or hidden from), or null when they may: the member page hides its Edit link and
 * the edit page shows this instead of the form. updateMember refuses the same anyway.
 */
export async function memberEditRefusal({ actor, memberId }: { actor: Actor | SystemActor; memberId: string }): Promise<string | null> {
  if (!z.uuid().safeParse(memberId).success) return null;
  try {
    await assertMayEditMember(await getDb(), actor, [memberId]);
    return null;
  } catch (error) {
    if (isAppError(error) && error.code === "forbidden") return error.message;
    throw error;
  }
}
