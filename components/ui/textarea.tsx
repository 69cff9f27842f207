"use client";

import { useId, type TextareaHTMLAttributes } from "react";
import { useFormField } from "@/components/forms/form-context.ts";

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
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className={hideLabel ? "sr-only" : "block text-sm font-medium text-slate-800"}>
        {label}
      </label>
      <textarea
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        className={`${hideLabel ? "" : "mt-1"} block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 focus:outline-2 focus:outline-indigo-600 ${
          error ? "border-red-600" : "border-slate-300"
        }`}
        {...props}
      />
      {hint && (
        <p id={hintId} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
