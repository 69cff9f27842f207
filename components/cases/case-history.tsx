import { actionLabel, describeAuditRow } from "@/lib/audit/describe.ts";
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
    <section aria-labelledby="history-heading" className="rounded-xl border border-slate-200 bg-white shadow-sm">
      <h2 id="history-heading" className="border-b border-slate-200 px-4 py-3 text-base font-semibold">
        History
      </h2>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="w-px whitespace-nowrap px-4 py-2 font-medium">
                When
              </th>
              <th scope="col" className="w-px whitespace-nowrap px-4 py-2 font-medium">
                What
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                What happened
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {entries.map((e) => (
              <tr key={e.seq} className="align-top">
                <td className="whitespace-nowrap px-4 py-2 text-slate-700">
                  <time dateTime={e.occurredAt}>{formatDateTime(e.occurredAt)}</time>
                </td>
                <td className="whitespace-nowrap px-4 py-2">{actionLabel(e.action)}</td>
                <td className="px-4 py-2 text-slate-700">{describeAuditRow(e, { caseNumber }).sentence}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
