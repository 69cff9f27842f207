import "server-only";
import { sign, verify, type KeyObject } from "node:crypto";
import type { PrismaClient, Tx } from "../db.ts";
import { auditSigner, keyIdOf, publicKeyFromBase64, SigningKeyError, type AuditSigner } from "./signing-key.ts";
import type { ChainHead } from "./verify-chain.ts";

/*
 * Signed checkpoints of the audit chain. The chain's hashes prove the order and contents of the
 * events to whoever trusts the database; someone who can write the database (disable the
 * triggers, edit an event, recompute every later hash with the database's own function) can
 * make a chain that verifies. A checkpoint is the chain's head signed with an Ed25519 key kept
 * outside the database: a rewritten chain no longer passes through it, and a forged checkpoint
 * does not carry a valid signature. Checkpoints are made at least hourly while events arrive
 * and at every successful verify; `npm run audit:checkpoints` copies them somewhere else, so
 * that deleting them from the database is caught too (`audit:verify -- --checkpoints FILE`).
 */

export type Checkpoint = { seq: bigint; hash: string; signedAt: Date; keyId: string; signature: string; reason: string };

export const CHECKPOINT_INTERVAL_MS = 60 * 60 * 1000;

/** The exact bytes a checkpoint signs. */
export function checkpointMessage(seq: bigint, hash: string, signedAt: Date): Buffer {
  return Buffer.from(`conduct-desk/audit-checkpoint/v1\n${seq}\n${hash}\n${signedAt.toISOString()}`, "utf8");
}

export function signHead(signer: AuditSigner, head: ChainHead, signedAt: Date, reason: string): Checkpoint {
  const signature = sign(null, checkpointMessage(head.seq, head.hash, signedAt), signer.privateKey).toString("base64");
  return { seq: head.seq, hash: head.hash, signedAt, keyId: signer.keyId, signature, reason };
}

/** Signs this head and stores the checkpoint (in the caller's transaction, when given one). */
export async function recordCheckpoint(
  db: Tx | PrismaClient,
  head: ChainHead,
  reason: string,
  signer = auditSigner(),
): Promise<Checkpoint> {
  const checkpoint = signHead(signer, head, new Date(), reason);
  await db.auditCheckpoint.create({ data: checkpoint });
  return checkpoint;
}

/**
 * Called by recordAudit for each event, in its transaction: when the last checkpoint is an hour
 * old (or there is none), this event's head is signed. One indexed read per event (the newest
 * checkpoint's time): every instance of the app sees the others' checkpoints.
 */
export async function checkpointIfDue(tx: Tx, head: ChainHead): Promise<void> {
  const last = await tx.auditCheckpoint.findFirst({ orderBy: { signedAt: "desc" }, select: { signedAt: true } });
  if (last && Date.now() - last.signedAt.getTime() < CHECKPOINT_INTERVAL_MS) return;
  await recordCheckpoint(tx, head, "hourly");
}

/** The keys a checkpoint may be signed with: this server's, and any listed in AUDIT_TRUSTED_PUBLIC_KEYS (keys used before a rotation). */
export function trustedKeys(env: Record<string, string | undefined> = process.env, signer = auditSigner(env)): Map<string, KeyObject> {
  const keys = new Map<string, KeyObject>([[signer.keyId, signer.publicKey]]);
  for (const text of (env.AUDIT_TRUSTED_PUBLIC_KEYS ?? "")
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean)) {
    try {
      const key = publicKeyFromBase64(text);
      keys.set(keyIdOf(key), key);
    } catch (error) {
      throw new SigningKeyError(`AUDIT_TRUSTED_PUBLIC_KEYS: ${(error as Error).message}`);
    }
  }
  return keys;
}

export type CheckpointReport = { ok: true; checked: number } | { ok: false; checked: number; problem: string; checkpoint: Checkpoint };

const describe = (c: Checkpoint) => `the checkpoint of event ${c.seq} signed ${c.signedAt.toISOString()}`;

