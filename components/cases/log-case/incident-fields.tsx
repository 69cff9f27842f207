"use client";

import { errorFor, errorsOf, sentRows, sentValue, sentValues, type FormState } from "@/components/forms/form-state.ts";
import { ChoiceField } from "@/components/ui/choice.tsx";
import { SelectField } from "@/components/ui/select.tsx";
import { TextareaField } from "@/components/ui/textarea.tsx";
import { SPACES, SPACE_LABELS } from "@/lib/schemas/vocabulary.ts";
import { type HandleLookupFn } from "../handle-hint.tsx";
import { InvolvedPeopleFields } from "../involved-people-fields.tsx";
import { OccurredAtField } from "../occurred-at-field.tsx";
import { StandardsFields } from "../standards-fields.tsx";

const spaceOptions = SPACES.map((s) => ({ value: s, label: SPACE_LABELS[s] }));

/** What happened: where and when, the standards it breaks, the description, the people involved and the evidence. */
export function IncidentFields({ state, lookup, maxOccurredAt }: { state: FormState; lookup: HandleLookupFn; maxOccurredAt: string }) {
  const errors = errorsOf(state);
  const v = (name: string, fallback = "") => sentValue(state, name) ?? fallback;
  const involved = sentRows(state, "involved");
  const evidenceError = Object.entries(errors).find(([k]) => k.startsWith("evidence."));
  return (
    <section aria-labelledby="incident-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="incident-heading" className="text-base font-semibold">
        What happened
      </h2>
      <div className="mt-4 grid gap-4 sm:grid-cols-2">
        <SelectField
          label="Space where it happened"
          name="space"
          defaultValue={v("space", "github")}
          options={spaceOptions}
          error={errorFor(errors, "space")}
        />
        <OccurredAtField defaultValue={v("occurredAt")} max={maxOccurredAt} required error={errorFor(errors, "occurredAt")} />
      </div>
      <div className="mt-4">
        <StandardsFields selected={sentValues(state, "standards") ?? []} error={errorFor(errors, "standards", "standards.")} />
      </div>
      <TextareaField
        className="mt-4"
        label="Description"
        name="description"
        rows={5}
        required
        defaultValue={v("description")}
        hint="What was said or done, where, and to whom. Internal: never shown to the member."
        error={errorFor(errors, "description")}
      />
      <div className="mt-4">
        <InvolvedPeopleFields
          initial={involved}
          lookup={lookup}
          name="involved"
          hint="People the behaviour was directed at or who took part, other than the subject. They are checked against active no-contact terms."
        />
      </div>
      <TextareaField
        className="mt-4"
        label="Evidence links"
        name="evidence"
        rows={3}
        defaultValue={v("evidence")}
        placeholder="https://github.com/org/repo/issues/1#issuecomment-2"
        hint="One web address per line (http or https): messages, comments, screenshots."
        error={evidenceError ? `Link ${Number(evidenceError[0].split(".")[1]) + 1}: ${evidenceError[1]}` : undefined}
      />
      <div className="mt-4">
        <ChoiceField
          name="restricted"
          label="Restrict to a case team (need to know)"
          hint="Only you will see it until you add others to its team; an admin outside the team sees only its number and status."
          defaultChecked={v("restricted") === "on"}
        />
        {errors.restricted && <p className="mt-1 text-sm text-red-700">{errors.restricted}</p>}
      </div>
    </section>
  );
}
