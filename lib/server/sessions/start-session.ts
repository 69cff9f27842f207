import "server-only";
import { getDb } from "../db.ts";
import type { ClientInfo } from "./client-info.ts";
import { ENDED_SESSION_RETENTION_MS, readSessionLimits } from "./session-config.ts";

/**
 * Records a new signed-in session for a user who has just been admitted (the password or GitHub
 * check, audited there, has passed) and returns its id, which the session JWT carries. The user's
 * sessions that ended more than 30 days ago are removed at the same time: they only ever served
 * the Sessions page's "recently ended" list; sign-ins and sign-outs stay in the audit trail.
 */
export async function startSession({ userId, client }: { userId: string; client: ClientInfo }): Promise<{ id: string }> {
  const db = await getDb();
  const limits = readSessionLimits();
  const now = new Date();
  const cutoff = now.getTime() - ENDED_SESSION_RETENTION_MS;
  return db.$transaction(async (tx) => {
    await tx.session.deleteMany({
      where: {
        userId,
        OR: [
          { revokedAt: { lt: new Date(cutoff) } },
          { revokedAt: null, lastSeenAt: { lt: new Date(cutoff - limits.idleMs) } },
          { revokedAt: null, createdAt: { lt: new Date(cutoff - limits.maxMs) } },
        ],
      },
    });
    return tx.session.create({
      data: { userId, browser: client.browser, address: client.address, createdAt: now, lastSeenAt: now },
      select: { id: true },
    });
  });
}
