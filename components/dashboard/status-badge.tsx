import { CASE_STATUS_LABELS, type TCaseStatus } from "@/lib/schemas/vocabulary.ts";

const TONES: Record<TCaseStatus, string> = {
  new: "badge-sky",
  investigating: "badge-amber",
  decided: "badge-indigo",
  closed: "badge-slate",
  dismissed: "badge-slate",
};

export function StatusBadge({ status }: { status: TCaseStatus }) {
  return <span className={`badge ${TONES[status]}`}>{CASE_STATUS_LABELS[status]}</span>;
}