/**
 * Checks checkpoints against the chain as it is now, in the order of the events they sign: each
 * signature against the trusted keys, and that the event still has the hash that was signed.
 * Names the first checkpoint that no longer holds. `checkpoints` defaults to those stored in the
 * database; a copy kept elsewhere (audit:checkpoints) can be checked the same way.
 */
export async function verifyCheckpoints(
  db: PrismaClient,
  options: { checkpoints?: Checkpoint[]; keys?: Map<string, KeyObject> } = {},
): Promise<CheckpointReport> {
  const keys = options.keys ?? trustedKeys();
  const checkpoints =
    options.checkpoints ??
    (await db.auditCheckpoint.findMany({
      orderBy: [{ seq: "asc" }, { signedAt: "asc" }],
      select: { seq: true, hash: true, signedAt: true, keyId: true, signature: true, reason: true },
    }));
  const sorted = [...checkpoints].sort((a, b) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : a.signedAt.getTime() - b.signedAt.getTime()));
  const seqs = [...new Set(sorted.map((c) => c.seq))];
  const events = seqs.length ? await db.auditEvent.findMany({ where: { seq: { in: seqs } }, select: { seq: true, hash: true } }) : [];
  const hashAt = new Map(events.map((e) => [e.seq, e.hash]));
  let checked = 0;
  for (const c of sorted) {
    const key = keys.get(c.keyId);
    if (!key)
      return {
        ok: false,
        checked,
        checkpoint: c,
        problem: `${describe(c)} was signed by a key this server does not trust (key ${c.keyId})`,
      };
    let valid = false;
    try {
      valid = verify(null, checkpointMessage(c.seq, c.hash, c.signedAt), key, Buffer.from(c.signature, "base64"));
    } catch {
      valid = false;
    }
    if (!valid) return { ok: false, checked, checkpoint: c, problem: `${describe(c)} has an invalid signature: it was forged or altered` };
    const now = hashAt.get(c.seq);
    if (now === undefined) {
      return {
        ok: false,
        checked,
        checkpoint: c,
        problem: `${describe(c)} names an event that is no longer in the chain: events were removed`,
      };
    }
    if (now !== c.hash) {
      return {
        ok: false,
        checked,
        checkpoint: c,
        problem: `${describe(c)} no longer matches: event ${c.seq} had the hash ${c.hash.slice(0, 16)}… and now has ${now.slice(0, 16)}…, so the chain was rewritten up to it`,
      };
    }
    checked += 1;
  }
  return { ok: true, checked };
}

/** One line of audit:checkpoints' JSON Lines, and back. */
export function checkpointToJson(c: Checkpoint) {
  return {
    seq: c.seq.toString(),
    hash: c.hash,
    signedAt: c.signedAt.toISOString(),
    keyId: c.keyId,
    signature: c.signature,
    reason: c.reason,
  };
}

export function checkpointFromJson(value: unknown): Checkpoint {
  const v = value as Record<string, unknown>;
  if (
    !v ||
    typeof v.seq !== "string" ||
    !/^\d+$/.test(v.seq) ||
    typeof v.hash !== "string" ||
    typeof v.signedAt !== "string" ||
    typeof v.keyId !== "string" ||
    typeof v.signature !== "string"
  ) {
    throw new Error("not a checkpoint line (seq, hash, signedAt, keyId, signature)");
  }
  const signedAt = new Date(v.signedAt);
  if (Number.isNaN(signedAt.getTime())) throw new Error(`not a date: ${v.signedAt}`);
  return {
    seq: BigInt(v.seq),
    hash: v.hash,
    signedAt,
    keyId: v.keyId,
    signature: v.signature,
    reason: typeof v.reason === "string" ? v.reason : "",
  };
}

/** What the Audit page shows of the signing: the public key to keep elsewhere, and the latest checkpoint. */
export async function checkpointStatus(db: PrismaClient) {
  const signer = auditSigner();
  const [latest, count] = await Promise.all([
    db.auditCheckpoint.findFirst({ orderBy: { signedAt: "desc" }, select: { seq: true, hash: true, signedAt: true, reason: true } }),
    db.auditCheckpoint.count(),
  ]);
  return { publicKey: signer.publicKeyBase64, keyId: signer.keyId, latest, count };
}
