import "server-only";
import type { PrismaClient } from "../db.ts";
import { GENESIS_HASH, hashEvent, type ChainedFields } from "./chain.ts";

export type ChainHead = { seq: bigint; hash: string };

export type ChainReport =
  | { ok: true; count: number; head: ChainHead | null }
  | { ok: false; count: number; head: ChainHead | null; brokenAt: bigint | null; problem: string };

const BATCH = 5000;

type StoredEvent = ChainedFields & { hash: string };

/*
 * A batch of events as one JSON text, parsed with JSON.parse: at a million events, reading
 * fourteen typed columns per row through the client costs several times the hashing itself.
 */
const READ_BATCH = `
  SELECT json_agg(json_build_array(seq::text, to_char("occurredAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), "actorType", "actorUserId",
           "actorTokenId", "actorLabel", action, "entityType", "entityId", before, after, metadata, "prevHash", hash) ORDER BY seq)::text AS events
    FROM (SELECT * FROM "AuditEvent" WHERE seq > $1::bigint ORDER BY seq LIMIT ${BATCH}) e`;

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

async function readBatch(db: PrismaClient, after: bigint): Promise<StoredEvent[]> {
  const [row] = await db.$queryRawUnsafe<{ events: string | null }[]>(READ_BATCH, after);
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
 * Walks the whole chain in order and reports the first event that breaks it: a gap in the
 * sequence (deleted), a broken link to the previous hash (reordered or replaced), contents
 * that no longer match the hash (edited), or, given a head recorded earlier, a chain that
 * no longer reaches it (truncated).
 */
export async function verifyChain(db: PrismaClient, options: { expect?: ChainHead } = {}): Promise<ChainReport> {
  let previous: ChainHead = { seq: 0n, hash: GENESIS_HASH };
  let count = 0;
  let seenExpected = false;
  const read = (after: bigint) => {
    const batch = readBatch(db, after);
    batch.catch(() => {}); // awaited below, unless the walk stops first
    return batch;
  };
  let next = read(0n);
  for (;;) {
    const batch = await next;
    if (batch.length === 0) break;
    // Read the next batch while this one is hashed (PostgreSQL works on it in its own process).
    next = read(batch.at(-1)!.seq);
    for (const event of batch) {
      const head = count > 0 ? previous : null;
      const fail = (problem: string): ChainReport => ({ ok: false, count, head, brokenAt: event.seq, problem });
      if (event.seq !== previous.seq + 1n) {
        return fail(
          previous.seq === 0n
            ? `event ${previous.seq + 1n} is missing: the chain starts at ${event.seq} (events were deleted)`
            : `event ${previous.seq + 1n} is missing: the chain jumps from ${previous.seq} to ${event.seq} (events were deleted)`,
        );
      }
      if (event.prevHash !== previous.hash) {
        return fail(
          `event ${event.seq} does not follow event ${previous.seq}: its link to the previous hash is broken (events were reordered or replaced)`,
        );
      }
      if (hashEvent(event) !== event.hash) {
        return fail(`event ${event.seq} (${event.action}) does not match its hash: it was changed after it was written`);
      }
      if (options.expect && event.seq === options.expect.seq) {
        if (event.hash !== options.expect.hash)
          return fail(`event ${event.seq} is not the expected head ${formatHead(options.expect)}: the chain was rewritten`);
        seenExpected = true;
      }
      previous = { seq: event.seq, hash: event.hash };
      count += 1;
    }
  }
  const head = count > 0 ? previous : null;
  if (options.expect && !seenExpected) {
    return {
      ok: false,
      count,
      head,
      brokenAt: null,
      problem: `the chain ends at event ${head?.seq ?? 0} but the expected head is ${formatHead(options.expect)}: events after ${head?.seq ?? 0} were removed (truncated)`,
    };
  }
  return { ok: true, count, head };
}
