"use client";

import { useInActionForm } from "@/components/forms/form-context.ts";

type Result = { ok: boolean; message?: string } | null;

/** The outcome of a form submission, announced politely to screen readers. */
export function FormMessage({ result }: { result: Result }) {
  // Inside an ActionForm a refusal is shown (and focused) by its error summary.
  const inForm = useInActionForm();
  if (inForm && result && !result.ok) result = null;
  return (
    <p role="status" aria-live="polite" className={`text-sm ${result?.ok ? "text-emerald-800" : "text-red-700"}`}>
      {result?.message ?? ""}
    </p>
  );
}
