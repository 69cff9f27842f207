"use client";

import Link from "next/link";
import { useState } from "react";
import { Button, buttonClasses } from "@/components/ui/button.tsx";
import { TextField } from "@/components/ui/field.tsx";
import { FormMessage } from "@/components/ui/form-message.tsx";
import { SelectField } from "@/components/ui/select.tsx";
import { SPACES, SPACE_LABELS } from "@/lib/schemas/vocabulary.ts";
import { TextareaField } from "@/components/ui/textarea.tsx";
import { ChoiceField, FieldGroup } from "@/components/ui/choice.tsx";
import { errorFor, errorsOf, sentValue, sentValues, useCaseForm, type FormAction, type FormState } from "./form-state.ts";
import { HandleHint, type HandleLookupFn } from "./handle-hint.tsx";
import { InvolvedPeopleFields } from "./involved-people-fields.tsx";
import { OccurredAtField } from "./occurred-at-field.tsx";
import { StandardsFields } from "./standards-fields.tsx";

const spaceOptions = SPACES.map((s) => ({ value: s, label: SPACE_LABELS[s] }));
const REPORTER_KINDS = [
  { value: "member", label: "A community member", hint: "Pick them by handle" },
  { value: "contact", label: "An outside contact", hint: "Someone outside the community, e.g. event staff" },
  { value: "anonymous", label: "Anonymous", hint: "The reporter did not say who they are" },
] as const;

type Lookup = HandleLookupFn;

/** A handle field checked on blur, with its hint; a look-alike's button puts that member's handle in it. */
function useCheckedHandle(initial: string) {
  const [value, setValue] = useState(initial);
  const [checked, setChecked] = useState(initial);
  return {
    value,
    checked,
    onChange: (e: { target: { value: string } }) => setValue(e.target.value),
    onBlur: (e: { target: { value: string } }) => setChecked(e.target.value),
    use: (handle: string) => {
      setValue(handle);
      setChecked(handle);
    },
  };
}

