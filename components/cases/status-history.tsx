import { CASE_STATUS_LABELS, type TCaseStatus } from "@/lib/schemas/vocabulary.ts";
import { formatDateTime } from "@/lib/format/dates.ts";

export type StatusChangeView = {
  id: string;
  from: TCaseStatus | null;
  to: TCaseStatus;
  reason: string | null;
  createdAt: string;
  actorName: string | null;
};

/** Each move of the case through its statuses, newest first, with the reasons given. */
export function StatusHistory({ changes }: { changes: StatusChangeView[] }) {
  return (
    <ol className="space-y-2 border-l-2 border-slate-200 pl-3 text-xs">
      {[...changes].reverse().map((c) => (
        <li key={c.id}>
          <p className="font-medium text-slate-800">
            {c.from ? `${CASE_STATUS_LABELS[c.from]} → ${CASE_STATUS_LABELS[c.to]}` : "Logged as New"}
          </p>
          <p className="text-slate-600">
            <time dateTime={c.createdAt}>{formatDateTime(c.createdAt)}</time>
            {c.actorName ? ` · ${c.actorName}` : ""}
          </p>
          {c.reason && <p className="mt-0.5 text-slate-700">“{c.reason}”</p>}
        </li>
      ))}
    </ol>
  );
}
