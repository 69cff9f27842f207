import "server-only";
import { isLastSeenDue, sessionState } from "@/lib/policy/session-expiry.ts";
import type { TRole } from "@/lib/schemas/vocabulary.ts";
import { getDb } from "../db.ts";
import type { Actor } from "../permissions.ts";
import { readSessionLimits } from "./session-config.ts";

/** `mustEnrolTwoFactor`: the team requires two-factor sign-in and this user has not set it up. */
export type SessionUser = Actor & { email: string; sessionId: string; mustEnrolTwoFactor: boolean };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Row = {
  userId: string;
  createdAt: Date;
  lastSeenAt: Date;
  revokedAt: Date | null;
  name: string;
  email: string;
  role: TRole;
  active: boolean;
  memberId: string | null;
  sessionsRevokedAt: Date | null;
  mustEnrolTwoFactor: boolean;
};

/**
 * The user behind a session JWT's claims, or null: no session id (a token from before server
 * sessions), a session that was ended, is idle or too old, or a deactivated user. One query (the
 * session joined to its user, and whether the team's two-factor requirement applies to them); "last seen" is written only when a minute has passed since.
 */
export async function resolveSession(claims: { uid?: unknown; sid?: unknown }): Promise<SessionUser | null> {
  const { uid, sid } = claims;
  if (typeof uid !== "string" || typeof sid !== "string" || !UUID.test(sid)) return null;
  const db = await getDb();
  const rows = await db.$queryRaw<Row[]>`
    SELECT s."userId", s."createdAt", s."lastSeenAt", s."revokedAt",
           u.name, u.email, u.role::text AS role, u.active, u."memberId", u."sessionsRevokedAt",
           (u."totpEnabledAt" IS NULL AND COALESCE((SELECT t."requireTwoFactor" FROM "TeamSettings" t WHERE t.id = 1), false))
             AS "mustEnrolTwoFactor"
      FROM "Session" s JOIN "User" u ON u.id = s."userId"
     WHERE s.id = ${sid}::uuid`;
  const row = rows[0];
  if (!row || row.userId !== uid || !row.active) return null;
  const now = new Date();
  if (sessionState(row, readSessionLimits(), now) !== "active") return null;
  // A deactivation ends every session signed in before it, even after a reactivation.
  if (row.sessionsRevokedAt && row.createdAt <= row.sessionsRevokedAt) return null;
  if (isLastSeenDue(row.lastSeenAt, now)) {
    // Guarded by the value read: of two requests at once, one writes.
    await db.session.updateMany({ where: { id: sid, revokedAt: null, lastSeenAt: row.lastSeenAt }, data: { lastSeenAt: now } });
  }
  return {
    id: row.userId,
    name: row.name,
    email: row.email,
    role: row.role,
    memberId: row.memberId,
    sessionId: sid,
    mustEnrolTwoFactor: row.mustEnrolTwoFactor,
  };
}
