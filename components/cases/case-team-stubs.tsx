import Link from "next/link";
import { StatusBadge } from "@/components/dashboard/status-badge.tsx";
import { formatCount } from "@/lib/format/numbers.ts";
import type { TCaseStatus } from "@/lib/schemas/vocabulary.ts";

/** For admins: the restricted cases whose team they are not on, by number and status only. */
export function CaseTeamStubs({ rows, total }: { rows: { number: string; status: TCaseStatus }[]; total: number }) {
  return (
    <section aria-labelledby="restricted-heading" className="rounded-xl border border-indigo-200 bg-indigo-50/40 shadow-sm">
      <h2 id="restricted-heading" className="border-b border-indigo-200 px-4 py-3 text-base font-semibold">
        Restricted cases you are not on <span className="font-normal text-slate-600">({formatCount(total)})</span>
      </h2>
      <p className="px-4 pt-3 text-sm text-slate-700">
        Only their case teams see these cases. Open one to join its team: you will be asked why, and the team will see it.
      </p>
      <ul className="flex flex-wrap gap-2 px-4 py-3">
        {rows.map((r) => (
          <li key={r.number}>
            <Link
              href={`/cases/${r.number}`}
              className="inline-flex items-center gap-2 rounded-md bg-white px-3 py-1.5 text-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
            >
              <span className="font-mono font-medium text-indigo-700 underline">{r.number}</span>
              <StatusBadge status={r.status} />
            </Link>
          </li>
        ))}
      </ul>
      {total > rows.length && (
        <p className="px-4 pb-3 text-sm text-slate-600">
          Showing the {formatCount(rows.length)} newest of {formatCount(total)}.
        </p>
      )}
    </section>
  );
}
