import { CASE_STATUS_LABELS, type TCaseStatus } from "@/lib/schemas/vocabulary.ts";

const TONES: Record<TCaseStatus, string> = {
  new: "bg-sky-50 text-sky-800 ring-sky-200",
  investigating: "bg-amber-50 text-amber-800 ring-amber-200",
  decided: "bg-indigo-50 text-indigo-800 ring-indigo-200",
  closed: "bg-slate-100 text-slate-700 ring-slate-200",
  dismissed: "bg-slate-100 text-slate-700 ring-slate-200",
};

export function StatusBadge({ status }: { status: TCaseStatus }) {
  return (
    <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[status]}`}>
      {CASE_STATUS_LABELS[status]}
    </span>
  );
}
