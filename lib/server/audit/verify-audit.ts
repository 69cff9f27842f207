import "server-only";
import type { PrismaClient } from "../db.ts";
import { recordCheckpoint, verifyCheckpoints, type Checkpoint } from "./checkpoints.ts";
import { verifyChain, type ChainHead, type ChainReport } from "./verify-chain.ts";

export type AuditReport = ChainReport & { checkpoints: number };

/**
 * The whole check: the chain (links and hashes, lib/server/audit/verify-chain.ts), then every
 * signed checkpoint against it (and, given, a copy of the checkpoints kept elsewhere). A chain
 * someone rewrote with the database's own hash function passes the first check and fails the
 * second, which names the checkpoint. When everything holds, the head is signed as a new
 * checkpoint (reason "verify").
 */
export async function verifyAudit(
  db: PrismaClient,
  options: { expect?: ChainHead; eventsPerQuery?: bigint; external?: Checkpoint[]; sign?: boolean } = {},
): Promise<AuditReport> {
  const chain = await verifyChain(db, { expect: options.expect, eventsPerQuery: options.eventsPerQuery });
  if (!chain.ok) return { ...chain, checkpoints: 0 };
  const stored = await verifyCheckpoints(db);
  const external = options.external ? await verifyCheckpoints(db, { checkpoints: options.external }) : { ok: true as const, checked: 0 };
  for (const report of [stored, external]) {
    if (!report.ok) {
      return {
        ok: false,
        count: chain.count,
        head: chain.head,
        brokenAt: report.checkpoint.seq,
        problem: report.problem,
        checkpoints: stored.checked + external.checked,
      };
    }
  }
  if (options.sign !== false && chain.head) await recordCheckpoint(db, chain.head, "verify");
  return { ...chain, checkpoints: stored.checked + external.checked };
}
