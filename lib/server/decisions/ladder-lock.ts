import "server-only";
import type { Tx } from "../db.ts";

/**
 * Takes the ladder lock of each member (the one recordDecision takes), until the transaction
 * ends: decisions, reversals, merges and breach-changing edits about one member then run one
 * at a time, each seeing the other's effect on the ladder. Several locks are taken in the
 * order of their keys, so two transactions that need overlapping sets queue instead of
 * deadlocking. Take them before any row lock and before the first audit event (the audit
 * chain's lock is held until commit).
 */
export async function lockLadders(tx: Tx, memberIds: readonly string[]): Promise<void> {
  const ids = [...new Set(memberIds)];
  if (ids.length === 0) return;
  if (ids.length === 1) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`ladder:${ids[0]}`}))`;
    return;
  }
  const keys = await tx.$queryRaw<{ key: number }[]>`
    SELECT DISTINCT hashtext('ladder:' || id) AS key FROM unnest(${ids}::text[]) AS id`;
  for (const key of keys.map((k) => Number(k.key)).sort((a, b) => a - b)) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${key}::int)`;
  }
}
