import "server-only";
import { randomUUID } from "node:crypto";
import { normalizeHandle } from "@/lib/schemas/vocabulary.ts";
import type { TMemberRef } from "@/lib/schemas/member.ts";
import type { AuditActor } from "../audit.ts";
import { recordAudit } from "../audit.ts";
import type { Tx } from "../db.ts";
import { AppError } from "../errors.ts";
import { followMerges } from "./follow-merges.ts";

export type ResolvedMember = { id: string; displayName: string; created: boolean };

/**
 * Finds the member a reference names, inside the caller's transaction: by id, or by a
 * handle in a space (case-insensitive, leading "@" ignored). An unknown handle creates
 * the member, audited as member.created. A merged record resolves to the one it was
 * merged into.
 */
export async function resolveMemberRef(tx: Tx, ref: TMemberRef, actor: AuditActor): Promise<ResolvedMember> {
  if ("memberId" in ref) {
    const id = await followMerges(tx, ref.memberId);
    const member = id ? await tx.member.findUnique({ where: { id }, select: { id: true, displayName: true } }) : null;
    if (!member) throw new AppError("not_found", "This member does not exist");
    return { ...member, created: false };
  }
  const handleNormalized = normalizeHandle(ref.handle);
  const findHolder = () =>
    tx.memberIdentity.findUnique({
      where: { space_handleNormalized: { space: ref.space, handleNormalized } },
      select: { member: { select: { id: true, displayName: true } } },
    });
  const identity = await findHolder();
  if (identity) return { ...identity.member, created: false };
  const handle = ref.handle.trim();
  const displayName = ref.displayName?.trim() || handle.replace(/^@+/, "");
  const created = await tx.member.create({ data: { displayName }, select: { id: true, displayName: true } });
  // Two requests naming the same new handle at once: the second waits for the first to
  // commit, inserts nothing, and uses the member the first created, instead of failing.
  const inserted = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "MemberIdentity" ("id", "memberId", "space", "handle", "handleNormalized")
    VALUES (${randomUUID()}::uuid, ${created.id}::uuid, ${ref.space}::"Space", ${handle}, ${handleNormalized})
    ON CONFLICT ("space", "handleNormalized") DO NOTHING
    RETURNING "id"`;
  if (inserted.length === 0) {
    await tx.member.delete({ where: { id: created.id } });
    const holder = await findHolder();
    if (!holder) throw new AppError("conflict", "This handle changed while the case was being saved: try again");
    return { ...holder.member, created: false };
  }
  await recordAudit(tx, {
    actor,
    action: "member.created",
    entityType: "member",
    entityId: created.id,
    after: { displayName, identities: [{ space: ref.space, handle }] },
  });
  return { ...created, created: true };
}
