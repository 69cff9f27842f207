import { Pagination } from "@/components/ui/pagination.tsx";
import { Panel } from "@/components/ui/panel.tsx";
import { formatCount } from "@/lib/format/numbers.ts";
import { AuditEventTable, type AuditEventRow } from "./audit-event-table.tsx";

const download = "rounded-md px-3 py-1.5 font-medium text-indigo-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50";

/**
 * One page of the filtered log, with the whole filtered log as files. `query` gives the filter's
 * address with the extra parameters (a page, a format).
 */
export function AuditEvents({
  rows,
  total,
  page,
  pages,
  query,
}: {
  rows: readonly AuditEventRow[];
  total: number;
  page: number;
  pages: number;
  query: (extra: { page?: number; format?: "csv" | "jsonl" }) => string;
}) {
  return (
    <Panel
      headingId="events-heading"
      title={
        <>
          Events <span className="text-sm font-normal text-slate-600">({formatCount(total)})</span>
        </>
      }
      actions={
        <div className="flex gap-2 text-sm">
          <a href={`/api/audit/export?${query({ format: "csv" })}`} className={download}>
            Download CSV
          </a>
          <a href={`/api/audit/export?${query({ format: "jsonl" })}`} className={download}>
            Download JSON Lines
          </a>
        </div>
      }
    >
      <AuditEventTable rows={rows} labelledBy="events-heading" />
      <Pagination page={page} pageCount={pages} total={total} noun={["event", "events"]} href={(p) => `/audit?${query({ page: p })}`} />
    </Panel>
  );
}
