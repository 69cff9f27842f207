import "server-only";
import { parseAuditEvent } from "@/lib/audit/describe.ts";
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
    select: { occurredAt: true, action: true, actorType: true, actorLabel: true, before: true, after: true, metadata: true },
  });
  if (!event) return null;
  const parsed = parseAuditEvent(event);
  // An older row whose payload is not the declared shape is still shown, as an unknown result.
  if (parsed.event.shape !== "known" || parsed.event.action !== "audit.verified") {
    return {
      at: event.occurredAt,
      by: parsed.actor.label,
      ok: false,
      count: 0,
      head: "",
      problem: "the last verification could not be read",
    };
  }
  const m = parsed.event.metadata;
  return { at: event.occurredAt, by: parsed.actor.label, ok: m.ok, count: m.count, head: m.head ?? "", problem: m.problem ?? null };
}
