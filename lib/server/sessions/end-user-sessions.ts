import "server-only";
import { ZEndUserSessionsSchema } from "@/lib/schemas/session.ts";
import { auditActorOf, recordAudit } from "../audit.ts";
import { getDb } from "../db.ts";
import { AppError } from "../errors.ts";
import { assertCan, type Actor, type SystemActor } from "../permissions.ts";
import { parseInput } from "../zod-errors.ts";
import { readSessionLimits } from "./session-config.ts";
import { liveSessionsWhere } from "./session-where.ts";

/**
 * An admin signs a team member out everywhere (a lost laptop, a shared computer): every session
 * they have ends at its next request; their account stays active and they may sign in again.
 * Audited with how many sessions ended.
 */
export async function endUserSessions({ actor, input }: { actor: Actor | SystemActor; input: unknown }) {
  assertCan(actor, "user.manage");
  const { userId } = parseInput(ZEndUserSessionsSchema, input);
  if (!("system" in actor) && actor.id === userId) {
    throw new AppError("rule", "To sign yourself out elsewhere, use Sessions in your account menu");
  }
  const db = await getDb();
  const now = new Date();
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, name: true } });
    if (!user) throw new AppError("not_found", "This user does not exist");
    const { count } = await tx.session.updateMany({
      where: { userId: user.id, ...liveSessionsWhere(readSessionLimits(), now) },
      data: { revokedAt: now, endReason: "ended_by_admin" },
    });
    if (count > 0) {
      await recordAudit(tx, {
        actor: auditActorOf(actor),
        action: "user.signed_out_everywhere",
        entityType: "user",
        entityId: user.id,
        metadata: { sessions: count },
      });
    }
    return { id: user.id, name: user.name, count };
  });
}