function Fields({ state, lookup, maxOccurredAt }: { state: FormState; lookup: Lookup; maxOccurredAt: string }) {
  const errors = errorsOf(state);
  const v = (name: string, fallback = "") => sentValue(state, name) ?? fallback;
  const [reporterKind, setReporterKind] = useState(v("reporterKind"));
  const [subjectSpace, setSubjectSpace] = useState(v("subjectSpace", "github"));
  const subjectHandle = useCheckedHandle(v("subjectHandle"));
  const [reporterSpace, setReporterSpace] = useState(v("reporterSpace", "github"));
  const reporterHandle = useCheckedHandle(v("reporterHandle"));
  const involvedSpaces = sentValues(state, "involvedSpace") ?? [];
  const involved = (sentValues(state, "involvedHandle") ?? [])
    .map((handle, i) => ({ space: involvedSpaces[i] ?? "github", handle }))
    .filter((r) => r.handle.trim() !== "");
  const evidenceError = Object.entries(errors).find(([k]) => k.startsWith("evidence."));

  return (
    <div className="space-y-6">
      <section aria-labelledby="subject-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="subject-heading" className="text-base font-semibold">
          Subject
        </h2>
        <p className="mt-0.5 text-sm text-slate-600">
          The member whose behaviour is reported. An unknown handle creates a new member record.
        </p>
        <div className="mt-4 grid gap-4 sm:grid-cols-3">
          <SelectField
            label="Subject's space"
            name="subjectSpace"
            defaultValue={subjectSpace}
            options={spaceOptions}
            error={errorFor(errors, "subject.space")}
            onChange={(e) => setSubjectSpace(e.target.value)}
          />
          <div>
            <TextField
              label="Subject's handle"
              name="subjectHandle"
              value={subjectHandle.value}
              onChange={subjectHandle.onChange}
              onBlur={subjectHandle.onBlur}
              autoComplete="off"
              required
              error={errorFor(errors, "subject.handle", "subject.memberId", "subject")}
            />
            <HandleHint
              lookup={lookup}
              space={subjectSpace}
              handle={subjectHandle.checked}
              onUse={subjectHandle.use}
              fieldLabel="the subject's handle"
            />
          </div>
          <TextField
            label="Display name (new member)"
            name="subjectName"
            defaultValue={v("subjectName")}
            autoComplete="off"
            hint="Optional. Defaults to the handle."
            error={errorFor(errors, "subject.displayName")}
          />
        </div>
      </section>

      <section aria-labelledby="reporter-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="reporter-heading" className="text-base font-semibold">
          Reporter
        </h2>
        <p className="mt-0.5 text-sm text-slate-600">
          Confidential: the reporter is never shown to viewers or recused moderators; a moderator sees them only after choosing Reveal
          reporter, and every reveal is recorded.
        </p>
        <div className="mt-4">
          <FieldGroup legend="Who reported it" error={errorFor(errors, "reporter", "reporter.kind")}>
            <div className="grid gap-3 sm:grid-cols-3">
              {REPORTER_KINDS.map((k) => (
                <ChoiceField
                  key={k.value}
                  type="radio"
                  name="reporterKind"
                  value={k.value}
                  label={k.label}
                  hint={k.hint}
                  defaultChecked={reporterKind === k.value}
                  onChange={() => setReporterKind(k.value)}
                />
              ))}
            </div>
          </FieldGroup>
          {reporterKind === "member" && (
            <div className="mt-4 grid gap-4 sm:grid-cols-3">
              <SelectField
                label="Reporter's space"
                name="reporterSpace"
                defaultValue={reporterSpace}
                options={spaceOptions}
                error={errorFor(errors, "reporter.member.space")}
                onChange={(e) => setReporterSpace(e.target.value)}
              />
              <div>
                <TextField
                  label="Reporter's handle"
                  name="reporterHandle"
                  value={reporterHandle.value}
                  onChange={reporterHandle.onChange}
                  onBlur={reporterHandle.onBlur}
                  autoComplete="off"
                  error={errorFor(errors, "reporter.member.handle", "reporter.member.memberId", "reporter.member")}
                />
                <HandleHint
                  lookup={lookup}
                  space={reporterSpace}
                  handle={reporterHandle.checked}
                  onUse={reporterHandle.use}
                  fieldLabel="the reporter's handle"
                />
              </div>
            </div>
          )}
          {reporterKind === "contact" && (
            <div className="mt-4 grid gap-4 sm:grid-cols-2">
              <TextField
                label="Contact's name"
                name="contactName"
                defaultValue={v("contactName")}
                autoComplete="off"
                error={errorFor(errors, "reporter.name")}
              />
              <TextField
                label="Contact's email"
                name="contactEmail"
                type="email"
                defaultValue={v("contactEmail")}
                autoComplete="off"
                error={errorFor(errors, "reporter.email")}
              />
            </div>
          )}
        </div>
      </section>

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
            error={errorFor(errors, "involved", "involved.")}
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
    </div>
  );
}

/** The "Log a case" form. On success the action redirects to the new case. */
export function LogCaseForm({ action, lookup, maxOccurredAt }: { action: FormAction; lookup: Lookup; maxOccurredAt: string }) {
  const [state, formAction, pending] = useCaseForm(action);
  return (
    <form action={formAction} noValidate className="space-y-6">
      <Fields key={state?.n ?? 0} state={state} lookup={lookup} maxOccurredAt={maxOccurredAt} />
      <div className="flex flex-wrap items-center gap-4">
        <Button type="submit" disabled={pending}>
          {pending ? "Logging…" : "Log case"}
        </Button>
        <Link href="/cases" className={buttonClasses("ghost")}>
          Cancel
        </Link>
        <FormMessage result={state} />
      </div>
    </form>
  );
}
