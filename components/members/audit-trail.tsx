import { formatDateTime, isoDate } from "@/lib/format/dates.ts";

export type AuditEntryView = { seq: string; occurredAt: Date; sentence: string };

/** The record's audit events, oldest first: who changed what, and when. */
export function AuditTrail({ entries }: { entries: AuditEntryView[] }) {
  if (entries.length === 0) return <p className="px-4 py-4 text-sm text-slate-600">No changes recorded.</p>;
  return (
    <ol className="divide-y divide-slate-100">
      {entries.map((e) => (
        <li key={e.seq} className="grid gap-x-4 px-4 py-2.5 text-sm sm:grid-cols-[11rem_1fr]">
          <time dateTime={isoDate(e.occurredAt)} className="tabular-nums text-slate-600">
            {formatDateTime(e.occurredAt)}
          </time>
          <p className="text-slate-800">{e.sentence}</p>
        </li>
      ))}
    </ol>
  );
}
