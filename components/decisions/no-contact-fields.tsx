"use client";

import { useId } from "react";
import { useFieldId } from "@/components/forms/form-context.ts";
import { NO_CONTACT_PRESETS } from "@/lib/schemas/decision.ts";

type Protectable = { value: string; field: "protectedMemberIds" | "protect"; label: string; defaultChecked: boolean };

/** A Warning's no-contact period: its length, its start and the people it protects. */
export function NoContactFields({
  preset,
  onPreset,
  days,
  startsAt,
  protectable,
  unlinkedEnforcers,
  error,
}: {
  preset: string;
  onPreset: (preset: string) => void;
  days?: string;
  startsAt: string;
  protectable: Protectable[];
  unlinkedEnforcers: string[];
  error?: string;
}) {
  const ownId = useId();
  const id = useFieldId("noContact") ?? ownId;
  return (
    <fieldset
      id={id}
      className="space-y-3 rounded-lg border border-slate-200 p-3"
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend className="px-1 text-sm font-medium text-slate-800">No-contact period</legend>
      <p className="text-xs text-slate-600">
        No interaction with the people involved, including those enforcing the Code of Conduct, in community spaces and external channels.
      </p>
      <fieldset className="flex flex-wrap items-center gap-2">
        <legend className="mb-1 text-sm font-medium text-slate-800">Length</legend>
        {[...NO_CONTACT_PRESETS.map(String), "custom"].map((p) => (
          <label
            key={p}
            className={`cursor-pointer rounded-md border px-3 py-1.5 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-indigo-600 ${preset === p ? "border-indigo-500 bg-indigo-50" : "border-slate-300"}`}
          >
            <input type="radio" name="noContactPreset" value={p} checked={preset === p} onChange={() => onPreset(p)} className="sr-only" />
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
            defaultValue={days}
            className="mt-1 block w-32 rounded-md border border-slate-300 px-3 py-2 text-sm"
          />
        </label>
      )}
      <label className="block text-sm">
        <span className="font-medium text-slate-800">Starts on</span>
        <input
          type="date"
          name="noContactStartsAt"
          defaultValue={startsAt}
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
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}
