import "server-only";
import { auditActorOf, recordAudit } from "../audit.ts";
import { getDb } from "../db.ts";
import { AppError } from "../errors.ts";
import { assertCan, type Actor } from "../permissions.ts";
import { readSessionLimits } from "./session-config.ts";
import { liveSessionsWhere } from "./session-where.ts";

/** Signs out every session of the actor but the one they are using. Audited with how many ended. */
export async function endOtherSessions({ actor }: { actor: Actor & { sessionId?: string | null } }): Promise<{ count: number }> {
  assertCan(actor, "session.manage_own");
  const keep = actor.sessionId;
  if (!keep) throw new AppError("unauthenticated", "Your session has ended: sign in again");
  const db = await getDb();
  const now = new Date();
  return db.$transaction(async (tx) => {
    const ended = await tx.session.findMany({
      where: { userId: actor.id, id: { not: keep }, ...liveSessionsWhere(readSessionLimits(), now) },
      select: { id: true },
    });
    if (ended.length === 0) return { count: 0 };
    const { count } = await tx.session.updateMany({
      where: { id: { in: ended.map((s) => s.id) }, revokedAt: null },
      data: { revokedAt: now, endReason: "ended_by_user" },
    });
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "auth.other_sessions_ended",
      entityType: "user",
      entityId: actor.id,
      metadata: { sessions: count, kept: keep },
    });
    return { count };
  });
}
