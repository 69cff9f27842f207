"use client";

import { Button } from "@/components/ui/button.tsx";
import { TextField } from "@/components/ui/field.tsx";
import { FormMessage } from "@/components/ui/form-message.tsx";
import { formatDate } from "@/lib/format/dates.ts";
import { errorsOf, sentValue, useFormAction, type FormAction } from "@/components/forms/form-state.ts";
import { ActionForm } from "@/components/forms/action-form.tsx";

export type EvidenceView = { id: string; url: string; note: string | null; createdAt: string; addedByName: string | null };

/** Evidence links (opened in a new tab, without a referrer), and a form to add one. */
export function CaseEvidence({
  caseId,
  evidence,
  canWrite,
  action,
}: {
  caseId: string;
  evidence: EvidenceView[];
  canWrite: boolean;
  action: FormAction;
}) {
  const [state, formAction, pending] = useFormAction(action);
  const errors = errorsOf(state);
  return (
    <section aria-labelledby="evidence-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="evidence-heading" className="text-base font-semibold">
        Evidence
      </h2>
      {evidence.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No evidence links yet.</p>
      ) : (
        <ul className="mt-2 space-y-2 text-sm">
          {evidence.map((e) => (
            <li key={e.id}>
              <a
                href={e.url}
                target="_blank"
                rel="noreferrer noopener"
                className="break-all text-indigo-700 underline hover:text-indigo-900"
              >
                {e.url}
              </a>
              {e.note && <p className="text-slate-700">{e.note}</p>}
              <p className="text-xs text-slate-600">
                Added {formatDate(e.createdAt)}
                {e.addedByName ? ` by ${e.addedByName}` : ""}
              </p>
            </li>
          ))}
        </ul>
      )}
      {canWrite && (
        <ActionForm
          state={state}
          action={formAction}
          noValidate
          className="mt-4 grid gap-3 border-t border-slate-100 pt-4 sm:grid-cols-[2fr_1fr_auto] sm:items-start"
          key={state?.n ?? 0}
        >
          <input type="hidden" name="caseId" value={caseId} />
          <TextField
            label="Link"
            name="url"
            type="url"
            placeholder="https://"
            defaultValue={sentValue(state, "url") ?? ""}
            error={errors.url}
          />
          <TextField label="Note (optional)" name="note" defaultValue={sentValue(state, "note") ?? ""} error={errors.note} />
          <Button type="submit" variant="secondary" disabled={pending} className="sm:mt-6">
            Add link
          </Button>
          <div className="sm:col-span-3">
            <FormMessage result={state} />
          </div>
        </ActionForm>
      )}
    </section>
  );
}
