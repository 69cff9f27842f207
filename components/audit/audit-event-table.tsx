import Link from "next/link";
import { DataTable } from "@/components/ui/data-table.tsx";
import { formatDateTime } from "@/lib/format/dates.ts";

/** One event of the log as the table shows it: its sentence, its stored details and what it is about. */
export type AuditEventRow = {
  seq: bigint;
  occurredAt: Date;
  action: string;
  sentence: string;
  /** The stored before / after / metadata, as text; empty when nothing else was recorded. */
  details: string;
  entityType: string | null;
  entityLabel: string | null;
  href: string | null;
};

/** The sentence of an event, with what was stored behind a disclosure. */
function EventSentence({ event }: { event: AuditEventRow }) {
  return (
    <>
      <p>{event.sentence}</p>
      <details className="mt-1 text-xs text-slate-600">
        <summary className="cursor-pointer">
          Details <span className="font-mono">{event.action}</span>
        </summary>
        {event.details ? (
          <pre className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 font-mono text-slate-700">
            {event.details}
          </pre>
        ) : (
          <p className="mt-1">Nothing else was recorded.</p>
        )}
      </details>
    </>
  );
}

function EventEntity({ event }: { event: AuditEventRow }) {
  if (!event.href) return <span className="text-slate-600">{event.entityType ?? "—"}</span>;
  return (
    <Link href={event.href} className="text-indigo-800 hover:underline">
      {event.entityLabel ?? event.entityType}
    </Link>
  );
}

/** The events of one page of the audit log, newest first. */
export function AuditEventTable({ rows, labelledBy }: { rows: readonly AuditEventRow[]; labelledBy: string }) {
  return (
    <DataTable
      labelledBy={labelledBy}
      rows={rows}
      rowKey={(r) => r.seq.toString()}
      empty="No event matches these filters."
      density="compact"
      alignTop
      columns={[
        { header: "#", className: "font-mono text-xs text-slate-600", cell: (r) => r.seq.toString() },
        {
          header: "Time (UTC)",
          className: "whitespace-nowrap text-slate-700",
          cell: (r) => formatDateTime(r.occurredAt, { seconds: true }).replace(" UTC", ""),
        },
        { header: "What happened", className: "max-w-xl", cell: (r) => <EventSentence event={r} /> },
        { header: "Entity", cell: (r) => <EventEntity event={r} /> },
      ]}
    />
  );
}
