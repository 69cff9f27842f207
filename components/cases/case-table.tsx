import Link from "next/link";
import { StatusBadge } from "@/components/dashboard/status-badge.tsx";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table.tsx";
import type { TCaseListQuery, TCaseListRow, TCaseSort } from "@/lib/schemas/case.ts";
import { SPACE_LABELS } from "@/lib/schemas/vocabulary.ts";
import { formatDate } from "@/lib/format/dates.ts";
import { BreachBadge, LevelBadge } from "@/components/decisions/level-badge.tsx";
import { casesHref } from "./list-href.ts";
import { standardShortLabel } from "./standard-labels.ts";

export type CaseRow = TCaseListRow;

// A first click sorts the way people usually want: newest or latest first, statuses in workflow order.
const FIRST_DIR: Record<TCaseSort, "asc" | "desc"> = { logged: "desc", occurred: "desc", number: "desc", status: "asc" };

/** A column whose header sorts the list by it (and says how it is sorted now). */
function sortColumn(
  query: TCaseListQuery,
  sort: TCaseSort,
  label: string,
  column: Omit<DataTableColumn<CaseRow>, "header" | "sorted">,
): DataTableColumn<CaseRow> {
  const active = query.sort === sort;
  const dir = active ? (query.dir === "asc" ? "desc" : "asc") : FIRST_DIR[sort];
  return {
    ...column,
    sorted: active ? (query.dir === "asc" ? "ascending" : "descending") : undefined,
    header: (
      <Link
        href={casesHref(query, { sort, dir, page: 1 })}
        className={`inline-flex items-center gap-1 hover:text-slate-900 hover:underline ${active ? "text-slate-900" : ""}`}
      >
        {label}
        <span aria-hidden className="text-[10px]">
          {active ? (query.dir === "asc" ? "▲" : "▼") : "↕"}
        </span>
      </Link>
    ),
  };
}

export function CaseTable({ rows, query, labelledBy }: { rows: CaseRow[]; query: TCaseListQuery; labelledBy: string }) {
  return (
    <DataTable
      labelledBy={labelledBy}
      rows={rows}
      rowKey={(c) => c.id}
      density="narrow"
      alignTop
      className="text-slate-700"
      rowClassName={() => "hover:bg-slate-50"}
      columns={[
        sortColumn(query, "number", "Case", {
          className: "whitespace-nowrap",
          cell: (c) => (
            <>
              <Link href={`/cases/${c.number}`} className="font-mono font-medium text-indigo-700 hover:text-indigo-900 hover:underline">
                {c.number}
              </Link>
              {c.breach && (
                <div className="mt-1">
                  <BreachBadge />
                </div>
              )}
            </>
          ),
        }),
        { header: "Subject", className: "min-w-32 wrap-anywhere text-slate-900", cell: (c) => c.subjectName },
        {
          header: "Standards",
          className: "min-w-36",
          cell: (c) => (
            <ul>
              {c.standards.map((s) => (
                <li key={s}>{standardShortLabel(s)}</li>
              ))}
            </ul>
          ),
        },
        { header: "Space", className: "text-slate-900", cell: (c) => SPACE_LABELS[c.space] },
        sortColumn(query, "status", "Status", { cell: (c) => <StatusBadge status={c.status} /> }),
        {
          header: "Level",
          cell: (c) => (c.level === undefined ? <span className="text-slate-500">—</span> : <LevelBadge level={c.level} />),
        },
        { header: "Assignee", cell: (c) => c.assigneeName ?? <span className="text-slate-500">Unassigned</span> },
        sortColumn(query, "occurred", "Happened", { className: "whitespace-nowrap", cell: (c) => formatDate(c.occurredAt) }),
        sortColumn(query, "logged", "Logged", { className: "whitespace-nowrap", cell: (c) => formatDate(c.createdAt) }),
      ]}
    />
  );
}
