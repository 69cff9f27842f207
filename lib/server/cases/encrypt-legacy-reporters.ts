// No "server-only" here: the database opener runs it for CLI scripts and tests outside Next too.
import type { DataKeys } from "../crypto/data-keys.ts";
import { encryptReporter, type ReporterIdentity } from "../crypto/reporter-identity.ts";
import type { MigrationExecutor } from "../db/migrate.ts";

const BATCH = 500;

type LegacyRow = { id: string; memberId: string | null; name: string | null; contact: string | null; encrypted: string | null };

/**
 * Cases written before reporters were encrypted (migration reporters_encrypted) held them in
 * clear: at every database open, right after the migrations and before anything is served, their
 * reporter is encrypted under the current key and the clear columns emptied, a batch per
 * statement. A row someone else converted meanwhile (another instance starting) is left as it
 * is. Recorded in the audit trail as one event, with the number of cases only (never who). One
 * query when there is nothing to do, which is every start but the first after the upgrade.
 */
export async function encryptLegacyReporters(db: Pick<MigrationExecutor, "query">, keys: DataKeys): Promise<number> {
  let done = 0;
  for (;;) {
    const rows = await db.query<LegacyRow>(
      `SELECT id::text AS id, "reporterMemberId"::text AS "memberId", "reporterName" AS name, "reporterContact" AS contact,
              "reporterEncrypted" AS encrypted
         FROM "Case"
        WHERE "reporterMemberId" IS NOT NULL OR "reporterName" IS NOT NULL OR "reporterContact" IS NOT NULL
        ORDER BY id LIMIT ${BATCH}`,
    );
    if (rows.length === 0) break;
    const updates = rows.map((row) => {
      // Never both: the CHECK constraint refuses clear columns on any row written since the migration.
      if (row.encrypted) return { id: row.id, e: row.encrypted, b: null, keep: true };
      const identity: ReporterIdentity = {
        ...(row.memberId ? { memberId: row.memberId } : {}),
        ...(row.name !== null ? { name: row.name } : {}),
        ...(row.contact !== null ? { contact: row.contact } : {}),
      };
      const sealed = encryptReporter(keys, row.id, identity);
      return { id: row.id, e: sealed.reporterEncrypted, b: sealed.reporterBlindIndex, keep: false };
    });
    const written = await db.query<{ id: string }>(
      `UPDATE "Case" AS c
          SET "reporterEncrypted" = CASE WHEN u.keep THEN c."reporterEncrypted" ELSE u.e END,
              "reporterBlindIndex" = CASE WHEN u.keep THEN c."reporterBlindIndex" ELSE u.b END,
              "reporterMemberId" = NULL, "reporterName" = NULL, "reporterContact" = NULL
         FROM json_to_recordset($1::json) AS u(id uuid, e text, b text, keep boolean)
        WHERE c.id = u.id AND (c."reporterMemberId" IS NOT NULL OR c."reporterName" IS NOT NULL OR c."reporterContact" IS NOT NULL)
        RETURNING c.id::text AS id`,
      [JSON.stringify(updates)],
    );
    done += written.length;
  }
  if (done > 0) {
    // The trigger chains it like any other event; the time as the app writes it (UTC, milliseconds).
    await db.query(
      `INSERT INTO "AuditEvent" ("occurredAt", "actorType", "actorLabel", action, metadata)
       VALUES (date_trunc('milliseconds', now() AT TIME ZONE 'UTC'), 'system', 'database upgrade', 'case.reporters_encrypted', $1::jsonb)`,
      [JSON.stringify({ cases: done, keyId: keys.current.id })],
    );
  }
  return done;
}
