import "server-only";
import { ZEndSessionSchema } from "@/lib/schemas/session.ts";
import { auditActorOf, recordAudit } from "../audit.ts";
import { getDb } from "../db.ts";
import { AppError } from "../errors.ts";
import { assertCan, type Actor } from "../permissions.ts";
import { parseInput } from "../zod-errors.ts";
import { readSessionLimits } from "./session-config.ts";
import { liveSessionsWhere } from "./session-where.ts";

/**
 * Signs out one of the actor's other sessions (a browser left signed in elsewhere): it is refused
 * from its next request. Audited. Ending a session that has already ended changes nothing.
 */
export async function endSession({ actor, input }: { actor: Actor & { sessionId?: string | null }; input: unknown }) {
  assertCan(actor, "session.manage_own");
  const { sessionId } = parseInput(ZEndSessionSchema, input);
  if (sessionId === actor.sessionId) {
    throw new AppError("rule", "This is the session you are using: sign out from the account menu instead");
  }
  const db = await getDb();
  const now = new Date();
  return db.$transaction(async (tx) => {
    // Someone else's session is "not found", exactly like one that never existed.
    const session = await tx.session.findFirst({ where: { id: sessionId, userId: actor.id }, select: { id: true, browser: true } });
    if (!session) throw new AppError("not_found", "This session does not exist");
    const { count } = await tx.session.updateMany({
      where: { id: session.id, ...liveSessionsWhere(readSessionLimits(), now) },
      data: { revokedAt: now, endReason: "ended_by_user" },
    });
    if (count === 0) return { id: session.id, browser: session.browser, ended: false };
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "auth.session_ended",
      entityType: "user",
      entityId: actor.id,
      metadata: { session: session.id, browser: session.browser, from: actor.sessionId ?? null },
    });
    return { id: session.id, browser: session.browser, ended: true };
  });
}
