"use client";

import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { DataTable } from "@/components/ui/data-table.tsx";
import { FormMessage } from "@/components/ui/form-message.tsx";
import { SelectField } from "@/components/ui/select.tsx";
import { CASE_CONFLICT_MESSAGE } from "@/lib/schemas/case.ts";
import { SPACES, SPACE_LABELS, STANDARD_LABELS, type TSpace, type TStandard } from "@/lib/schemas/vocabulary.ts";
import { TextareaField } from "@/components/ui/textarea.tsx";
import { ChoiceField, FieldGroup } from "@/components/ui/choice.tsx";
import { formatDate, formatDateTime, toUtcInputValue } from "@/lib/format/dates.ts";
import {
  errorFor,
  errorsOf,
  rowsSent,
  sentRows,
  sentValue,
  sentValues,
  useFormAction,
  type FormAction,
  type FormState,
} from "@/components/forms/form-state.ts";
import { ActionForm } from "@/components/forms/action-form.tsx";
import { InvolvedPeopleFields } from "./involved-people-fields.tsx";
import { OccurredAtField } from "./occurred-at-field.tsx";
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
  /** The case has a standing decision: a change of its details needs a reason. */
  decided?: boolean;
  /** When the details last changed after the decision, and why. */
  changedAfterDecision?: { at: string; reason: string | null } | null;
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

function EditFields({
  view,
  state,
  conflict,
  reapplied,
  names,
}: {
  view: CaseDetailsView;
  state: FormState;
  conflict: boolean;
  /** After a conflict, what the person typed, put back on the current version. */
  reapplied: FormState;
  names: ReadonlyMap<string, string>;
}) {
  // After a conflict the form shows the current case (until the person re-applies what they
  // typed); after another refusal, what was typed.
  const typed = reapplied ?? (conflict ? null : state);
  const errors = reapplied ? {} : errorsOf(state);
  const kept = sentValues(typed, "keepInvolved") ?? view.involved.map((p) => p.id);
  // People the person kept whom the other edit removed stay offered, so re-applying keeps them.
  const keptElsewhere = kept.filter((id) => !view.involved.some((p) => p.id === id));
  const added = sentRows(typed, "added");
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
        <OccurredAtField
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
      {view.involved.length + keptElsewhere.length > 0 && (
        <FieldGroup legend="Still involved" name="involved" hint="Untick anyone who was listed by mistake.">
          <div className="space-y-2">
            {view.involved.map((p) => (
              <ChoiceField key={p.id} name="keepInvolved" value={p.id} label={p.name} defaultChecked={kept.includes(p.id)} />
            ))}
            {keptElsewhere.map((id) => (
              <ChoiceField
                key={id}
                name="keepInvolved"
                value={id}
                label={names.get(id) ?? "A person you kept"}
                hint="Removed by the other change; kept in yours"
                defaultChecked
              />
            ))}
          </div>
        </FieldGroup>
      )}
      <InvolvedPeopleFields
        initial={added}
        name="added"
        legend="Add involved people"
        error={view.involved.length + keptElsewhere.length > 0 ? undefined : errorFor(errors, "involved", "involved.")}
      />
      {view.decided && (
        <TextareaField
          label="Reason for changing a decided case"
          name="reason"
          rows={2}
          hint="This case has a decision, and the member was told of it on these details. Say why they change: the reason is kept in the audit trail and shown on the case."
          defaultValue={sentValue(typed, "reason") ?? ""}
          error={errorFor(errors, "reason")}
        />
      )}
    </div>
  );
}

type Difference = { field: string; current: string; typed: string };

/** What the person typed, field by field, where it differs from the case as it is now. */
function differences(view: CaseDetailsView, sent: FormData, names: ReadonlyMap<string, string>): Difference[] {
  const text = (name: string) => {
    const v = sent.get(name);
    return typeof v === "string" ? v : "";
  };
  const list = (values: string[]) => (values.length ? values.join(", ") : "None");
  const standardsOf = (codes: string[]) => list(codes.map((c) => STANDARD_LABELS[c as TStandard] ?? c));
  const out: Difference[] = [];
  const space = text("space");
  if (space && space !== view.space) {
    out.push({ field: "Space", current: SPACE_LABELS[view.space], typed: SPACE_LABELS[space as TSpace] ?? space });
  }
  const occurred = text("occurredAt");
  if (occurred && occurred !== toUtcInputValue(view.occurredAt)) {
    out.push({
      field: "When it happened (UTC)",
      current: toUtcInputValue(view.occurredAt).replace("T", " "),
      typed: occurred.replace("T", " "),
    });
  }
  const standards = sent.getAll("standards").map(String);
  if ([...standards].sort().join() !== [...view.standards].sort().join()) {
    out.push({ field: "Standards violated", current: standardsOf(view.standards), typed: standardsOf(standards) });
  }
  const description = text("description");
  if (description.trim() !== view.description.trim()) out.push({ field: "Description", current: view.description, typed: description });
  const keptIds = sent.getAll("keepInvolved").map(String);
  const added = rowsSent(sent, "added").map((r) => `${r.handle.trim()} (${SPACE_LABELS[r.space as TSpace] ?? r.space}, to add)`);
  const currentIds = view.involved.map((p) => p.id);
  if (added.length > 0 || [...keptIds].sort().join() !== [...currentIds].sort().join()) {
    out.push({
      field: "Involved",
      current: list(view.involved.map((p) => p.name)),
      typed: list([...keptIds.map((id) => names.get(id) ?? "A person you kept"), ...added]),
    });
  }
  return out;
}

