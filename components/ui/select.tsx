"use client";

import { useId, type SelectHTMLAttributes } from "react";
import { useFormField } from "@/components/forms/form-context.ts";
import { describedBy, FieldNotes } from "./field-notes.tsx";

export function SelectField({
  label,
  error: givenError,
  options,
  className = "",
  hideLabel = false,
  id: givenId,
  ...props
}: SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  error?: string;
  hideLabel?: boolean;
  options: { value: string; label: string }[];
}) {
  const ownId = useId();
  const { id, error } = useFormField(givenId ? undefined : props.name, givenId ?? ownId, givenError);
  return (
    <div className={className}>
      <label htmlFor={id} className={hideLabel ? "sr-only" : "block text-sm font-medium text-slate-800"}>
        {label}
      </label>
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, undefined, error)}
        className={`${hideLabel ? "" : "mt-1"} block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm ${error ? "border-red-600" : "border-slate-300"}`}
        {...props}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldNotes id={id} error={error} />
    </div>
  );
}
