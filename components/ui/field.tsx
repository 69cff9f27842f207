"use client";

import { useId, type InputHTMLAttributes } from "react";
import { useFormField } from "@/components/forms/form-context.ts";
import { describedBy, FieldNotes } from "./field-notes.tsx";

/** A labelled input with its hint and its error announced to assistive technology. */
export function TextField({
  label,
  error: givenError,
  hint,
  className = "",
  id: givenId,
  ...props
}: InputHTMLAttributes<HTMLInputElement> & { label: string; error?: string; hint?: string }) {
  const ownId = useId();
  const { id, error } = useFormField(givenId ? undefined : props.name, givenId ?? ownId, givenError);
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        className={`mt-1 block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 focus:outline-2 focus:outline-indigo-600 ${
          error ? "border-red-600" : "border-slate-300"
        }`}
        {...props}
      />
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  );
}
