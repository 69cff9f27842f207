import { actionLabel, describeAuditRow } from "@/lib/audit/describe.ts";
import { DataTable } from "@/components/ui/data-table.tsx";
import { Panel } from "@/components/ui/panel.tsx";
import { formatDateTime } from "@/lib/format/dates.ts";

export type AuditEntryView = {
  seq: string;
  occurredAt: string;
  actorType: string;
  actorLabel: string;
  action: string;
  before: unknown;
  after: unknown;
  metadata: unknown;
};

/** The case's audit trail, oldest first: every change and every reveal, with who and when. */
export function CaseHistory({ entries, caseNumber }: { entries: AuditEntryView[]; caseNumber: string }) {
  return (
    <Panel headingId="history-heading" title="History">
      <DataTable
        labelledBy="history-heading"
        rows={entries}
        rowKey={(e) => e.seq}
        density="compact"
        alignTop
        columns={[
          {
            header: "When",
            headerClassName: "w-px whitespace-nowrap",
            className: "whitespace-nowrap text-slate-700",
            cell: (e) => <time dateTime={e.occurredAt}>{formatDateTime(e.occurredAt)}</time>,
          },
          { header: "What", headerClassName: "w-px whitespace-nowrap", className: "whitespace-nowrap", cell: (e) => actionLabel(e.action) },
          { header: "What happened", className: "text-slate-700", cell: (e) => describeAuditRow(e, { caseNumber }).sentence },
        ]}
      />
    </Panel>
  );
}
