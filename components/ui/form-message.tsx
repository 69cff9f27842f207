type Result = { ok: boolean; message?: string } | null;

/** The outcome of a form submission, announced politely to screen readers. */
export function FormMessage({ result }: { result: Result }) {
  return (
    <p role="status" aria-live="polite" className={`text-sm ${result?.ok ? "text-emerald-800" : "text-red-700"}`}>
      {result?.message ?? ""}
    </p>
  );
}
