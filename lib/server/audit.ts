import "server-only";
import type { Tx } from "./db.ts";
import { GENESIS_HASH, hashEvent } from "./audit/chain.ts";
import type { Prisma } from "./generated/prisma/client.ts";
import type { Actor, SystemActor } from "./permissions.ts";

/** Who did it: a signed-in user, one of their API tokens, or the system itself. */
export type AuditActor =
  | { type: "user"; userId: string; label: string }
  | { type: "api_token"; userId: string; tokenId: string; label: string }
  | { type: "system"; label: string };

export type AuditInput = {
  actor: AuditActor;
  action: string;
  entityType?: string;
  entityId?: string;
  before?: unknown;
  after?: unknown;
  metadata?: unknown;
};

// Serialises writers of the chain: the head is read and extended under this lock,
// inside the writer's transaction, so concurrent writers never fork the chain.
const AUDIT_CHAIN_LOCK = 727073692;

function toJson(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}

/** The audit actor for a signed-in user, one of their API tokens, or a command-line tool. */
export function auditActorOf(actor: Actor | SystemActor): AuditActor {
  if ("system" in actor) return { type: "system", label: actor.label };
  if (actor.token)
    return { type: "api_token", userId: actor.id, tokenId: actor.token.id, label: `${actor.name} (token ${actor.token.name})` };
  return { type: "user", userId: actor.id, label: actor.name };
}

/** Appends one event to the audit chain. Needs the transaction that makes the change. */
export async function recordAudit(tx: Tx, input: AuditInput) {
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const head = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  const before = toJson(input.before);
  const after = toJson(input.after);
  const metadata = toJson(input.metadata);
  const fields = {
    seq: (head?.seq ?? 0n) + 1n,
    occurredAt: new Date(),
    actorType: input.actor.type,
    actorUserId: input.actor.type === "system" ? null : input.actor.userId,
    actorTokenId: input.actor.type === "api_token" ? input.actor.tokenId : null,
    actorLabel: input.actor.label,
    action: input.action,
    entityType: input.entityType ?? null,
    entityId: input.entityId ?? null,
    before: before ?? null,
    after: after ?? null,
    metadata: metadata ?? null,
    prevHash: head?.hash ?? GENESIS_HASH,
  };
  const hash = hashEvent(fields);
  return tx.auditEvent.create({
    data: { ...fields, before, after, metadata, hash },
    select: { seq: true, hash: true },
  });
}
