import "server-only";
import { checkpointIfDue } from "./audit/checkpoints.ts";
import type { Tx } from "./db.ts";
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

/**
 * Appends one event to the audit chain. Needs the transaction that makes the change. The
 * database chains it (trigger "AuditEvent_chain"): it waits for the writers before it to
 * commit, then sets seq, prevHash and hash.
 */
export async function recordAudit(tx: Tx, input: AuditInput) {
  const event = await tx.auditEvent.create({
    data: {
      occurredAt: new Date(),
      actorType: input.actor.type,
      actorUserId: input.actor.type === "system" ? null : input.actor.userId,
      actorTokenId: input.actor.type === "api_token" ? input.actor.tokenId : null,
      actorLabel: input.actor.label,
      action: input.action,
      entityType: input.entityType ?? null,
      entityId: input.entityId ?? null,
      before: toJson(input.before),
      after: toJson(input.after),
      metadata: toJson(input.metadata),
    },
    select: { seq: true, hash: true },
  });
  // At least hourly while events arrive, the head is signed (lib/server/audit/checkpoints.ts).
  await checkpointIfDue(tx, event);
  return event;
}
