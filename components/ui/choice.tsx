"use client";

import { useId, type InputHTMLAttributes, type ReactNode } from "react";
import { useFormField } from "@/components/forms/form-context.ts";

/** A checkbox or radio with its label and hint, and a fieldset whose legend names a group (with its error). */
export function ChoiceField({
  label,
  hint,
  type = "checkbox",
  ...props
}: Omit<InputHTMLAttributes<HTMLInputElement>, "type"> & { label: string; hint?: string; type?: "checkbox" | "radio" }) {
  const id = useId();
  return (
    <div className="flex items-start gap-2">
      <input
        id={id}
        type={type}
        aria-describedby={hint ? `${id}-hint` : undefined}
        className="mt-0.5 h-4 w-4 shrink-0 border-slate-400 text-indigo-700 accent-indigo-700"
        {...props}
      />
      <div className="text-sm">
        <label htmlFor={id} className="text-slate-800">
          {label}
        </label>
        {hint && (
          <p id={`${id}-hint`} className="text-xs text-slate-600">
            {hint}
          </p>
        )}
      </div>
    </div>
  );
}

export function FieldGroup({
  legend,
  error: givenError,
  hint,
  name,
  exact = false,
  children,
  className = "",
}: {
  legend: string;
  error?: string;
  hint?: string;
  /** The name its choices share (or the path of the group in the input): its errors show here and the summary links here. */
  name?: string;
  /** Show only the error about the group itself (its rows' fields show their own). */
  exact?: boolean;
  children: ReactNode;
  className?: string;
}) {
  const ownId = useId();
  const { id, error } = useFormField(name, ownId, givenError, exact);
  return (
    <fieldset
      id={id}
      className={className}
      aria-invalid={error ? true : undefined}
      aria-describedby={[hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined}
    >
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      {hint && (
        <p id={`${id}-hint`} className="mt-0.5 text-xs text-slate-600">
          {hint}
        </p>
      )}
      <div className="mt-2">{children}</div>
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}
