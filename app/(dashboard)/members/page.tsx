import type { Metadata } from "next";
import Link from "next/link";
import { MemberSearch } from "@/components/members/member-search.tsx";
import { MemberTable } from "@/components/members/member-table.tsx";
import { Pagination } from "@/components/ui/pagination.tsx";
import { buttonClasses } from "@/components/ui/button.tsx";
import { requireUser } from "@/lib/server/auth.ts";
import { ignoredMessage, ignoredParam, unusableText, type IgnoredParam } from "@/lib/server/list-query.ts";
import { listMembers } from "@/lib/server/members/list-members.ts";
import { can } from "@/lib/server/permissions.ts";

export const metadata: Metadata = { title: "Members" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function MembersPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser("member.view");
  const params = await searchParams;
  // A parameter that is not understood is left out and named, never a failure.
  const ignored: IgnoredParam[] = [];
  let q = (typeof params.q === "string" ? params.q : "").trim().slice(0, 200);
  if (unusableText(q)) {
    ignored.push(ignoredParam("q", q, ""));
    q = "";
  }
  let page = typeof params.page === "string" ? params.page : "1";
  if (!/^\d{1,6}$/.test(page.trim()) || Number(page) < 1) {
    ignored.push(ignoredParam("page", page, "a page number"));
    page = "1";
  }
  const list = await listMembers({ actor: user, input: { q: q || undefined, page } });
  const pageHref = (page: number) => `/members?${new URLSearchParams({ ...(q ? { q } : {}), page: String(page) })}`;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Members</h1>
          <p className="mt-1 max-w-2xl text-sm text-slate-600">
            People in the community, each with their identities across spaces, their standing and their enforcement history.
          </p>
        </div>
        {can(user, "member.update") && (
          <Link href="/members/new" className={buttonClasses("primary")}>
            <span aria-hidden>+</span> Add member
          </Link>
        )}
      </div>

      {ignored.length > 0 && (
        <p role="status" className="rounded-xl border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
          {ignoredMessage(ignored)}
        </p>
      )}

      <section aria-label="Search" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <MemberSearch q={q} />
      </section>

      <section aria-labelledby="results-heading" className="rounded-xl border border-slate-200 bg-white shadow-sm">
        <h2 id="results-heading" className="border-b border-slate-200 px-4 py-3 text-base font-semibold">
          {q ? <>Members matching &ldquo;{q}&rdquo;</> : "All members"}
        </h2>
        {list.rows.length === 0 ? (
          <div className="px-4 py-6 text-sm text-slate-600">
            <p>{q ? <>No member matches &ldquo;{q}&rdquo; by name or handle.</> : "No members yet."}</p>
            {can(user, "member.update") && (
              <Link href="/members/new" className="mt-2 inline-block font-medium text-indigo-700 underline">
                Add a member
              </Link>
            )}
          </div>
        ) : (
          <>
            <MemberTable rows={list.rows} labelledBy="results-heading" />
            <Pagination page={list.page} pageCount={list.pageCount} total={list.total} noun={["member", "members"]} href={pageHref} />
          </>
        )}
      </section>
    </div>
  );
}
