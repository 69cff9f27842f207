import "server-only";
import { z } from "zod";
import { getDb } from "../db.ts";
import { assertCan, type Actor } from "../permissions.ts";
import { parseInput } from "../zod-errors.ts";

const PAGE_SIZE = 50;
const ZListSecurityLog = z.object({ page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1) }).strict();

export type SecurityLogRow = {
  id: string;
  occurredAt: Date;
  kind: string;
  address: string | null;
  identifierHash: string | null;
  scope: string | null;
  until: Date | null;
  liftedAt: Date | null;
  user: { id: string; name: string } | null;
};

/** The security log for admins, newest first. */
export async function listSecurityLog({ actor, input }: { actor: Actor; input: unknown }) {
  assertCan(actor, "security.manage");
  const { page } = parseInput(ZListSecurityLog, input ?? {});
  const db = await getDb();
  const [total, rows] = await Promise.all([
    db.securityLogEntry.count(),
    db.securityLogEntry.findMany({ orderBy: [{ occurredAt: "desc" }, { id: "asc" }], skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE }),
  ]);
  const userIds = [...new Set(rows.map((r) => r.userId).filter((id): id is string => Boolean(id)))];
  const users = new Map(
    (await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } })).map((u) => [u.id, u] as const),
  );
  const entries: SecurityLogRow[] = rows.map((r) => ({
    id: r.id,
    occurredAt: r.occurredAt,
    kind: r.kind,
    address: r.address,
    identifierHash: r.identifierHash,
    scope: r.scope,
    until: r.until,
    liftedAt: r.liftedAt,
    user: r.userId ? (users.get(r.userId) ?? null) : null,
  }));
  return { entries, total, page, pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

/** Waits still running (not lifted), one per throttled account or address: the latest. */
export async function listActiveThrottles({ actor }: { actor: Actor }) {
  assertCan(actor, "security.manage");
  const db = await getDb();
  const rows = await db.securityLogEntry.findMany({
    where: { kind: "throttled", liftedAt: null, until: { gt: new Date() } },
    orderBy: { until: "desc" },
    take: 500,
  });
  const seen = new Set<string>();
  const latest = rows.filter((r) => {
    const key = `${r.scope}:${r.scope === "account" ? r.identifierHash : r.address}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const userIds = [...new Set(latest.map((r) => r.userId).filter((id): id is string => Boolean(id)))];
  const users = new Map(
    (await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } })).map(
      (u) => [u.id, u] as const,
    ),
  );
  return latest.map((r) => ({
    id: r.id,
    scope: r.scope as "account" | "address",
    address: r.address,
    identifierHash: r.identifierHash,
    until: r.until!,
    user: r.userId ? (users.get(r.userId) ?? null) : null,
  }));
}
