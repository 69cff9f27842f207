"use client";

import { TextField } from "@/components/ui/field.tsx";

/** The current minute in UTC, as a `datetime-local` input holds it. */
function nowUtcInputValue(): string {
  return new Date().toISOString().slice(0, 16);
}

/** "When it happened (UTC)", with a button that fills in the current time. */
export function OccurredAtField({
  defaultValue,
  max,
  required,
  error,
}: {
  defaultValue?: string;
  max?: string;
  required?: boolean;
  error?: string;
}) {
  return (
    <div>
      <TextField
        label="When it happened (UTC)"
        name="occurredAt"
        type="datetime-local"
        defaultValue={defaultValue}
        max={max}
        required={required}
        hint="Date and time in UTC, as accurately as known."
        error={error}
      />
      <button
        type="button"
        className="mt-1 text-xs font-medium text-indigo-700 underline hover:text-indigo-900"
        onClick={(event) => {
          const input = event.currentTarget.form?.elements.namedItem("occurredAt");
          if (!(input instanceof HTMLInputElement)) return;
          const now = nowUtcInputValue();
          // The page's upper bound was the time it was rendered: "now" is later.
          if (input.max && input.max < now) input.max = now;
          input.value = now;
          input.focus();
        }}
      >
        Use the current time
      </button>
    </div>
  );
}
