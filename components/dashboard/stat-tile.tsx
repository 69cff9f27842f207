export function StatTile({
  label,
  value,
  hint,
  tone = "neutral",
}: {
  label: string;
  value: number;
  hint?: string;
  tone?: "neutral" | "attention";
}) {
  return (
    <div
      className={`rounded-xl border bg-white p-4 shadow-sm ${tone === "attention" && value > 0 ? "border-amber-300" : "border-slate-200"}`}
    >
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="mt-1 text-3xl font-semibold tabular-nums text-slate-900">{value}</dd>
      {hint && <dd className="mt-1 text-xs text-slate-500">{hint}</dd>}
    </div>
  );
}
