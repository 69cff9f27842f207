import Link from "next/link";
import { StatusBadge } from "@/components/dashboard/status-badge.tsx";
import type { TCaseListQuery, TCaseListRow, TCaseSort } from "@/lib/schemas/case.ts";
import { SPACE_LABELS } from "@/lib/schemas/vocabulary.ts";
import { formatDate } from "@/lib/format/dates.ts";
import { BreachBadge, LevelBadge } from "@/components/decisions/level-badge.tsx";
import { casesHref } from "./list-href.ts";
import { standardShortLabel } from "./standard-labels.ts";

export type CaseRow = TCaseListRow;

// A first click sorts the way people usually want: newest or latest first, statuses in workflow order.
const FIRST_DIR: Record<TCaseSort, "asc" | "desc"> = { logged: "desc", occurred: "desc", number: "desc", status: "asc" };

function SortHeader({ query, sort, children }: { query: TCaseListQuery; sort: TCaseSort; children: string }) {
  const active = query.sort === sort;
  const dir = active ? (query.dir === "asc" ? "desc" : "asc") : FIRST_DIR[sort];
  return (
    <th scope="col" aria-sort={active ? (query.dir === "asc" ? "ascending" : "descending") : undefined} className="px-3 py-2 font-medium">
      <Link
        href={casesHref(query, { sort, dir, page: 1 })}
        className={`inline-flex items-center gap-1 hover:text-slate-900 hover:underline ${active ? "text-slate-900" : ""}`}
      >
        {children}
        <span aria-hidden className="text-[10px]">
          {active ? (query.dir === "asc" ? "▲" : "▼") : "↕"}
        </span>
      </Link>
    </th>
  );
}

export function CaseTable({ rows, query }: { rows: CaseRow[]; query: TCaseListQuery }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            <SortHeader query={query} sort="number">
              Case
            </SortHeader>
            <th scope="col" className="px-3 py-2 font-medium">
              Subject
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Standards
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Space
            </th>
            <SortHeader query={query} sort="status">
              Status
            </SortHeader>
            <th scope="col" className="px-3 py-2 font-medium">
              Level
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Assignee
            </th>
            <SortHeader query={query} sort="occurred">
              Happened
            </SortHeader>
            <SortHeader query={query} sort="logged">
              Logged
            </SortHeader>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 text-slate-700 [&_td]:px-3 [&_td]:py-2.5 [&>tr]:align-top [&>tr:hover]:bg-slate-50">
          {rows.map((c) => (
            <tr key={c.id}>
              <td className="whitespace-nowrap">
                <Link href={`/cases/${c.number}`} className="font-mono font-medium text-indigo-700 hover:text-indigo-900 hover:underline">
                  {c.number}
                </Link>
                {c.breach && (
                  <div className="mt-1">
                    <BreachBadge />
                  </div>
                )}
              </td>
              <td className="min-w-32 wrap-anywhere text-slate-900">{c.subjectName}</td>
              <td className="min-w-36">
                <ul>
                  {c.standards.map((s) => (
                    <li key={s}>{standardShortLabel(s)}</li>
                  ))}
                </ul>
              </td>
              <td className="text-slate-900">{SPACE_LABELS[c.space]}</td>
              <td>
                <StatusBadge status={c.status} />
              </td>
              <td>{c.level === undefined ? <span className="text-slate-500">—</span> : <LevelBadge level={c.level} />}</td>
              <td>{c.assigneeName ?? <span className="text-slate-500">Unassigned</span>}</td>
              <td className="whitespace-nowrap">{formatDate(c.occurredAt)}</td>
              <td className="whitespace-nowrap">{formatDate(c.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
