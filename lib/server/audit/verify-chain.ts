import "server-only";
import type { PrismaClient } from "../db.ts";
import type { DatabaseConfig } from "../db/config.ts";
import { GENESIS_HASH, hashEvent, type ChainedFields } from "./chain.ts";

export type ChainHead = { seq: bigint; hash: string };

export type ChainReport =
  | { ok: true; count: number; head: ChainHead | null }
  | { ok: false; count: number; head: ChainHead | null; brokenAt: bigint | null; problem: string };

const BATCH = 5000;

type StoredEvent = ChainedFields & { hash: string };

/**
 * The first event of the range (from $1, excluded, to $2) whose seq does not follow the one
 * before it (events deleted) or whose prevHash is not that event's hash (reordered or
 * replaced); the event before the range is given ($3, $4: 0 and the genesis hash at the start).
 */
const FIRST_BROKEN_LINK = `
  SELECT seq::text, prev_seq::text AS "prevSeq", prev_hash AS "prevHash"
    FROM (SELECT seq, "prevHash" AS link, lag(seq, 1, $3::bigint) OVER w AS prev_seq, lag(hash, 1, $4::text) OVER w AS prev_hash
            FROM "AuditEvent" WHERE seq > $1::bigint AND seq <= $2::bigint WINDOW w AS (ORDER BY seq)) chain
   WHERE seq <> prev_seq + 1 OR link <> prev_hash
   ORDER BY seq LIMIT 1`;

/**
 * The first version 2 event of the range whose contents no longer give its hash (or with an
 * unknown version), hashed inside the database by the function the chain trigger uses; and the
 * last version 1 event, for the app to check those. Aggregates rather than ORDER BY seq LIMIT 1:
 * a scan in index order would keep PostgreSQL from hashing in parallel workers.
 */
const FIRST_CHANGED_V2 = `
  SELECT min(seq) FILTER (WHERE "hashVersion" NOT IN (1, 2)
           OR ("hashVersion" = 2 AND hash <> "audit_event_hash_v2"(seq, "occurredAt", "actorType"::text, "actorUserId", "actorTokenId",
                 "actorLabel", action, "entityType", "entityId", before, after, metadata, "prevHash")))::text AS changed,
         max(seq) FILTER (WHERE "hashVersion" = 1)::text AS "lastV1"
    FROM "AuditEvent" WHERE seq > $1::bigint AND seq <= $2::bigint`;

/*
 * Version 1 events (hashed by the app) are read a batch at a time as one JSON text, parsed
 * with JSON.parse: reading fourteen typed columns per row through the client costs several
 * times the hashing itself.
 */
const READ_V1_BATCH = `
  SELECT json_agg(json_build_array(seq::text, to_char("occurredAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), "actorType", "actorUserId",
           "actorTokenId", "actorLabel", action, "entityType", "entityId", before, after, metadata, "prevHash", hash) ORDER BY seq)::text AS events
    FROM (SELECT * FROM "AuditEvent" WHERE "hashVersion" = 1 AND seq > $1::bigint AND seq < $2::bigint ORDER BY seq LIMIT ${BATCH}) e`;

type Packed = [
  string,
  string,
  string,
  string | null,
  string | null,
  string,
  string,
  string | null,
  string | null,
  unknown,
  unknown,
  unknown,
  string,
  string,
];

async function readV1Batch(db: PrismaClient, after: bigint, before: bigint): Promise<StoredEvent[]> {
  const [row] = await db.$queryRawUnsafe<{ events: string | null }[]>(READ_V1_BATCH, after, before);
  if (!row?.events) return [];
  return (JSON.parse(row.events) as Packed[]).map((f) => ({
    seq: BigInt(f[0]),
    occurredAt: new Date(f[1]),
    actorType: f[2],
    actorUserId: f[3],
    actorTokenId: f[4],
    actorLabel: f[5],
    action: f[6],
    entityType: f[7],
    entityId: f[8],
    before: f[9],
    after: f[10],
    metadata: f[11],
    prevHash: f[12],
    hash: f[13],
  }));
}

/** The first version 1 event before `before` whose contents no longer give its hash. */
async function firstChangedV1(db: PrismaClient, before: bigint): Promise<bigint | null> {
  let next = readV1Batch(db, 0n, before);
  for (;;) {
    const batch = await next;
    if (batch.length === 0) return null;
    // Read the next batch while this one is hashed.
    next = readV1Batch(db, batch.at(-1)!.seq, before);
    next.catch(() => {}); // awaited on the next turn, unless this batch ends the walk
    for (const event of batch) if (hashEvent(event) !== event.hash) return event.seq;
    await new Promise((resolve) => setImmediate(resolve)); // let other requests in between batches
  }
}

export function formatHead(head: ChainHead | null): string {
  return head ? `${head.seq}:${head.hash}` : "0:(empty)";
}

export function parseHead(text: string): ChainHead {
  const match = /^(\d+):([0-9a-f]{64})$/.exec(text.trim());
  if (!match) throw new Error(`Expected a head like 1234:<64 hex characters>, got "${text}"`);
  return { seq: BigInt(match[1]!), hash: match[2]! };
}

export async function readHead(db: PrismaClient): Promise<ChainHead | null> {
  return db.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
}

/**
 * How many events a server verifies per pair of queries. PGlite runs PostgreSQL in the app's own
 * thread, so a query over a million events would stop the server answering for seconds; in
 * ranges of 20,000 every other request gets a turn between them. PostgreSQL takes the whole
 * chain at once (and hashes it in parallel workers).
 */
export function eventsPerQueryFor(kind: DatabaseConfig["kind"]): bigint | undefined {
  return kind === "pglite" ? 20_000n : undefined;
}

