import "server-only";
import { createHash } from "node:crypto";

/** The columns of an audit event, in chain order: exports and bulk loads share them. */
export const AUDIT_EVENT_COLUMNS = [
  "seq",
  "occurredAt",
  "actorType",
  "actorUserId",
  "actorTokenId",
  "actorLabel",
  "action",
  "entityType",
  "entityId",
  "before",
  "after",
  "metadata",
  "prevHash",
  "hash",
] as const;

/** The hash that precedes the first event of the chain. */
export const GENESIS_HASH = "0".repeat(64);

export type ChainedFields = {
  seq: bigint;
  occurredAt: Date;
  actorType: string;
  actorUserId: string | null;
  actorTokenId: string | null;
  actorLabel: string;
  action: string;
  entityType: string | null;
  entityId: string | null;
  before: unknown;
  after: unknown;
  metadata: unknown;
  prevHash: string;
};

/**
 * JSON with object keys sorted at every depth, so that the bytes hashed do not depend on
 * key order (PostgreSQL's jsonb does not keep it).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === "bigint") return JSON.stringify(value.toString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function hashEvent(event: ChainedFields): string {
  const body = canonicalJson({
    seq: event.seq,
    occurredAt: event.occurredAt,
    actorType: event.actorType,
    actorUserId: event.actorUserId,
    actorTokenId: event.actorTokenId,
    actorLabel: event.actorLabel,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    before: event.before ?? null,
    after: event.after ?? null,
    metadata: event.metadata ?? null,
    prevHash: event.prevHash,
  });
  return createHash("sha256").update(body).digest("hex");
}
