import "server-only";
import { sessionExpiresAt, sessionState } from "@/lib/policy/session-expiry.ts";
import { getDb } from "../db.ts";
import type { SessionEndReason } from "../generated/prisma/client.ts";
import { assertCan, type Actor } from "../permissions.ts";
import { ENDED_SESSION_RETENTION_MS, readSessionLimits } from "./session-config.ts";

export type SessionEnd = SessionEndReason | "idle" | "expired";

type Base = { id: string; browser: string; address: string | null; createdAt: Date; lastSeenAt: Date };
export type LiveSession = Base & { current: boolean; expiresAt: Date };
export type EndedSession = Base & { endedAt: Date; reason: SessionEnd };

/**
 * The actor's own sessions: those still working (the current one first, then by last seen) and
 * those that ended in the last 30 days, with why. Only ever the actor's: nobody lists another
 * person's sessions.
 */
export async function listSessions({
  actor,
}: {
  actor: Actor & { sessionId?: string | null };
}): Promise<{ live: LiveSession[]; ended: EndedSession[] }> {
  assertCan(actor, "session.manage_own");
  const db = await getDb();
  const limits = readSessionLimits();
  const now = new Date();
  const rows = await db.session.findMany({
    where: { userId: actor.id },
    orderBy: [{ lastSeenAt: "desc" }, { id: "asc" }],
    take: 500,
    select: { id: true, browser: true, address: true, createdAt: true, lastSeenAt: true, revokedAt: true, endReason: true },
  });
  const live: LiveSession[] = [];
  const ended: EndedSession[] = [];
  for (const row of rows) {
    const { revokedAt, endReason, ...base } = row;
    const state = sessionState(row, limits, now);
    const expiresAt = sessionExpiresAt(row, limits);
    if (state === "active") {
      live.push({ ...base, current: row.id === actor.sessionId, expiresAt });
      continue;
    }
    const endedAt = revokedAt ?? expiresAt;
    if (now.getTime() - endedAt.getTime() > ENDED_SESSION_RETENTION_MS) continue;
    ended.push({ ...base, endedAt, reason: state === "revoked" ? (endReason ?? "signed_out") : state });
  }
  live.sort((a, b) => Number(b.current) - Number(a.current));
  ended.sort((a, b) => b.endedAt.getTime() - a.endedAt.getTime());
  return { live, ended: ended.slice(0, 20) };
}
