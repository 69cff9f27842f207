import "server-only";
import { ZEditNoteSchema } from "@/lib/schemas/case.ts";
import { auditActorOf, recordAudit } from "../audit.ts";
import { getDb } from "../db.ts";
import { AppError } from "../errors.ts";
import { assertCan, type Actor } from "../permissions.ts";
import { parseInput } from "../zod-errors.ts";
import { loadCaseForWork } from "./case-guard.ts";

/**
 * Edits an internal note the append-only way: the new text is a new note that supersedes
 * the old one, which stays as an earlier version. Only its author edits a note, and only
 * its latest version (editing an older one means someone else's edit was not seen).
 */
export async function editNote({ actor, input }: { actor: Actor; input: unknown }) {
  assertCan(actor, "case.update");
  const data = parseInput(ZEditNoteSchema, input);
  const db = await getDb();
  try {
    return await db.$transaction(async (tx) => {
      const old = await tx.caseNote.findUnique({
        where: { id: data.noteId },
        select: { id: true, caseId: true, authorId: true, body: true },
      });
      if (!old) throw new AppError("not_found", "This note does not exist");
      const c = await loadCaseForWork(tx, actor, old.caseId);
      if (old.authorId !== actor.id) throw new AppError("forbidden", "Only the author of a note can edit it");
      const newer = await tx.caseNote.findUnique({ where: { supersedesId: old.id }, select: { id: true } });
      if (newer) throw new AppError("conflict", "This note was edited in the meantime: reload to see its latest version");
      if (old.body === data.body) return { id: old.id, caseId: c.id, number: c.number, changed: false };
      const note = await tx.caseNote.create({
        data: { caseId: c.id, authorId: actor.id, body: data.body, supersedesId: old.id },
        select: { id: true },
      });
      await recordAudit(tx, {
        actor: auditActorOf(actor),
        action: "case.note_edited",
        entityType: "case",
        entityId: c.id,
        before: { noteId: old.id, body: old.body },
        after: { noteId: note.id, body: data.body },
      });
      return { id: note.id, caseId: c.id, number: c.number, changed: true };
    });
  } catch (error) {
    // Two edits of one version at the same moment: the unique supersedesId lets only one win.
    if ((error as { code?: string }).code === "P2002") {
      throw new AppError("conflict", "This note was edited in the meantime: reload to see its latest version");
    }
    throw error;
  }
}
