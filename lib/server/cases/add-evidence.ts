import "server-only";
import { ZAddEvidenceSchema } from "@/lib/schemas/case.ts";
import { auditActorOf, recordAudit } from "../audit.ts";
import { getDb } from "../db.ts";
import { assertCan, type Actor, type SystemActor } from "../permissions.ts";
import { parseInput } from "../zod-errors.ts";
import { loadCaseForWork, userIdOf } from "./case-guard.ts";

/** Adds an evidence link (http or https) with an optional note. Appended: no version needed. */
export async function addEvidence({ actor, input }: { actor: Actor | SystemActor; input: unknown }) {
  assertCan(actor, "case.update");
  const data = parseInput(ZAddEvidenceSchema, input);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const c = await loadCaseForWork(tx, actor, data.caseId);
    const link = await tx.evidenceLink.create({
      data: { caseId: c.id, url: data.url, note: data.note ?? null, addedById: userIdOf(actor) },
      select: { id: true },
    });
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "case.evidence_added",
      entityType: "case",
      entityId: c.id,
      after: { evidenceId: link.id, url: data.url, ...(data.note ? { note: data.note } : {}) },
    });
    return { id: link.id, caseId: c.id, number: c.number };
  });
}
