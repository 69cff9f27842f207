"use server";

import { revalidatePath } from "next/cache";
import { isForm, NOT_A_FORM, runAction, type ActionResult } from "@/lib/server/action-result.ts";
import { requireActor } from "@/lib/server/auth.ts";
import { addEvidence } from "@/lib/server/cases/add-evidence.ts";
import { addNote } from "@/lib/server/cases/add-note.ts";
import { assignCase } from "@/lib/server/cases/assign-case.ts";
import { changeCaseStatus } from "@/lib/server/cases/change-case-status.ts";
import { editNote } from "@/lib/server/cases/edit-note.ts";
import { revealReporter, type RevealedReporter } from "@/lib/server/cases/reveal-reporter.ts";
import { updateCaseDetails } from "@/lib/server/cases/update-case-details.ts";
import { isAppError } from "@/lib/server/errors.ts";
import { CASE_STATUS_LABELS } from "@/lib/schemas/vocabulary.ts";

/*
 * Thin actions for the case page: each reads its form, calls one domain function and
 * refreshes the page, whatever the outcome, so a refused edit shows the case as it is now.
 */

const text = (form: FormData, key: string): string => {
  const value = form.get(key);
  return typeof value === "string" ? value : "";
};

async function onCase(fn: () => Promise<string | void>): Promise<ActionResult> {
  try {
    return await runAction(fn);
  } finally {
    revalidatePath("/cases/[number]", "page");
  }
}

export async function changeStatus(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  if (!isForm(form)) return NOT_A_FORM;
  return onCase(async () => {
    const actor = await requireActor("case.update");
    const c = await changeCaseStatus({
      actor,
      input: { caseId: text(form, "caseId"), version: text(form, "version"), status: text(form, "status"), reason: text(form, "reason") },
    });
    return `Status changed to ${CASE_STATUS_LABELS[c.status]}`;
  });
}

export async function assign(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  if (!isForm(form)) return NOT_A_FORM;
  return onCase(async () => {
    const actor = await requireActor("case.update");
    const c = await assignCase({
      actor,
      input: { caseId: text(form, "caseId"), version: text(form, "version"), assigneeId: text(form, "assigneeId") || null },
    });
    return c.assignee ? `Assigned to ${c.assignee.name}` : "Unassigned";
  });
}

export async function updateDetails(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  if (!isForm(form)) return NOT_A_FORM;
  return onCase(async () => {
    const actor = await requireActor("case.update");
    const spaces = form.getAll("involvedSpace");
    const added = form
      .getAll("involvedHandle")
      .map((handle, i) => ({ space: spaces[i], handle }))
      .filter((row) => typeof row.handle === "string" && row.handle.trim() !== "");
    const kept = form.getAll("keepInvolved").map((memberId) => ({ memberId }));
    const result = await updateCaseDetails({
      actor,
      input: {
        caseId: text(form, "caseId"),
        version: text(form, "version"),
        space: text(form, "space"),
        occurredAt: text(form, "occurredAt"),
        standards: form.getAll("standards"),
        description: text(form, "description"),
        involved: [...kept, ...added],
        reason: text(form, "reason"),
      },
    });
    if (!result.changed) return "Nothing to save: the details are unchanged";
    return result.changedAfterDecision ? "Details saved, with your reason: the decision may need review" : "Details saved";
  });
}

export async function addCaseNote(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  if (!isForm(form)) return NOT_A_FORM;
  return onCase(async () => {
    const actor = await requireActor("case.update");
    await addNote({ actor, input: { caseId: text(form, "caseId"), body: text(form, "body") } });
    return "Note added";
  });
}

export async function editCaseNote(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  if (!isForm(form)) return NOT_A_FORM;
  return onCase(async () => {
    const actor = await requireActor("case.update");
    const result = await editNote({ actor, input: { noteId: text(form, "noteId"), body: text(form, "body") } });
    return result.changed ? "Note saved; the earlier text is kept" : "The note is unchanged";
  });
}

export async function addCaseEvidence(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  if (!isForm(form)) return NOT_A_FORM;
  return onCase(async () => {
    const actor = await requireActor("case.update");
    await addEvidence({ actor, input: { caseId: text(form, "caseId"), url: text(form, "url"), note: text(form, "note") } });
    return "Evidence link added";
  });
}

export type RevealResult = { ok: true; reporter: RevealedReporter } | { ok: false; message: string };

/** Returns the reporter's identity to the one moderator who asked; the reveal is in the audit trail. */
export async function revealCaseReporter(caseId: string): Promise<RevealResult> {
  try {
    const actor = await requireActor("case.reveal_reporter");
    const reporter = await revealReporter({ actor, input: { caseId } });
    return { ok: true, reporter };
  } catch (error) {
    if (isAppError(error)) return { ok: false, message: error.message };
    throw error;
  } finally {
    revalidatePath("/cases/[number]", "page");
  }
}
