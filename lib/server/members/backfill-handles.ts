// No "server-only" here: the database opener runs it for CLI scripts and tests outside Next too.
import { handleKeys } from "../../schemas/handle-skeleton.ts";
import type { MigrationExecutor } from "../db/migrate.ts";

const BATCH = 1000;

type Row = { id: string; space: string; handle: string; handleNormalized: string };

export type BackfillResult = { filled: number; renormalized: number; kept: number };

/**
 * Identities written before handles had skeletons get theirs, at every database open, right
 * after the migrations: `skeleton` is filled in and `handleNormalized` re-derived from the
 * handle as typed with today's normalizeHandle (NFKC, invisible characters, case folding). When
 * the new key would collide with another identity in the same space, the row keeps its old key
 * (and says so in one warning line): two records that now compare equal are for a person to merge.
 * One indexed query when nothing is missing, which is every start but the first after an upgrade.
 */
export async function backfillHandleKeys(
  db: Pick<MigrationExecutor, "query">,
  options: { warn?: (line: string) => void } = {},
): Promise<BackfillResult> {
  const warn = options.warn ?? ((line: string) => console.warn(`[db] ${line}`));
  const result: BackfillResult = { filled: 0, renormalized: 0, kept: 0 };
  for (;;) {
    const rows = await db.query<Row>(
      `SELECT id::text AS id, space::text AS space, handle, "handleNormalized" FROM "MemberIdentity"
        WHERE skeleton IS NULL ORDER BY id LIMIT ${BATCH}`,
    );
    if (rows.length === 0) return result;
    const next = rows.map((row) => ({ row, ...handleKeys(row.handle) }));
    const changing = next.filter((n) => n.handleNormalized !== n.row.handleNormalized && n.handleNormalized !== "");
    // Keys already taken, by rows outside this batch or by the rows of this batch as they stand.
    const taken = new Set<string>();
    if (changing.length > 0) {
      const holders = await db.query<{ id: string; space: string; handleNormalized: string }>(
        `SELECT i.id::text AS id, i.space::text AS space, i."handleNormalized"
           FROM "MemberIdentity" i JOIN json_to_recordset($1::json) AS k(space text, n text)
             ON i.space::text = k.space AND i."handleNormalized" = k.n`,
        [JSON.stringify(changing.map((c) => ({ space: c.row.space, n: c.handleNormalized })))],
      );
      for (const h of holders) taken.add(`${h.space}:${h.handleNormalized}`);
    }
    for (const n of next) if (!changing.includes(n)) taken.add(`${n.row.space}:${n.row.handleNormalized}`);
    const updates = next.map((n) => {
      let normalized = n.row.handleNormalized;
      if (changing.includes(n)) {
        const key = `${n.row.space}:${n.handleNormalized}`;
        if (taken.has(key)) {
          warn(
            `MemberIdentity ${n.row.id}: the ${n.row.space} handle "${n.row.handle}" now reads as "${n.handleNormalized}", which another identity holds: kept "${normalized}" (merge the two records if they are one person)`,
          );
          result.kept++;
        } else {
          normalized = n.handleNormalized;
          result.renormalized++;
        }
        taken.add(`${n.row.space}:${normalized}`);
      }
      return { id: n.row.id, n: normalized, s: n.skeleton };
    });
    // One statement per batch; a row someone else filled meanwhile (another process opening) is left as it is.
    await db.query(
      `UPDATE "MemberIdentity" AS i SET "handleNormalized" = u.n, skeleton = u.s
         FROM json_to_recordset($1::json) AS u(id uuid, n text, s text)
        WHERE i.id = u.id AND i.skeleton IS NULL`,
      [JSON.stringify(updates)],
    );
    result.filled += updates.length;
  }
}