/**
 * Checks the whole chain and reports the first event that breaks it: a gap in the sequence
 * (deleted), a broken link to the previous hash (reordered or replaced), contents that no
 * longer match the hash (edited), or, given a head recorded earlier, a chain that no longer
 * reaches it (truncated) or reaches it with another hash (rewritten). The links and the
 * version 2 hashes are checked inside the database, side by side, over the whole chain or,
 * with `eventsPerQuery`, a range of seq at a time.
 */
export async function verifyChain(db: PrismaClient, options: { expect?: ChainHead; eventsPerQuery?: bigint } = {}): Promise<ChainReport> {
  const [session] = await db.$queryRawUnsafe<{ encoding: string }[]>(`SELECT current_setting('client_encoding') AS encoding`);
  if (session?.encoding !== "UTF8")
    throw new Error(`The audit chain is hashed in UTF8, but this connection's client_encoding is ${session?.encoding}`);

  const min = (...values: (bigint | null)[]) => values.reduce<bigint | null>((a, b) => (b !== null && (a === null || b < a) ? b : a), null);
  // The events up to the head as it is now; events appended meanwhile are left to the next verify.
  const last = await readHead(db);
  const upTo = last?.seq ?? 0n;
  let link: { seq: string; prevSeq: string; prevHash: string } | undefined;
  let changedV2: bigint | null = null;
  let lastV1: bigint | null = null;
  let before: ChainHead = { seq: 0n, hash: GENESIS_HASH };
  for (let from = 0n; from < upTo && !link && changedV2 === null;) {
    const to = options.eventsPerQuery ? min(from + options.eventsPerQuery, upTo)! : upTo;
    const [broken, hashes] = await Promise.all([
      db
        .$queryRawUnsafe<{ seq: string; prevSeq: string; prevHash: string }[]>(FIRST_BROKEN_LINK, from, to, before.seq, before.hash)
        .then((rows) => rows[0]),
      db.$queryRawUnsafe<{ changed: string | null; lastV1: string | null }[]>(FIRST_CHANGED_V2, from, to).then(([row]) => row),
    ]);
    link = broken;
    changedV2 = hashes?.changed ? BigInt(hashes.changed) : null;
    if (hashes?.lastV1) lastV1 = BigInt(hashes.lastV1);
    if (to < upTo) {
      // PGlite answers without any I/O: without this turn of the event loop, requests would wait for the whole chain.
      await new Promise((resolve) => setImmediate(resolve));
      before =
        (await db.auditEvent.findFirst({ where: { seq: { lte: to } }, orderBy: { seq: "desc" }, select: { seq: true, hash: true } })) ??
        before;
    }
    from = to;
  }
  const linkAt = link ? BigInt(link.seq) : null;
  // Version 1 events only need their own hash checked, up to the first break found so far.
  const changedV1 = lastV1 !== null ? await firstChangedV1(db, min(linkAt, changedV2, lastV1 + 1n)!) : null;
  const changedAt = min(changedV2, changedV1);

  /** The report of a break at `seq`, every event before it verified (they run from 1 without gaps). */
  const broken = async (seq: bigint, problem: (action: string) => string): Promise<ChainReport> => {
    const rows = await db.auditEvent.findMany({ where: { seq: { in: [seq - 1n, seq] } }, select: { seq: true, hash: true, action: true } });
    const previous = rows.find((r) => r.seq === seq - 1n);
    const action = rows.find((r) => r.seq === seq)?.action ?? "";
    return {
      ok: false,
      count: Number(seq - 1n),
      head: previous ? { seq: previous.seq, hash: previous.hash } : null,
      brokenAt: seq,
      problem: problem(action),
    };
  };

  const expect = options.expect;
  const firstBreak = min(linkAt, changedAt);
  if (expect && (firstBreak === null || expect.seq < firstBreak) && last && expect.seq >= 1n && expect.seq <= last.seq) {
    const atExpected = await db.auditEvent.findUnique({ where: { seq: expect.seq }, select: { hash: true } });
    if (atExpected && atExpected.hash !== expect.hash)
      return broken(expect.seq, () => `event ${expect.seq} is not the expected head ${formatHead(expect)}: the chain was rewritten`);
  }
  if (link && linkAt === firstBreak) {
    // A link break comes before a changed hash on the same event.
    const prevSeq = BigInt(link.prevSeq);
    const head = prevSeq === 0n ? null : { seq: prevSeq, hash: link.prevHash };
    const problem =
      linkAt !== prevSeq + 1n
        ? prevSeq === 0n
          ? `event ${prevSeq + 1n} is missing: the chain starts at ${linkAt} (events were deleted)`
          : `event ${prevSeq + 1n} is missing: the chain jumps from ${prevSeq} to ${linkAt} (events were deleted)`
        : `event ${linkAt} does not follow event ${prevSeq}: its link to the previous hash is broken (events were reordered or replaced)`;
    return { ok: false, count: Number(prevSeq), head, brokenAt: linkAt, problem };
  }
  if (changedAt !== null) {
    return broken(changedAt, (action) => `event ${changedAt} (${action}) does not match its hash: it was changed after it was written`);
  }
  const count = last ? Number(last.seq) : 0;
  if (expect && (!last || expect.seq > last.seq || expect.seq < 1n)) {
    const end = last?.seq ?? 0;
    return {
      ok: false,
      count,
      head: last,
      brokenAt: null,
      problem: `the chain ends at event ${end} but the expected head is ${formatHead(expect)}: events after ${end} were removed (truncated)`,
    };
  }
  return { ok: true, count, head: last };
}
