import "server-only";
import { recordAudit } from "../audit.ts";
import type { OpenDatabase } from "../db/open.ts";
import { ABANDONED_KEY_ACTION } from "./load-data-keys.ts";
import { decryptReporter, encryptReporter, ReporterUnreadableError, type ReporterIdentity } from "./reporter-identity.ts";
import type { DataKeys } from "./data-keys.ts";

const BATCH = 500;
const ACTOR = { type: "system", label: "keys:rotate" } as const;

export type RotationResult = {
  keyId: string;
  /** Reporters encrypted again under keyId by this run (with their blind index recomputed). */
  reencrypted: number;
  /** Cases whose reporter no configured key opens (or that were altered), by key id. */
  unreadable: Map<string, number>;
  abandoned: boolean;
};

type Row = { id: string; encrypted: string };

/**
 * Moves every case's reporter to the current key of `keys`: each one not already under it is
 * decrypted with whichever key of the ring opens it, encrypted again under the current key, and
 * its blind index recomputed under that key's index key, a batch per statement. A row changed
 * meanwhile (by a running instance) is skipped and picked up by the next pass; passes repeat
 * until one moves nothing. Interrupted, it is simply run again: every row is either under its
 * old key or under the new one, both of which the ring still opens. Audited as data_key.rotated
 * (key ids and counts, never a reporter); with `abandonUnreadable`, the keys that open nothing
 * any more are recorded as abandoned (data_key.abandoned), so the app starts without them.
 */
export async function rotateReporterKey(
  db: OpenDatabase,
  keys: DataKeys,
  options: { abandonUnreadable?: boolean } = {},
): Promise<RotationResult> {
  const target = keys.current.id;
  let reencrypted = 0;
  let unreadable = new Map<string, number>();
  for (;;) {
    const pass = await onePass(db, keys);
    reencrypted += pass.moved;
    unreadable = pass.unreadable;
    if (pass.moved === 0) break;
  }
  const from = [...keys.byId.keys()].filter((id) => id !== target);
  const abandon = options.abandonUnreadable === true && unreadable.size > 0;
  await db.prisma.$transaction(async (tx) => {
    await recordAudit(tx, {
      actor: ACTOR,
      action: "data_key.rotated",
      metadata: { keyId: target, from, reencrypted, unreadable: Object.fromEntries(unreadable) },
    });
    if (abandon) {
      for (const [keyId, cases] of unreadable)
        await recordAudit(tx, { actor: ACTOR, action: ABANDONED_KEY_ACTION, metadata: { keyId, cases } });
    }
  });
  return { keyId: target, reencrypted, unreadable, abandoned: abandon };
}

async function onePass(db: OpenDatabase, keys: DataKeys): Promise<{ moved: number; unreadable: Map<string, number> }> {
  const target = keys.current.id;
  const unreadable = new Map<string, number>();
  let moved = 0;
  let cursor = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const rows = await db.prisma.$queryRaw<Row[]>`
      SELECT id::text AS id, "reporterEncrypted" AS encrypted FROM "Case"
       WHERE "reporterEncrypted" IS NOT NULL AND split_part("reporterEncrypted", '.', 2) <> ${target} AND id > ${cursor}::uuid
       ORDER BY id LIMIT ${BATCH}`;
    if (rows.length === 0) return { moved, unreadable };
    cursor = rows[rows.length - 1]!.id;
    const updates: { id: string; old: string; e: string; b: string | null }[] = [];
    for (const row of rows) {
      let identity: ReporterIdentity;
      try {
        identity = decryptReporter(keys, row.id, row.encrypted);
      } catch (error) {
        if (!(error instanceof ReporterUnreadableError)) throw error;
        const keyId = error.keyId ?? "unknown";
        unreadable.set(keyId, (unreadable.get(keyId) ?? 0) + 1);
        continue;
      }
      const next = encryptReporter(keys, row.id, identity);
      updates.push({ id: row.id, old: row.encrypted, e: next.reporterEncrypted, b: next.reporterBlindIndex });
    }
    if (updates.length === 0) continue;
    // Only rows still as read: one a running instance changed meanwhile is left for the next pass.
    moved += await db.prisma.$executeRaw`
      UPDATE "Case" AS c SET "reporterEncrypted" = u.e, "reporterBlindIndex" = u.b
        FROM json_to_recordset(${JSON.stringify(updates)}::json) AS u(id uuid, old text, e text, b text)
       WHERE c.id = u.id AND c."reporterEncrypted" = u.old`;
  }
}
