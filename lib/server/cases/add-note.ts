import "server-only";
import { ZAddNoteSchema } from "@/lib/schemas/case.ts";
import { auditActorOf, recordAudit } from "../audit.ts";
import { getDb } from "../db.ts";
import { assertCan, type Actor } from "../permissions.ts";
import { parseInput } from "../zod-errors.ts";
import { loadCaseForWork } from "./case-guard.ts";

/**
 * Adds an internal note. Notes are appended, never overwritten, so adding one needs no
 * version: it cannot undo anyone else's work.
 *
 * `options.at` is for the demo seed only (prisma/demo-community.ts): the moment the note was
 * written in the story it replays, stamped as the row is inserted (notes are kept as written).
 * The app never passes it.
 */
export async function addNote({ actor, input }: { actor: Actor; input: unknown }, options: { at?: Date } = {}) {
  assertCan(actor, "case.update");
  const data = parseInput(ZAddNoteSchema, input);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const c = await loadCaseForWork(tx, actor, data.caseId);
    const note = await tx.caseNote.create({
      data: { caseId: c.id, authorId: actor.id, body: data.body, ...(options.at ? { createdAt: options.at } : {}) },
      select: { id: true, createdAt: true },
    });
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "case.note_added",
      entityType: "case",
      entityId: c.id,
      after: { noteId: note.id, body: data.body },
    });
    return { id: note.id, caseId: c.id, number: c.number };
  });
}
