import { useId, type InputHTMLAttributes, type ReactNode } from "react";

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
  error,
  hint,
  children,
  className = "",
}: {
  legend: string;
  error?: string;
  hint?: string;
  children: ReactNode;
  className?: string;
}) {
  const id = useId();
  return (
    <fieldset
      className={className}
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
