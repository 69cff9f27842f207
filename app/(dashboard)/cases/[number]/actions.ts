"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { addEvidence } from "@/lib/server/cases/add-evidence.ts";
import { addNote } from "@/lib/server/cases/add-note.ts";
import { assignCase } from "@/lib/server/cases/assign-case.ts";
import { changeCaseStatus } from "@/lib/server/cases/change-case-status.ts";
import { editNote } from "@/lib/server/cases/edit-note.ts";
import { revealReporter } from "@/lib/server/cases/reveal-reporter.ts";
import { updateCaseDetails } from "@/lib/server/cases/update-case-details.ts";
import { formAction } from "@/lib/server/form-action.ts";
import { formInput, handleRows, many, text } from "@/lib/schemas/form-data.ts";
import { CASE_STATUS_LABELS } from "@/lib/schemas/vocabulary.ts";

/*
 * Thin actions for the case page: each reads its form, calls one domain function and
 * refreshes the page, whatever the outcome, so a refused edit shows the case as it is now.
 */
const refreshCase = () => revalidatePath("/cases/[number]", "page");
const onCase = () => formAction("case.update", { refresh: refreshCase });

export const changeStatus = onCase()
  .inputSchema(formInput(z.object({ caseId: text, version: text, status: text, reason: text })))
  .stateAction(async ({ parsedInput, ctx: { actor } }) => {
    const c = await changeCaseStatus({ actor, input: parsedInput });
    return `Status changed to ${CASE_STATUS_LABELS[c.status]}`;
  });

export const assign = onCase()
  .inputSchema(
    formInput(
      z
        .object({ caseId: text, version: text, assigneeId: text })
        .transform((f) => ({ ...f, assigneeId: typeof f.assigneeId === "string" && f.assigneeId !== "" ? f.assigneeId : null })),
    ),
  )
  .stateAction(async ({ parsedInput, ctx: { actor } }) => {
    const c = await assignCase({ actor, input: parsedInput });
    return c.assignee ? `Assigned to ${c.assignee.name}` : "Unassigned";
  });

/** The details form: the involved people kept (by member id) and those added (by handle, blank rows left out). */
const ZDetailsForm = z
  .object({
    caseId: text,
    version: text,
    space: text,
    occurredAt: text,
    standards: many,
    description: text,
    keepInvolved: many,
    added: handleRows,
    reason: text,
  })
  .transform(({ keepInvolved, added, ...f }) => ({
    ...f,
    involved: [...keepInvolved.map((memberId) => ({ memberId })), ...added],
  }));

export const updateDetails = onCase()
  .inputSchema(formInput(ZDetailsForm))
  .stateAction(async ({ parsedInput, ctx: { actor } }) => {
    const result = await updateCaseDetails({ actor, input: parsedInput });
    if (!result.changed) return "Nothing to save: the details are unchanged";
    return result.changedAfterDecision ? "Details saved, with your reason: the decision may need review" : "Details saved";
  });

export const addCaseNote = onCase()
  .inputSchema(formInput(z.object({ caseId: text, body: text })))
  .stateAction(async ({ parsedInput, ctx: { actor } }) => {
    await addNote({ actor, input: parsedInput });
    return "Note added";
  });

export const editCaseNote = onCase()
  .inputSchema(formInput(z.object({ noteId: text, body: text })))
  .stateAction(async ({ parsedInput, ctx: { actor } }) => {
    const result = await editNote({ actor, input: parsedInput });
    return result.changed ? "Note saved; the earlier text is kept" : "The note is unchanged";
  });

export const addCaseEvidence = onCase()
  .inputSchema(formInput(z.object({ caseId: text, url: text, note: text })))
  .stateAction(async ({ parsedInput, ctx: { actor } }) => {
    await addEvidence({ actor, input: parsedInput });
    return "Evidence link added";
  });

/** Returns the reporter's identity to the one moderator who asked; the reveal is in the audit trail. */
export const revealCaseReporter = formAction("case.reveal_reporter", { refresh: refreshCase })
  .inputSchema(z.string().max(100))
  .action(async ({ parsedInput: caseId, ctx: { actor } }) => revealReporter({ actor, input: { caseId } }));
