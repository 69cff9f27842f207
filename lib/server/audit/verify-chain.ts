import "server-only";
import type { PrismaClient } from "../db.ts";
import { GENESIS_HASH, hashEvent } from "./chain.ts";

export type ChainHead = { seq: bigint; hash: string };

export type ChainReport =
  | { ok: true; count: number; head: ChainHead | null }
  | { ok: false; count: number; head: ChainHead | null; brokenAt: bigint | null; problem: string };

const BATCH = 5000;

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
  for (;;) {
    const batch = await db.auditEvent.findMany({ where: { seq: { gt: previous.seq } }, orderBy: { seq: "asc" }, take: BATCH });
    if (batch.length === 0) break;
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
