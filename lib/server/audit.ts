import "server-only";
import { checkpointIfDue } from "./audit/checkpoints.ts";
import type { Tx } from "./db.ts";
import type { Prisma } from "./generated/prisma/client.ts";
import type { Actor, SystemActor } from "./permissions.ts";
import { auditEventSchema, isAuditAction, type AuditAction, type AuditPayloadInput } from "@/lib/audit/vocabulary.ts";
import { apiTokenActorLabel } from "@/lib/audit/describe.ts";

/** Who did it: a signed-in user, one of their API tokens, or the system itself. */
export type AuditActor =
  | { type: "user"; userId: string; label: string }
  | { type: "api_token"; userId: string; tokenId: string; label: string }
  | { type: "system"; label: string };

/** One event to record: a known action (lib/audit/vocabulary.ts) with that action's payloads. */
export type AuditInput<A extends AuditAction = AuditAction> = {
  actor: AuditActor;
  action: A;
  entityType?: string;
  entityId?: string;
} & AuditPayloadInput<A>;

/** An event whose payload does not have its action's shape: a programming error, so the transaction rolls back. */
export class AuditShapeError extends Error {
  constructor(action: string, problem: string) {
    super(`The audit event "${action}" does not have the shape lib/audit/vocabulary.ts declares for it: ${problem}`);
    this.name = "AuditShapeError";
  }
}

function toJson(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}

/** The audit actor for a signed-in user, one of their API tokens, or a command-line tool. */
export function auditActorOf(actor: Actor | SystemActor): AuditActor {
  if ("system" in actor) return { type: "system", label: actor.label };
  if (actor.token)
    return { type: "api_token", userId: actor.id, tokenId: actor.token.id, label: apiTokenActorLabel(actor.name, actor.token.name) };
  return { type: "user", userId: actor.id, label: actor.name };
}

/**
 * Appends one event to the audit chain. Needs the transaction that makes the change. The
 * action and its payloads must be those lib/audit/vocabulary.ts declares: checked by the type
 * and again at run time (a wrong shape throws AuditShapeError, so the transaction rolls back
 * and nothing is written). The database chains it (trigger "AuditEvent_chain"): it waits for
 * the writers before it to commit, then sets seq, prevHash and hash.
 */
export async function recordAudit<A extends AuditAction>(tx: Tx, input: AuditInput<A>) {
  const payload = input as AuditInput<A> & { before?: unknown; after?: unknown; metadata?: unknown };
  const event: RawAuditEvent = {
    actor: input.actor,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    before: toJson(payload.before),
    after: toJson(payload.after),
    metadata: toJson(payload.metadata),
  };
  // The chain keeps what is written forever: a payload of the wrong shape is refused before it is.
  if (!isAuditAction(event.action)) throw new AuditShapeError(event.action, "this action is not in the vocabulary");
  const checked = auditEventSchema(event.action).safeParse({
    action: event.action,
    before: event.before ?? null,
    after: event.after ?? null,
    metadata: event.metadata ?? null,
  });
  if (!checked.success) {
    const problem = checked.error.issues.map((i) => `${i.path.join(".") || "(payload)"}: ${i.message}`).join("; ");
    throw new AuditShapeError(event.action, problem);
  }
  return appendAuditEvent(tx, event);
}

/** An event as the chain stores it, unchecked. */
export type RawAuditEvent = {
  actor: AuditActor;
  action: string;
  entityType?: string;
  entityId?: string;
  before?: unknown;
  after?: unknown;
  metadata?: unknown;
};

/**
 * Writes an event without checking it against the vocabulary. Only recordAudit calls it, and
 * the tests of the chain's own mechanics (hashing, ordering, append-only), which need payloads
 * no action has. Every domain change goes through recordAudit.
 */
export async function appendAuditEvent(tx: Tx, input: RawAuditEvent) {
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
