import "server-only";
import { randomUUID } from "node:crypto";
import { handleKeys } from "@/lib/schemas/handle-skeleton.ts";
import type { TMemberRef } from "@/lib/schemas/member.ts";
import type { AuditActor } from "../audit.ts";
import { recordAudit } from "../audit.ts";
import type { Tx } from "../db.ts";
import { AppError } from "../errors.ts";
import { followMerges } from "./follow-merges.ts";
import { IDENTITY_ORDER } from "./identity-order.ts";

export type ResolvedMember = { id: string; displayName: string; created: boolean };

export type ResolveOptions = {
  /**
   * The member is named as a case's confidential reporter. An unknown handle then creates a
   * reporter-only record (out of every list and search) whose member.created event names
   * nobody: the audit trail must never identify a reporter.
   */
  asReporter?: boolean;
};

/**
 * Finds the member a reference names, inside the caller's transaction: by id, or by a
 * handle in a space (compared as normalizeHandle does). A retired handle still names its
 * member: nobody escapes their history by changing handles. An unknown handle creates the
 * member, audited as member.created. A merged record resolves to the one it was merged into.
 * A reporter-only record named in any other role (subject, involved) joins the lists from
 * then on, audited as member.listed.
 */
export async function resolveMemberRef(tx: Tx, ref: TMemberRef, actor: AuditActor, options: ResolveOptions = {}): Promise<ResolvedMember> {
  const asReporter = options.asReporter === true;
  if ("memberId" in ref) {
    const id = await followMerges(tx, ref.memberId);
    const member = id ? await tx.member.findUnique({ where: { id }, select: { id: true, displayName: true, reporterOnly: true } }) : null;
    if (!member) throw new AppError("not_found", "This member does not exist");
    return found(tx, member, actor, asReporter);
  }
  const { handleNormalized, skeleton } = handleKeys(ref.handle);
  const findHolder = async () => {
    const identity = await tx.memberIdentity.findUnique({
      where: { space_handleNormalized: { space: ref.space, handleNormalized } },
      select: { member: { select: { id: true, displayName: true, reporterOnly: true, mergedIntoId: true } } },
    });
    if (!identity) return null;
    if (!identity.member.mergedIntoId) return identity.member;
    // Merges move every identity: this is only for rows written otherwise.
    const id = await followMerges(tx, identity.member.mergedIntoId);
    return id ? tx.member.findUnique({ where: { id }, select: { id: true, displayName: true, reporterOnly: true } }) : null;
  };
  const holder = await findHolder();
  if (holder) return found(tx, holder, actor, asReporter);

  const handle = ref.handle.trim();
  const displayName = ref.displayName?.trim() || handle.replace(/^@+/, "");
  const created = await tx.member.create({ data: { displayName, reporterOnly: asReporter }, select: { id: true, displayName: true } });
  // Two requests naming the same new handle at once: the second waits for the first to
  // commit, inserts nothing, and uses the member the first created, instead of failing.
  const inserted = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "MemberIdentity" ("id", "memberId", "space", "handle", "handleNormalized", "skeleton")
    VALUES (${randomUUID()}::uuid, ${created.id}::uuid, ${ref.space}::"Space", ${handle}, ${handleNormalized}, ${skeleton})
    ON CONFLICT ("space", "handleNormalized") DO NOTHING
    RETURNING "id"`;
  if (inserted.length === 0) {
    await tx.member.delete({ where: { id: created.id } });
    const winner = await findHolder();
    if (!winner) throw new AppError("conflict", "This handle changed while the case was being saved: try again");
    return found(tx, winner, actor, asReporter);
  }
  // A record made for a confidential reporter is audited without its id, name or handle: an
  // event pointing at it, written the same second as the case, would say who reported.
  await recordAudit(tx, {
    actor,
    action: "member.created",
    entityType: "member",
    ...(asReporter
      ? { after: { confidential: true }, metadata: { via: "case.reporter" } }
      : { entityId: created.id, after: { displayName, identities: [{ space: ref.space, handle }] } }),
  });
  return { ...created, created: true };
}

/** An existing member: a reporter-only record named in another role is listed from now on. */
async function found(
  tx: Tx,
  member: { id: string; displayName: string; reporterOnly: boolean },
  actor: AuditActor,
  asReporter: boolean,
): Promise<ResolvedMember> {
  if (member.reporterOnly && !asReporter) {
    // Only the first of two concurrent namings flips it, and audits it.
    const { count } = await tx.member.updateMany({ where: { id: member.id, reporterOnly: true }, data: { reporterOnly: false } });
    if (count === 1) {
      const identities = await tx.memberIdentity.findMany({
        where: { memberId: member.id, retiredAt: null },
        orderBy: IDENTITY_ORDER,
        select: { space: true, handle: true },
      });
      await recordAudit(tx, {
        actor,
        action: "member.listed",
        entityType: "member",
        entityId: member.id,
        after: { displayName: member.displayName, identities },
      });
    }
  }
  return { id: member.id, displayName: member.displayName, created: false };
}
