"use client";

import type { ActionResult } from "@/lib/schemas/action-result.ts";
import { startTransition, useActionState, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button.tsx";
import { FormMessage } from "@/components/ui/form-message.tsx";
import { TextareaField } from "@/components/ui/textarea.tsx";
import { NO_CONTACT_PRESETS } from "@/lib/schemas/decision.ts";
import { LEVEL_LABELS, LEVELS, type TLevel } from "@/lib/schemas/vocabulary.ts";

type Result = ActionResult;
type Choice = TLevel | "none";

export type DecisionFormProps = {
  caseId: string;
  version: number;
  recommendation: { level: TLevel; reasons: string[]; mandatory: boolean };
  /** value: an involved person's member id (field protectedMemberIds), or a role the server resolves (field protect). */
  protectable: { value: string; field: "protectedMemberIds" | "protect"; label: string; defaultChecked: boolean }[];
  /** Enforcing moderators whose accounts have no member record, so they cannot be protected. */
  unlinkedEnforcers: string[];
  today: string;
  action: (prev: Result | null, form: FormData) => Promise<Result>;
};

const CHOICES: { value: Choice; label: string; hint: string }[] = [
  ...LEVELS.map((level) => ({
    value: level,
    label: LEVEL_LABELS[level],
    hint: {
      reminder: "A private, written reminder explaining the violation and why it was inappropriate.",
      warning: "A warning with consequences, and no contact with the people involved for a set period.",
      permanent_ban: "A ban from any sort of public interaction within the community.",
    }[level],
  })),
  { value: "none", label: "No action", hint: "Decide that no enforcement is needed." },
];

export function DecisionForm({ caseId, version, recommendation, protectable, unlinkedEnforcers, today, action }: DecisionFormProps) {
  const [result, formAction, pending] = useActionState(action, null);
  const values = result && !result.ok ? (result.values ?? {}) : {};
  const fields = result && !result.ok ? (result.fields ?? {}) : {};
  const [level, setLevel] = useState<Choice>((values.level as Choice) ?? recommendation.level);
  const [preset, setPreset] = useState<string>(values.noContactPreset ?? "90");
  const deviating = level !== recommendation.level;
  // Submitted by hand rather than through <form action>: React resets a form after an
  // action, which would put the level, length and protected people back to their first
  // values behind the moderator's back when a decision is refused.
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  }
  const noContactError =
    fields.noContact ?? fields["noContact.days"] ?? fields["noContact.startsAt"] ?? fields["noContact.protectedMemberIds"];

  return (
    <form onSubmit={submit} className="space-y-5" noValidate>
      <input type="hidden" name="caseId" value={caseId} />
      <input type="hidden" name="version" value={version} />

      <div
        className={`rounded-lg border p-3 text-sm ${recommendation.mandatory ? "border-red-300 bg-red-50" : "border-indigo-200 bg-indigo-50"}`}
      >
        <p className="font-medium">Recommended: {LEVEL_LABELS[recommendation.level]}</p>
        <ul className="mt-1 list-disc pl-5 text-slate-700">
          {recommendation.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      </div>

      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Level</legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {CHOICES.map((choice) => (
            <label
              key={choice.value}
              className={`flex cursor-pointer gap-3 rounded-lg border p-3 text-sm ${level === choice.value ? "border-indigo-500 bg-indigo-50/50 ring-1 ring-indigo-500" : "border-slate-200"}`}
            >
              <input
                type="radio"
                name="level"
                value={choice.value}
                checked={level === choice.value}
                onChange={() => setLevel(choice.value)}
                className="mt-1"
              />
              <span>
                <span className="font-medium">
                  {choice.label}
                  {choice.value === recommendation.level && (
                    <span className="ml-2 rounded bg-indigo-100 px-1.5 py-0.5 text-xs text-indigo-800">
                      <span className="sr-only">, </span>Recommended
                    </span>
                  )}
                </span>
                <span className="mt-0.5 block text-xs text-slate-600">{choice.hint}</span>
              </span>
            </label>
          ))}
        </div>
        {fields.level && <p className="mt-1 text-sm text-red-700">{fields.level}</p>}
      </fieldset>

      {deviating && (
        <TextareaField
          label="Justification for choosing another level"
          name="justification"
          defaultValue={values.justification}
          hint={`The recommendation is ${LEVEL_LABELS[recommendation.level]}. Explain why this case calls for another level; it is kept in the audit trail.`}
          error={fields.justification}
          rows={3}
        />
      )}

      <TextareaField
        label="Rationale"
        name="rationale"
        defaultValue={values.rationale}
        hint="The nature of the violation and why it was inappropriate. The member's notice is built from it."
        error={fields.rationale}
      />

      {level === "warning" && (
        <fieldset
          className="space-y-3 rounded-lg border border-slate-200 p-3"
          aria-describedby={noContactError ? "no-contact-error" : undefined}
        >
          <legend className="px-1 text-sm font-medium text-slate-800">No-contact period</legend>
          <p className="text-xs text-slate-600">
            No interaction with the people involved, including those enforcing the Code of Conduct, in community spaces and external
            channels.
          </p>
          <fieldset className="flex flex-wrap items-center gap-2">
            <legend className="mb-1 text-sm font-medium text-slate-800">Length</legend>
            {[...NO_CONTACT_PRESETS.map(String), "custom"].map((p) => (
              <label
                key={p}
                className={`cursor-pointer rounded-md border px-3 py-1.5 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-indigo-600 ${preset === p ? "border-indigo-500 bg-indigo-50" : "border-slate-300"}`}
              >
                <input
                  type="radio"
                  name="noContactPreset"
                  value={p}
                  checked={preset === p}
                  onChange={() => setPreset(p)}
                  className="sr-only"
                />
                {p === "custom" ? "Custom" : `${p} days`}
              </label>
            ))}
          </fieldset>
          {preset === "custom" && (
            <label className="block text-sm">
              <span className="font-medium text-slate-800">Length in days</span>
              <input
                type="number"
                name="noContactDays"
                min={1}
                max={3650}
                defaultValue={values.noContactDays}
                className="mt-1 block w-32 rounded-md border border-slate-300 px-3 py-2 text-sm"
              />
            </label>
          )}
          <label className="block text-sm">
            <span className="font-medium text-slate-800">Starts on</span>
            <input
              type="date"
              name="noContactStartsAt"
              defaultValue={values.noContactStartsAt ?? today}
              className="mt-1 block rounded-md border border-slate-300 px-3 py-2 text-sm"
            />
          </label>
          <fieldset>
            <legend className="text-sm font-medium text-slate-800">Protected people</legend>
            {protectable.length === 0 ? (
              <p className="mt-1 text-sm text-slate-600">
                Nobody involved is recorded on this case: add the involved people to the case first.
              </p>
            ) : (
              <div className="mt-1 space-y-1">
                {protectable.map((p) => (
                  <label key={`${p.field}:${p.value}`} className="flex items-center gap-2 text-sm">
                    <input type="checkbox" name={p.field} value={p.value} defaultChecked={p.defaultChecked} />
                    {p.label}
                  </label>
                ))}
              </div>
            )}
            {unlinkedEnforcers.length > 0 && (
              <p className="mt-2 text-xs text-slate-600">
                Not offered: {unlinkedEnforcers.join(", ")} (account not linked to a member record, so the terms cannot name them; an admin
                links accounts on the Team page).
              </p>
            )}
          </fieldset>
          {noContactError && (
            <p id="no-contact-error" className="text-sm text-red-700">
              {noContactError}
            </p>
          )}
        </fieldset>
      )}

      <TextareaField
        label="Public summary (optional)"
        name="publicSummary"
        defaultValue={values.publicSummary}
        hint="A short text fit for public transparency exports, without names."
        rows={2}
      />

      <div className="flex flex-wrap items-center gap-4">
        <Button type="submit" disabled={pending}>
          {pending ? "Recording…" : "Record decision"}
        </Button>
        <FormMessage result={result} />
      </div>
    </form>
  );
}
