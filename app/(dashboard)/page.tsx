import type { Metadata } from "next";
import Link from "next/link";
import { formatDate } from "@/lib/format/dates.ts";
import { AttentionList } from "@/components/dashboard/attention-list.tsx";
import { StatusBadge } from "@/components/dashboard/status-badge.tsx";
import { TrendChart } from "@/components/dashboard/trend-chart.tsx";
import { requireUser } from "@/lib/server/auth.ts";
import { can } from "@/lib/server/permissions.ts";
import { getDashboardSummary, type CaseRow } from "@/lib/server/dashboard/get-dashboard-summary.ts";

export const metadata: Metadata = { title: "Dashboard" };
export const dynamic = "force-dynamic";

function CaseItem({ c }: { c: CaseRow }) {
  return (
    <li className="px-4 py-2.5 text-sm">
      <div className="flex items-center gap-2">
        <Link href={`/cases/${c.number}`} className="font-mono font-medium text-indigo-800 hover:underline">
          {c.number}
        </Link>
        {c.breach && <span className="rounded bg-red-100 px-1.5 py-0.5 text-xs font-medium text-red-800">Breach</span>}
        <span className="ml-auto">
          <StatusBadge status={c.status} />
        </span>
      </div>
      <div className="mt-0.5 flex justify-between gap-2 text-xs text-slate-600">
        <span className="truncate">{c.subjectName}</span>
        <span className="whitespace-nowrap">{formatDate(c.createdAt)}</span>
      </div>
    </li>
  );
}

export default async function DashboardPage() {
  const user = await requireUser("dashboard.view");
  const s = await getDashboardSummary(user);
  // Cases are assigned to those who may work them: a viewer never has any.
  const mayBeAssigned = can(user, "case.update");
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Dashboard</h1>
          <p className="mt-1 text-sm text-slate-600">What needs the core team&apos;s attention now.</p>
        </div>
        {can(user, "case.create") && (
          <Link href="/cases/new" className="rounded-md bg-indigo-700 px-3.5 py-2 text-sm font-medium text-white hover:bg-indigo-800">
            Log a case
          </Link>
        )}
      </div>

      {s.breaches.length > 0 && (
        <section aria-labelledby="breaches-heading" className="rounded-xl border border-red-200 bg-red-50 p-4">
          <h2 id="breaches-heading" className="text-sm font-semibold text-red-900">
            Breaches of no-contact terms in the last 30 days
          </h2>
          <ul className="mt-2 space-y-1 text-sm text-red-900">
            {s.breaches.map((b) => (
              <li key={b.caseNumber}>
                <Link href={`/cases/${b.caseNumber}`} className="font-mono font-medium underline">
                  {b.caseNumber}
                </Link>{" "}
                — {b.memberName} breached the Warning of case {b.breachedCaseNumber} ({formatDate(b.createdAt)})
              </li>
            ))}
          </ul>
        </section>
      )}

      {s.toReview.length > 0 && (
        <section aria-labelledby="review-heading" className="rounded-xl border border-amber-300 bg-amber-50 p-4">
          <h2 id="review-heading" className="text-sm font-semibold text-amber-950">
            Decisions to review{" "}
            <span className="ml-1 rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium tabular-nums">{s.counts.toReview}</span>
          </h2>
          <ul className="mt-2 space-y-1 text-sm text-amber-950">
            {s.toReview.map((r) => (
              <li key={r.decisionId}>
                <Link href={`/cases/${r.caseNumber}`} className="font-mono font-medium underline">
                  {r.caseNumber}
                </Link>{" "}
                — {r.memberName}: {r.message.replace(/^Flagged for review: /, "")}
              </li>
            ))}
          </ul>
        </section>
      )}

      <div className={`grid gap-6 ${mayBeAssigned ? "lg:grid-cols-3" : "lg:grid-cols-2"}`}>
        <AttentionList
          title="New and unassigned"
          count={s.counts.newUnassigned}
          href="/cases?status=new&assignee=unassigned"
          empty="Nothing new: every case has someone on it."
        >
          {s.newUnassigned.map((c) => (
            <CaseItem key={c.number} c={c} />
          ))}
        </AttentionList>
        <AttentionList
          title="Awaiting decision"
          count={s.counts.awaitingDecision}
          href="/cases?status=investigating"
          empty="No case is waiting for a decision."
        >
          {s.awaitingDecision.map((c) => (
            <CaseItem key={c.number} c={c} />
          ))}
        </AttentionList>
        {mayBeAssigned && (
          <AttentionList title="My open cases" count={s.counts.myOpen} href="/cases?assignee=me" empty="No open case is assigned to you.">
            {s.myOpen.map((c) => (
              <CaseItem key={c.number} c={c} />
            ))}
          </AttentionList>
        )}
      </div>

      <div className="grid gap-6 lg:grid-cols-3">
        <section aria-labelledby="trend-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm lg:col-span-2">
          <h2 id="trend-heading" className="mb-3 text-sm font-semibold">
            Cases and decisions, last 12 months
          </h2>
          <TrendChart data={s.trend} />
        </section>
        <AttentionList
          title="No-contact ending in 14 days"
          count={s.counts.endingSoon}
          empty="No no-contact period ends in the next 14 days."
        >
          {s.endingSoon.map((e) => (
            <li key={e.caseNumber} className="px-4 py-2.5 text-sm">
              <Link href={`/members/${e.memberId}`} className="font-medium text-indigo-800 hover:underline">
                {e.memberName}
              </Link>
              <p className="text-xs text-slate-600">
                Case {e.caseNumber} · ends {formatDate(e.endsAt)} ({e.daysLeft} {e.daysLeft === 1 ? "day" : "days"} left)
              </p>
            </li>
          ))}
        </AttentionList>
      </div>
    </div>
  );
}
