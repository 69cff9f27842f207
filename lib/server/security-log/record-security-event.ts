import "server-only";
import { getDb } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { DAY } from "@/lib/policy/durations.ts";

/** Rows older than this are deleted whenever a row is written. */
export const SECURITY_LOG_RETENTION_DAYS = 90;

export type SecurityEventKind = "unknown_account" | "throttled";

export type SecurityEvent = {
  kind: SecurityEventKind;
  address?: string;
  identifierHash?: string;
  userId?: string;
  scope?: "account" | "address";
  until?: Date;
  detail?: Prisma.InputJsonValue;
};

/**
 * Appends to the security log (not the audit trail: what is written here about attempts
 * on accounts that do not exist is forgotten after 90 days) and prunes it in the same
 * transaction. Written by the system, never from anything a request can choose but the
 * address and the digest of what was typed.
 */
export async function recordSecurityEvents(events: SecurityEvent[]): Promise<void> {
  if (events.length === 0) return;
  const db = await getDb();
  const now = new Date();
  const cutoff = new Date(now.getTime() - SECURITY_LOG_RETENTION_DAYS * DAY);
  await db.$transaction(async (tx) => {
    await tx.securityLogEntry.deleteMany({ where: { occurredAt: { lt: cutoff } } });
    await tx.securityLogEntry.createMany({
      data: events.map((e) => ({
        occurredAt: now,
        kind: e.kind,
        address: e.address ?? null,
        identifierHash: e.identifierHash ?? null,
        userId: e.userId ?? null,
        scope: e.scope ?? null,
        until: e.until ?? null,
        detail: e.detail,
      })),
    });
  });
}
