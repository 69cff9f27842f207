"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { FormMessage } from "@/components/ui/form-message.tsx";
import { TextareaField } from "@/components/ui/textarea.tsx";
import { formatDateTime } from "@/lib/format/dates.ts";
import { errorsOf, sentValue, useFormAction, type FormAction } from "@/components/forms/form-state.ts";
import { ActionForm } from "@/components/forms/action-form.tsx";

export type NoteView = {
  id: string;
  body: string;
  authorId: string;
  authorName: string;
  createdAt: string;
  revisions: { id: string; body: string; authorName: string; createdAt: string }[];
};

function NoteItem({ note, mayEdit, action }: { note: NoteView; mayEdit: boolean; action: FormAction }) {
  const [state, formAction, pending] = useFormAction(action);
  const [openedAt, setOpenedAt] = useState<number | null>(null);
  const editing = openedAt !== null && !(state?.ok && state.n > openedAt);
  const errors = errorsOf(state);
  return (
    <li className="py-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="text-xs text-slate-600">
          <span className="font-medium text-slate-800">{note.authorName}</span> ·{" "}
          <time dateTime={note.createdAt}>{formatDateTime(note.createdAt)}</time>
          {note.revisions.length > 0 && " · edited"}
        </p>
        {mayEdit && !editing && (
          <Button variant="ghost" className="px-2 py-1 text-xs" onClick={() => setOpenedAt(state?.n ?? 0)}>
            Edit<span className="sr-only"> note of {formatDateTime(note.createdAt)}</span>
          </Button>
        )}
      </div>
      {!editing ? (
        <p className="mt-1 whitespace-pre-wrap text-sm text-slate-900">{note.body}</p>
      ) : (
        <ActionForm state={state} action={formAction} noValidate className="mt-2 space-y-2" key={state?.n ?? 0}>
          <input type="hidden" name="noteId" value={note.id} />
          <TextareaField
            label="Edit note"
            name="body"
            rows={3}
            defaultValue={sentValue(state, "body") ?? note.body}
            error={errors.body}
            autoFocus
          />
          <div className="flex flex-wrap items-center gap-2">
            <Button type="submit" disabled={pending}>
              Save note
            </Button>
            <Button variant="ghost" onClick={() => setOpenedAt(null)}>
              Cancel
            </Button>
            {state && !state.ok && <FormMessage result={state} />}
          </div>
        </ActionForm>
      )}
      {note.revisions.length > 0 && (
        <details className="mt-2 text-sm">
          <summary className="cursor-pointer text-xs font-medium text-indigo-700 hover:underline">
            Edited — earlier versions ({note.revisions.length})
          </summary>
          <ol className="mt-2 space-y-2 border-l-2 border-slate-200 pl-3">
            {note.revisions.map((r) => (
              <li key={r.id}>
                <p className="text-xs text-slate-600">
                  {r.authorName} · <time dateTime={r.createdAt}>{formatDateTime(r.createdAt)}</time>
                </p>
                <p className="whitespace-pre-wrap text-slate-700">{r.body}</p>
              </li>
            ))}
          </ol>
        </details>
      )}
    </li>
  );
}

/** Internal notes: append-only. Editing adds a new version; the earlier text stays readable. */
export function CaseNotes({
  caseId,
  notes,
  me,
  canWrite,
  addAction,
  editAction,
}: {
  caseId: string;
  notes: NoteView[];
  me: string;
  canWrite: boolean;
  addAction: FormAction;
  editAction: FormAction;
}) {
  const [state, formAction, pending] = useFormAction(addAction);
  const errors = errorsOf(state);
  return (
    <section aria-labelledby="notes-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="notes-heading" className="text-base font-semibold">
        Internal notes
      </h2>
      <p className="mt-0.5 text-xs text-slate-600">For the core team only. Notes are never deleted; an edit keeps the earlier text.</p>
      {notes.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">No notes yet.</p>
      ) : (
        <ul className="mt-1 divide-y divide-slate-100">
          {notes.map((n) => (
            <NoteItem key={n.id} note={n} mayEdit={canWrite && n.authorId === me} action={editAction} />
          ))}
        </ul>
      )}
      {canWrite && (
        <ActionForm state={state} action={formAction} noValidate className="mt-4 space-y-2 border-t border-slate-100 pt-4">
          <input type="hidden" name="caseId" value={caseId} />
          <TextareaField
            key={state?.n ?? 0}
            label="New note"
            name="body"
            rows={3}
            defaultValue={sentValue(state, "body") ?? ""}
            error={errors.body}
          />
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" variant="secondary" disabled={pending}>
              Add note
            </Button>
            <FormMessage result={state} />
          </div>
        </ActionForm>
      )}
    </section>
  );
}
