import "server-only";
import { auditActorOf, recordAudit } from "../audit.ts";
import { getDb, openAppDatabase } from "../db.ts";
import { assertCan, type Actor } from "../permissions.ts";
import { verifyAudit } from "./verify-audit.ts";
import { eventsPerQueryFor, formatHead } from "./verify-chain.ts";

/** Verifies the whole chain and records the result in it, so the audit log shows who checked, when, and what they found. */
export async function verifyAuditChainNow({ actor }: { actor: Actor }) {
  assertCan(actor, "audit.view");
  const { prisma: db, kind } = await openAppDatabase();
  const report = await verifyAudit(db, { eventsPerQuery: eventsPerQueryFor(kind) });
  const result = {
    ok: report.ok,
    count: report.count,
    head: formatHead(report.head),
    checkpoints: report.checkpoints,
    problem: report.ok ? null : report.problem,
    brokenAt: report.ok || report.brokenAt === null ? null : report.brokenAt.toString(),
  };
  await db.$transaction((tx) => recordAudit(tx, { actor: auditActorOf(actor), action: "audit.verified", metadata: result }));
  return result;
}

export async function lastVerification() {
  const db = await getDb();
  const event = await db.auditEvent.findFirst({
    where: { action: "audit.verified" },
    orderBy: { seq: "desc" },
    select: { occurredAt: true, actorLabel: true, metadata: true },
  });
  if (!event) return null;
  const m = event.metadata as { ok: boolean; count: number; head: string; problem: string | null };
  return { at: event.occurredAt, by: event.actorLabel, ...m };
}
