import type { Metadata } from "next";
import { StatTile } from "@/components/dashboard/stat-tile.tsx";
import { StatusBadge } from "@/components/dashboard/status-badge.tsx";
import { requireUser } from "@/lib/server/auth.ts";
import { getDashboardSummary } from "@/lib/server/dashboard/get-dashboard-summary.ts";
import { SPACE_LABELS, STANDARD_LABELS, type TStandard } from "@/lib/schemas/vocabulary.ts";

export const metadata: Metadata = { title: "Dashboard" };
export const dynamic = "force-dynamic";

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

export default async function DashboardPage() {
  const user = await requireUser("dashboard.view");
  const summary = await getDashboardSummary(user);
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Dashboard</h1>
        <p className="mt-1 text-sm text-slate-600">What needs the core team&apos;s attention now.</p>
      </div>

      <section aria-labelledby="attention-heading">
        <h2 id="attention-heading" className="sr-only">
          Needs attention
        </h2>
        <dl className="grid grid-cols-2 gap-4 lg:grid-cols-5">
          <StatTile label="New, unassigned" value={summary.newUnassigned} tone="attention" />
          <StatTile label="Awaiting decision" value={summary.awaitingDecision} tone="attention" />
          <StatTile label="My open cases" value={summary.myOpenCases} />
          <StatTile label="Active no-contact periods" value={summary.activeNoContact} />
          <StatTile label="No-contact ending in 14 days" value={summary.noContactEndingSoon} tone="attention" />
        </dl>
      </section>

      <section aria-labelledby="recent-heading" className="rounded-xl border border-slate-200 bg-white shadow-sm">
        <h2 id="recent-heading" className="border-b border-slate-200 px-4 py-3 text-base font-semibold">
          Recent cases
        </h2>
        {summary.recentCases.length === 0 ? (
          <p className="px-4 py-6 text-sm text-slate-600">No cases yet.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Case
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Member
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Standards
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Space
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Status
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Assignee
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Logged
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {summary.recentCases.map((c) => (
                  <tr key={c.id}>
                    <td className="whitespace-nowrap px-4 py-2 font-mono text-slate-900">{c.number}</td>
                    <td className="px-4 py-2">{c.subjectName}</td>
                    <td className="px-4 py-2 text-slate-700">{c.standards.map((s) => STANDARD_LABELS[s as TStandard] ?? s).join("; ")}</td>
                    <td className="px-4 py-2">{SPACE_LABELS[c.space]}</td>
                    <td className="px-4 py-2">
                      <StatusBadge status={c.status} />
                    </td>
                    <td className="px-4 py-2 text-slate-700">{c.assigneeName ?? <span className="text-slate-500">Unassigned</span>}</td>
                    <td className="whitespace-nowrap px-4 py-2 text-slate-700">{dateFormat.format(c.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
