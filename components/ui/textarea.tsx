"use client";

import { useId, type TextareaHTMLAttributes } from "react";
import { useFormField } from "@/components/forms/form-context.ts";
import { describedBy, FieldNotes } from "./field-notes.tsx";

/** A labelled textarea with its hint and its error announced to assistive technology. */
export function TextareaField({
  label,
  error: givenError,
  hint,
  className = "",
  hideLabel = false,
  id: givenId,
  ...props
}: TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; error?: string; hint?: string; hideLabel?: boolean }) {
  const ownId = useId();
  const { id, error } = useFormField(givenId ? undefined : props.name, givenId ?? ownId, givenError);
  return (
    <div className={className}>
      <label htmlFor={id} className={hideLabel ? "sr-only" : "block text-sm font-medium text-slate-800"}>
        {label}
      </label>
      <textarea
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        className={`${hideLabel ? "" : "mt-1"} block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 focus:outline-2 focus:outline-indigo-600 ${
          error ? "border-red-600" : "border-slate-300"
        }`}
        {...props}
      />
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  );
}
