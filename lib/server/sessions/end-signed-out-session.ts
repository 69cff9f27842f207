import "server-only";
import { z } from "zod";
import { recordAudit } from "../audit.ts";
import { getDb } from "../db.ts";

const ZSignedOutToken = z.object({ sid: z.uuid(), uid: z.uuid() });

/**
 * Sign-out (next-auth's signOut event, given the decoded session JWT): ends that session on the
 * server, so the same cookie, copied or replayed, no longer signs anyone in. Audited as the user's
 * own action. A token without a session, or one already ended, changes nothing.
 */
export async function endSignedOutSession(token: unknown): Promise<boolean> {
  const parsed = ZSignedOutToken.safeParse(token);
  if (!parsed.success) return false;
  const { sid, uid } = parsed.data;
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const session = await tx.session.findFirst({
      where: { id: sid, userId: uid, revokedAt: null },
      select: { id: true, browser: true, user: { select: { id: true, name: true } } },
    });
    if (!session) return false;
    const { count } = await tx.session.updateMany({
      where: { id: session.id, revokedAt: null },
      data: { revokedAt: new Date(), endReason: "signed_out" },
    });
    if (count !== 1) return false;
    await recordAudit(tx, {
      actor: { type: "user", userId: session.user.id, label: session.user.name },
      action: "auth.signed_out",
      entityType: "user",
      entityId: session.user.id,
      metadata: { session: session.id, browser: session.browser },
    });
    return true;
  });
}
