"use client";

import { useId } from "react";
import { useFieldId } from "@/components/forms/form-context.ts";
import type { TLevel } from "@/lib/schemas/vocabulary.ts";

export type Choice = TLevel | "none";

/** The level of a decision, as cards, with the recommended one marked. */
export function LevelChoice({
  choices,
  level,
  onLevel,
  recommended,
  error,
}: {
  choices: { value: Choice; label: string; hint: string }[];
  level: Choice;
  onLevel: (level: Choice) => void;
  recommended: TLevel;
  error?: string;
}) {
  const ownId = useId();
  const id = useFieldId("level") ?? ownId;
  return (
    <fieldset id={id} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="text-sm font-medium text-slate-800">Level</legend>
      <div className="mt-2 grid gap-2 sm:grid-cols-2">
        {choices.map((choice) => (
          <label
            key={choice.value}
            className={`flex cursor-pointer gap-3 rounded-lg border p-3 text-sm ${level === choice.value ? "border-indigo-500 bg-indigo-50/50 ring-1 ring-indigo-500" : "border-slate-200"}`}
          >
            <input
              type="radio"
              name="level"
              value={choice.value}
              checked={level === choice.value}
              onChange={() => onLevel(choice.value)}
              className="mt-1"
            />
            <span>
              <span className="font-medium">
                {choice.label}
                {choice.value === recommended && (
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
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}
