import type { Metadata } from "next";
import Link from "next/link";
import { CaseFilters } from "@/components/cases/case-filters.tsx";
import { CaseTable } from "@/components/cases/case-table.tsx";
import { CaseTeamStubs } from "@/components/cases/case-team-stubs.tsx";
import { casesHref } from "@/components/cases/list-href.ts";
import { Pagination } from "@/components/ui/pagination.tsx";
import { buttonClasses } from "@/components/ui/button.tsx";
import { requireUser } from "@/lib/server/auth.ts";
import { listAssignableUsers } from "@/lib/server/cases/list-assignable-users.ts";
import { listCases } from "@/lib/server/cases/list-cases.ts";
import { listRestrictedCaseStubs } from "@/lib/server/cases/list-restricted-case-stubs.ts";
import { firstValues, ignoredMessage } from "@/lib/server/list-query.ts";
import { can } from "@/lib/server/permissions.ts";
import { formatCount } from "@/lib/format/numbers.ts";

export const metadata: Metadata = { title: "Cases" };
export const dynamic = "force-dynamic";

export default async function CasesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser("case.view");
  const params = await searchParams;
  // One value per parameter: a repeated one counts once.
  const raw = firstValues(params);
  const [list, assignees, stubs] = await Promise.all([
    listCases({ actor: user, query: raw }),
    listAssignableUsers({ actor: user }),
    listRestrictedCaseStubs({ actor: user }),
  ]);
  const { query } = list;
  const filtered = Boolean(
    query.q || query.status || query.level || query.space || query.standard || query.assignee || query.from || query.to,
  );
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Cases</h1>
          <p className="mt-1 text-sm text-slate-600">Every incident logged, newest first. Filter, sort and open one to work on it.</p>
        </div>
        {can(user, "case.create") && (
          <Link href="/cases/new" className={buttonClasses("primary")}>
            Log a case
          </Link>
        )}
      </div>

      {stubs.total > 0 && <CaseTeamStubs rows={stubs.rows} total={stubs.total} />}
      {list.ignored.length > 0 && (
        <p role="status" className="rounded-xl border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
          {ignoredMessage(list.ignored)}
        </p>
      )}

      <section aria-labelledby="filters-heading" className="rounded-xl border border-slate-200 bg-white shadow-sm">
        <h2 id="filters-heading" className="sr-only">
          Filters
        </h2>
        <CaseFilters query={query} assignees={assignees} />
      </section>

      <section aria-labelledby="results-heading" className="rounded-xl border border-slate-200 bg-white shadow-sm">
        <h2 id="results-heading" className="border-b border-slate-200 px-4 py-3 text-base font-semibold">
          {filtered ? "Matching cases" : "All cases"} <span className="font-normal text-slate-600">({formatCount(list.total)})</span>
        </h2>
        {list.rows.length === 0 ? (
          <p className="px-4 py-6 text-sm text-slate-600">
            {filtered ? "No case matches these filters." : "No cases yet."}{" "}
            {filtered && (
              <Link href="/cases" className="font-medium text-indigo-700 underline">
                Clear the filters
              </Link>
            )}
          </p>
        ) : (
          <>
            <CaseTable rows={list.rows} query={query} labelledBy="results-heading" />
            <Pagination
              page={list.page}
              pageCount={list.pageCount}
              total={list.total}
              noun={["case", "cases"]}
              href={(page) => casesHref(query, { page })}
            />
          </>
        )}
      </section>
    </div>
  );
}
