import "server-only";
import { ZUpdateUserSchema } from "@/lib/schemas/user.ts";
import { auditActorOf, recordAudit } from "../audit.ts";
import { getDb } from "../db.ts";
import { AppError } from "../errors.ts";
import { assertCan, type Actor, type SystemActor } from "../permissions.ts";
import { parseInput } from "../zod-errors.ts";

/**
 * Changes a team member's role or deactivates / reactivates them. A deactivated user
 * loses access on their next request. The team never loses its last active admin.
 */
export async function updateUser({ actor, input }: { actor: Actor | SystemActor; input: unknown }) {
  assertCan(actor, "user.manage");
  const data = parseInput(ZUpdateUserSchema, input);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    // Serialise admin changes so two admins cannot demote each other at the same time.
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(727073693)`);
    const user = await tx.user.findUnique({ where: { id: data.userId }, select: { id: true, name: true, role: true, active: true } });
    if (!user) throw new AppError("not_found", "This user does not exist");
    const next = { role: data.role ?? user.role, active: data.active ?? user.active };
    if (next.role === user.role && next.active === user.active) return user;
    if (!("system" in actor) && actor.id === user.id && !next.active) {
      throw new AppError("rule", "You cannot deactivate yourself: ask another admin");
    }
    if (user.role === "admin" && user.active && (next.role !== "admin" || !next.active)) {
      const admins = await tx.user.count({ where: { role: "admin", active: true } });
      if (admins <= 1) throw new AppError("rule", "The team needs at least one active admin: make someone else admin first");
    }
    const deactivating = user.active && !next.active;
    const now = new Date();
    const updated = await tx.user.update({
      where: { id: user.id },
      // Deactivating ends every session signed in before now, even after a reactivation.
      data: { ...next, ...(deactivating ? { sessionsRevokedAt: now } : {}) },
      select: { id: true, name: true, role: true, active: true },
    });
    if (deactivating) {
      await tx.session.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: now, endReason: "deactivated" } });
    }
    const action = next.role !== user.role ? "user.role_changed" : next.active ? "user.reactivated" : "user.deactivated";
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action,
      entityType: "user",
      entityId: user.id,
      before: { role: user.role, active: user.active },
      after: next,
    });
    if (next.role !== user.role && next.active !== user.active) {
      await recordAudit(tx, {
        actor: auditActorOf(actor),
        action: next.active ? "user.reactivated" : "user.deactivated",
        entityType: "user",
        entityId: user.id,
        before: { active: user.active },
        after: { active: next.active },
      });
    }
    return updated;
  });
}
