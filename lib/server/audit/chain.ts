import "server-only";
import { createHash } from "node:crypto";

/** What a writer supplies for an audit event; the chain trigger sets the rest. */
export const AUDIT_EVENT_CONTENT_COLUMNS = [
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
] as const;

/** The columns of an audit event, as exports write them. */
export const AUDIT_EVENT_COLUMNS = ["seq", ...AUDIT_EVENT_CONTENT_COLUMNS, "prevHash", "hash", "hashVersion"] as const;

/*
 * Version 1 of the chain, the app's own: events written before the database chained them
 * itself (migration audit_chain_v2) keep these hashes, and verifyChain checks them here.
 */

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
  if (typeof value === "bigint") return `"${value}"`;
  if (typeof value !== "object") return JSON.stringify(value);
  if (value instanceof Date) return `"${value.toISOString()}"`;
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) out += (i ? "," : "") + canonicalJson(value[i]);
    return `${out}]`;
  }
  const object = value as Record<string, unknown>;
  let out = "{";
  // The default sort compares UTF-16 code units, like < on strings.
  for (const key of Object.keys(object).sort()) {
    const v = object[key];
    if (v === undefined) continue;
    out += `${out.length > 1 ? "," : ""}${JSON.stringify(key)}:${canonicalJson(v)}`;
  }
  return `${out}}`;
}

const text = (value: string | null) => (value === null ? "null" : JSON.stringify(value));
const nested = (value: unknown) => (value === null || value === undefined ? "null" : canonicalJson(value));

/**
 * The bytes an event's hash covers: canonicalJson of its chained fields, written out with the
 * top-level keys already in order (the verify of a million events spends its time here).
 */
export function canonicalEvent(event: ChainedFields): string {
  return (
    `{"action":${text(event.action)},"actorLabel":${text(event.actorLabel)},"actorTokenId":${text(event.actorTokenId)}` +
    `,"actorType":${text(event.actorType)},"actorUserId":${text(event.actorUserId)},"after":${nested(event.after)}` +
    `,"before":${nested(event.before)},"entityId":${text(event.entityId)},"entityType":${text(event.entityType)}` +
    `,"metadata":${nested(event.metadata)},"occurredAt":"${event.occurredAt.toISOString()}","prevHash":${text(event.prevHash)}` +
    `,"seq":"${event.seq}"}`
  );
}

export function hashEvent(event: ChainedFields): string {
  return createHash("sha256").update(canonicalEvent(event)).digest("hex");
}