/** After a refused stale edit: the current values and what the person typed, side by side. */
function StaleEdit({ rows, onReapply }: { rows: Difference[]; onReapply: () => void }) {
  return (
    <section aria-labelledby="stale-edit-heading" className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm">
      <h3 id="stale-edit-heading" className="font-semibold text-amber-950">
        Your changes were not saved
      </h3>
      {rows.length === 0 ? (
        <p className="mt-1 text-amber-950">What you typed matches the case as it is now.</p>
      ) : (
        <DataTable
          caption="The case now, and what you typed"
          variant="inset"
          alignTop
          className="mt-2 table-fixed"
          rows={rows}
          rowKey={(r) => r.field}
          rowClassName={() => "border-t border-amber-200"}
          columns={[
            { header: "Field", rowHeader: true, headerClassName: "w-40", className: "font-medium text-slate-800", cell: (r) => r.field },
            {
              header: "Now (saved by someone else)",
              className: "whitespace-pre-wrap break-words text-slate-800",
              cell: (r) => r.current,
            },
            { header: "What you typed", className: "whitespace-pre-wrap break-words text-slate-900", cell: (r) => r.typed },
          ]}
        />
      )}
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <Button variant="secondary" onClick={onReapply}>
          Re-apply my changes
        </Button>
        <span className="text-xs text-slate-700">They go into the form on the current version: check them, then save.</span>
      </div>
    </section>
  );
}

/** The case's details, and (for moderators who may work the case) an edit form that names the version it read. */
export function CaseDetails({ view, canEdit, action }: { view: CaseDetailsView; canEdit: boolean; action: FormAction }) {
  const [state, formAction, pending] = useFormAction(action);
  const [openedAt, setOpenedAt] = useState<number | null>(null);
  // The submission whose typed values were put back into the form after a conflict.
  const [reappliedN, setReappliedN] = useState<number | null>(null);
  // The people involved when the form was opened: one the other edit removed is still named.
  const [openedWith, setOpenedWith] = useState<Person[]>([]);
  const names = new Map([...openedWith, ...view.involved].map((p) => [p.id, p.name]));
  const conflict = !!state && !state.ok && state.message === CASE_CONFLICT_MESSAGE;
  const reapplied = conflict && state && reappliedN === state.n ? { ...state, ok: false as const, message: "" } : null;
  // The form closes when a submission made while it was open succeeds.
  const editing = openedAt !== null && !(state?.ok && state.n > openedAt);
  const shown =
    conflict && state && !state.ok
      ? {
          ...state,
          message: reapplied
            ? `${state.message}. Your changes are back in the form, on the current version: check them and save again.`
            : `${state.message}. The form now shows the current values; what you typed is beside them.`,
        }
      : state;
  return (
    <section aria-labelledby="details-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex items-center justify-between gap-4">
        <h2 id="details-heading" className="text-base font-semibold">
          Details
        </h2>
        {canEdit && !editing && (
          <Button
            variant="secondary"
            onClick={() => {
              setOpenedAt(state?.n ?? 0);
              setOpenedWith(view.involved);
            }}
          >
            Edit details
          </Button>
        )}
      </div>
      {view.changedAfterDecision && (
        <p className="mt-2 rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-950">
          Details changed after the decision on{" "}
          <time dateTime={view.changedAfterDecision.at}>{formatDate(view.changedAfterDecision.at)}</time>
          {view.changedAfterDecision.reason ? `: ${view.changedAfterDecision.reason}` : ""}. The decision may need review.
        </p>
      )}
      {!editing ? (
        <>
          <DetailsList view={view} />
          {state?.ok && <FormMessage result={state} />}
        </>
      ) : (
        <ActionForm state={shown} action={formAction} noValidate className="mt-4 space-y-4">
          <input type="hidden" name="caseId" value={view.caseId} />
          <input type="hidden" name="version" value={view.version} />
          {conflict && state && !reapplied && (
            <StaleEdit rows={differences(view, state.sent, names)} onReapply={() => setReappliedN(state.n)} />
          )}
          <EditFields
            key={`${view.version}-${state?.n ?? 0}-${reapplied ? "reapplied" : ""}`}
            view={view}
            state={state}
            conflict={conflict}
            reapplied={reapplied}
            names={names}
          />
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : "Save details"}
            </Button>
            <Button variant="ghost" onClick={() => setOpenedAt(null)}>
              Cancel
            </Button>
          </div>
        </ActionForm>
      )}
    </section>
  );
}
