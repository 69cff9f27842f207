"use client";

import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { FormMessage } from "@/components/ui/form-message.tsx";
import { SelectField } from "@/components/ui/select.tsx";
import { TextField } from "@/components/ui/field.tsx";
import { CASE_CONFLICT_MESSAGE } from "@/lib/schemas/case.ts";
import { SPACES, SPACE_LABELS, STANDARD_LABELS, type TSpace, type TStandard } from "@/lib/schemas/vocabulary.ts";
import { TextareaField } from "@/components/ui/textarea.tsx";
import { ChoiceField, FieldGroup } from "@/components/ui/choice.tsx";
import { formatDateTime, toUtcInputValue } from "@/lib/format/dates.ts";
import { errorFor, errorsOf, sentValue, sentValues, useCaseForm, type FormAction, type FormState } from "./form-state.ts";
import { InvolvedPeopleFields } from "./involved-people-fields.tsx";
import { StandardsFields } from "./standards-fields.tsx";

type Person = { id: string; name: string; identities: { space: TSpace; handle: string }[] };
export type CaseDetailsView = {
  caseId: string;
  version: number;
  subject: Person;
  involved: Person[];
  space: TSpace;
  occurredAt: string;
  standards: string[];
  description: string;
};

function PersonLink({ person }: { person: Person }) {
  const first = person.identities[0];
  return (
    <span>
      <Link href={`/members/${person.id}`} className="font-medium text-indigo-700 hover:text-indigo-900 hover:underline">
        {person.name}
      </Link>
      {first && (
        <span className="text-slate-600">
          {" "}
          · {SPACE_LABELS[first.space]} <span className="font-mono">{first.handle}</span>
        </span>
      )}
    </span>
  );
}

function DetailsList({ view }: { view: CaseDetailsView }) {
  const row = "grid gap-1 py-3 sm:grid-cols-[10rem_1fr] sm:gap-4";
  return (
    <dl className="divide-y divide-slate-100 text-sm">
      <div className={row}>
        <dt className="text-slate-600">Subject</dt>
        <dd>
          <PersonLink person={view.subject} />
        </dd>
      </div>
      <div className={row}>
        <dt className="text-slate-600">Involved</dt>
        <dd>
          {view.involved.length === 0 ? (
            <span className="text-slate-500">Nobody else</span>
          ) : (
            <ul className="space-y-0.5">
              {view.involved.map((p) => (
                <li key={p.id}>
                  <PersonLink person={p} />
                </li>
              ))}
            </ul>
          )}
        </dd>
      </div>
      <div className={row}>
        <dt className="text-slate-600">Space</dt>
        <dd>{SPACE_LABELS[view.space]}</dd>
      </div>
      <div className={row}>
        <dt className="text-slate-600">Happened</dt>
        <dd>
          <time dateTime={view.occurredAt}>{formatDateTime(view.occurredAt)}</time>
        </dd>
      </div>
      <div className={row}>
        <dt className="text-slate-600">Standards violated</dt>
        <dd>
          <ul className="list-disc space-y-0.5 pl-4">
            {view.standards.map((s) => (
              <li key={s}>{STANDARD_LABELS[s as TStandard] ?? s}</li>
            ))}
          </ul>
        </dd>
      </div>
      <div className={row}>
        <dt className="text-slate-600">Description</dt>
        <dd className="whitespace-pre-wrap text-slate-900">{view.description}</dd>
      </div>
    </dl>
  );
}

function EditFields({ view, state, conflict }: { view: CaseDetailsView; state: FormState; conflict: boolean }) {
  // After a conflict the form shows the current case; after another refusal, what was typed.
  const typed = conflict ? null : state;
  const errors = errorsOf(state);
  const kept = sentValues(typed, "keepInvolved") ?? view.involved.map((p) => p.id);
  const spaces = sentValues(typed, "involvedSpace") ?? [];
  const added = (sentValues(typed, "involvedHandle") ?? [])
    .map((handle, i) => ({ space: spaces[i] ?? "github", handle }))
    .filter((r) => r.handle.trim() !== "");
  return (
    <div className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label="Space where it happened"
          name="space"
          defaultValue={sentValue(typed, "space") ?? view.space}
          options={SPACES.map((s) => ({ value: s, label: SPACE_LABELS[s] }))}
          error={errorFor(errors, "space")}
        />
        <TextField
          label="When it happened (UTC)"
          name="occurredAt"
          type="datetime-local"
          defaultValue={sentValue(typed, "occurredAt") ?? toUtcInputValue(view.occurredAt)}
          error={errorFor(errors, "occurredAt")}
        />
      </div>
      <StandardsFields selected={sentValues(typed, "standards") ?? view.standards} error={errorFor(errors, "standards", "standards.")} />
      <TextareaField
        label="Description"
        name="description"
        rows={5}
        defaultValue={sentValue(typed, "description") ?? view.description}
        error={errorFor(errors, "description")}
      />
      {view.involved.length > 0 && (
        <FieldGroup legend="Still involved" hint="Untick anyone who was listed by mistake.">
          <div className="space-y-2">
            {view.involved.map((p) => (
              <ChoiceField key={p.id} name="keepInvolved" value={p.id} label={p.name} defaultChecked={kept.includes(p.id)} />
            ))}
          </div>
        </FieldGroup>
      )}
      <InvolvedPeopleFields initial={added} legend="Add involved people" error={errorFor(errors, "involved", "involved.")} />
    </div>
  );
}

/** The case's details, and (for moderators who may work the case) an edit form that names the version it read. */
export function CaseDetails({ view, canEdit, action }: { view: CaseDetailsView; canEdit: boolean; action: FormAction }) {
  const [state, formAction, pending] = useCaseForm(action);
  const [openedAt, setOpenedAt] = useState<number | null>(null);
  const conflict = !!state && !state.ok && state.message === CASE_CONFLICT_MESSAGE;
  // The form closes when a submission made while it was open succeeds.
  const editing = openedAt !== null && !(state?.ok && state.n > openedAt);
  const message =
    conflict && state && !state.ok
      ? { ok: false, message: `${state.message}. The form now shows the current values: check them and save again.` }
      : state;
  return (
    <section aria-labelledby="details-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex items-center justify-between gap-4">
        <h2 id="details-heading" className="text-base font-semibold">
          Details
        </h2>
        {canEdit && !editing && (
          <Button variant="secondary" onClick={() => setOpenedAt(state?.n ?? 0)}>
            Edit details
          </Button>
        )}
      </div>
      {!editing ? (
        <>
          <DetailsList view={view} />
          {state?.ok && <FormMessage result={state} />}
        </>
      ) : (
        <form action={formAction} noValidate className="mt-4 space-y-4">
          <input type="hidden" name="caseId" value={view.caseId} />
          <input type="hidden" name="version" value={view.version} />
          <EditFields key={`${view.version}-${state?.n ?? 0}`} view={view} state={state} conflict={conflict} />
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : "Save details"}
            </Button>
            <Button variant="ghost" onClick={() => setOpenedAt(null)}>
              Cancel
            </Button>
            <FormMessage result={message} />
          </div>
        </form>
      )}
    </section>
  );
}
