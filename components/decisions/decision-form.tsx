"use client";

import { startTransition, useState, type FormEvent } from "react";
import { ActionForm } from "@/components/forms/action-form.tsx";
import { errorFor, errorsOf, sentValue, useFormAction, type FormAction } from "@/components/forms/form-state.ts";
import { Button } from "@/components/ui/button.tsx";
import { FormMessage } from "@/components/ui/form-message.tsx";
import { TextareaField } from "@/components/ui/textarea.tsx";
import { LEVEL_LABELS, LEVELS, type TLevel } from "@/lib/schemas/vocabulary.ts";
import { LevelChoice, type Choice } from "./level-choice.tsx";
import { NoContactFields } from "./no-contact-fields.tsx";

export type DecisionFormProps = {
  caseId: string;
  version: number;
  recommendation: { level: TLevel; reasons: string[]; mandatory: boolean };
  /** value: an involved person's member id (field protectedMemberIds), or a role the server resolves (field protect). */
  protectable: { value: string; field: "protectedMemberIds" | "protect"; label: string; defaultChecked: boolean }[];
  /** Enforcing moderators whose accounts have no member record, so they cannot be protected. */
  unlinkedEnforcers: string[];
  today: string;
  action: FormAction;
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
  const [result, formAction, pending] = useFormAction(action);
  const fields = errorsOf(result);
  const [level, setLevel] = useState<Choice>(recommendation.level);
  const [preset, setPreset] = useState<string>("90");
  const deviating = level !== recommendation.level;
  // Submitted by hand rather than through <form action>: React resets a form after an
  // action, which would put the level, length and protected people back to their first
  // values behind the moderator's back when a decision is refused.
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  }
  const noContactError = errorFor(fields, "noContact", "noContact.");

  return (
    <ActionForm state={result} onSubmit={submit} className="space-y-5" noValidate>
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

      <LevelChoice choices={CHOICES} level={level} onLevel={setLevel} recommended={recommendation.level} error={fields.level} />

      {deviating && (
        <TextareaField
          label="Justification for choosing another level"
          name="justification"

          hint={`The recommendation is ${LEVEL_LABELS[recommendation.level]}. Explain why this case calls for another level; it is kept in the audit trail.`}
          error={fields.justification}
          rows={3}
        />
      )}

      <TextareaField
        label="Rationale"
        name="rationale"

        hint="The nature of the violation and why it was inappropriate. The member's notice is built from it."
        error={fields.rationale}
      />

      {level === "warning" && (
        <NoContactFields
          preset={preset}
          onPreset={setPreset}
          days={sentValue(result, "noContactDays")}
          startsAt={sentValue(result, "noContactStartsAt") ?? today}
          protectable={protectable}
          unlinkedEnforcers={unlinkedEnforcers}
          error={noContactError}
        />
      )}

      <TextareaField
        label="Public summary (optional)"
        name="publicSummary"

        hint="A short text fit for public transparency exports, without names."
        rows={2}
      />

      <div className="flex flex-wrap items-center gap-4">
        <Button type="submit" disabled={pending}>
          {pending ? "Recording…" : "Record decision"}
        </Button>
        <FormMessage result={result} />
      </div>
    </ActionForm>
  );
}
