import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatDateTime } from "@/lib/format/dates.ts";
import { VerifyChainButton } from "@/components/audit/verify-button.tsx";
import { requireUser } from "@/lib/server/auth.ts";
import { listAuditEvents, listAuditFacets } from "@/lib/server/audit/list-audit-events.ts";
import { checkpointStatus } from "@/lib/server/audit/checkpoints.ts";
import { lastVerification } from "@/lib/server/audit/verify-now.ts";
import { getDb } from "@/lib/server/db.ts";
import { isAppError } from "@/lib/server/errors.ts";
import { firstValues, ignoredParam, unusableText } from "@/lib/server/list-query.ts";
import { can } from "@/lib/server/permissions.ts";
import { verifyChainAction } from "./actions.ts";
import { formatCount } from "@/lib/format/numbers.ts";
import { actionLabel } from "@/lib/audit/describe.ts";

export const metadata: Metadata = { title: "Audit log" };
export const dynamic = "force-dynamic";

const inputClass = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requireUser();
  if (!can(user, "audit.view")) notFound();
  // One value per parameter; a value the database cannot take as text is left out and named.
  const params = firstValues(await searchParams);
  const unusable = Object.entries(params).filter(([, v]) => unusableText(v));
  for (const [key] of unusable) delete params[key];
  let result;
  let filterError: string | undefined = unusable.length
    ? `Part of the address was not understood and was ignored: ${unusable.map(([k, v]) => ignoredParam(k, v, "").message).join("; ")}.`
    : undefined;
  try {
    result = await listAuditEvents({ actor: user, input: params });
  } catch (error) {
    if (!isAppError(error)) throw error;
    filterError = [filterError, `The filters were not applied: ${error.message}`].filter(Boolean).join(" ");
    result = await listAuditEvents({ actor: user, input: {} });
  }
  const [facets, verified, signing] = await Promise.all([
    listAuditFacets({ actor: user }),
    lastVerification(),
    getDb().then((db) => checkpointStatus(db)),
  ]);
  const { filter, rows, page, pages, total } = result;
  const query = (extra: Record<string, string | number | undefined>) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...filter, page: undefined, ...extra })) if (v !== undefined && v !== "") q.set(k, String(v));
    return q.toString();
  };

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
        <p className="mt-1 text-sm text-slate-600">
          Every change, sign-in, reveal of a reporter and export, in order. Each event is chained to the previous one by its SHA-256 hash,
          and the database refuses to change or delete any of them.
        </p>
      </div>

      <section aria-labelledby="chain-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="chain-heading" className="text-base font-semibold">
          Chain status
        </h2>
        <p className="mt-1 text-sm" role="status">
          {verified === null ? (
            <span className="text-slate-700">Not verified yet.</span>
          ) : verified.ok ? (
            <span className="text-emerald-800">
              Intact: verified up to event {formatCount(Number(verified.head.split(":")[0]))} ({formatCount(verified.count)} events) on{" "}
              {formatDateTime(verified.at)} by {verified.by}.
            </span>
          ) : (
            <span className="text-red-800">
              Broken: {verified.problem} (checked {formatDateTime(verified.at)} by {verified.by}).
            </span>
          )}
        </p>
        {verified && <p className="mt-1 break-all font-mono text-xs text-slate-600">Head {verified.head}</p>}
        <dl className="mt-3 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="text-slate-600">Latest signed checkpoint</dt>
          <dd>
            {signing.latest ? (
              <>
                event {formatCount(Number(signing.latest.seq))}, signed {formatDateTime(signing.latest.signedAt)} ({signing.latest.reason})
                · {formatCount(signing.count)} in all
              </>
            ) : (
              "none yet"
            )}
          </dd>
          <dt className="text-slate-600">Signing public key</dt>
          <dd className="break-all font-mono text-xs">
            {signing.publicKey} <span className="text-slate-600">(key {signing.keyId})</span>
          </dd>
        </dl>
        <p className="mt-1 text-xs text-slate-600">
          The chain&rsquo;s head is signed with a key kept outside the database, at least hourly and at every verify. Keep this public key
          and a copy of the checkpoints (<code>npm run audit:checkpoints</code>) somewhere else: a chain rewritten with database access no
          longer passes through them.
        </p>
        <div className="mt-3">
          <VerifyChainButton action={verifyChainAction} />
        </div>
      </section>

      <form
        method="get"
        className="grid gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-3 lg:grid-cols-6"
        aria-label="Filter events"
      >
        <label className="text-sm font-medium text-slate-800">
          Actor
          <select name="actor" defaultValue={filter.actor ?? ""} className={inputClass}>
            <option value="">Anyone</option>
            <option value="system">System</option>
            {facets.users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium text-slate-800">
          Action
          <select name="action" defaultValue={filter.action ?? ""} className={inputClass}>
            <option value="">Any action</option>
            {facets.actions.map((a) => (
              <option key={a} value={a}>
                {actionLabel(a)} ({a})
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium text-slate-800">
          Entity
          <select name="entityType" defaultValue={filter.entityType ?? ""} className={inputClass}>
            <option value="">Any</option>
            {["case", "decision", "member", "user", "api_token"].map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium text-slate-800">
          From
          <input type="date" name="from" defaultValue={filter.from} className={inputClass} />
        </label>
        <label className="text-sm font-medium text-slate-800">
          To
          <input type="date" name="to" defaultValue={filter.to} className={inputClass} />
        </label>
        <div className="flex items-end gap-2">
          <button type="submit" className="rounded-md bg-indigo-700 px-3.5 py-2 text-sm font-medium text-white hover:bg-indigo-800">
            Filter
          </button>
          <Link href="/audit" className="rounded-md px-3 py-2 text-sm text-slate-700 hover:bg-slate-100">
            Clear
          </Link>
        </div>
        {filter.entityId && <input type="hidden" name="entityId" value={filter.entityId} />}
        {filterError && (
          <p role="alert" className="text-sm text-red-700 sm:col-span-3 lg:col-span-6">
            {filterError}
          </p>
        )}
      </form>

      <section aria-labelledby="events-heading" className="rounded-xl border border-slate-200 bg-white shadow-sm">
        <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-4 py-3">
          <h2 id="events-heading" className="text-base font-semibold">
            Events <span className="text-sm font-normal text-slate-600">({formatCount(total)})</span>
          </h2>
          <div className="flex gap-2 text-sm">
            <a
              href={`/api/audit/export?${query({ format: "csv" })}`}
              className="rounded-md px-3 py-1.5 font-medium text-indigo-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
            >
              Download CSV
            </a>
            <a
              href={`/api/audit/export?${query({ format: "jsonl" })}`}
              className="rounded-md px-3 py-1.5 font-medium text-indigo-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
            >
              Download JSON Lines
            </a>
          </div>
        </div>
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">
                  #
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Time (UTC)
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  What happened
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Entity
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 align-top">
              {rows.map((r) => (
                <tr key={r.seq.toString()}>
                  <td className="px-4 py-2 font-mono text-xs text-slate-600">{r.seq.toString()}</td>
                  <td className="whitespace-nowrap px-4 py-2 text-slate-700">
                    {formatDateTime(r.occurredAt, { seconds: true }).replace(" UTC", "")}
                  </td>
                  <td className="max-w-xl px-4 py-2">
                    <p>{r.sentence}</p>
                    <details className="mt-1 text-xs text-slate-600">
                      <summary className="cursor-pointer">
                        Details <span className="font-mono">{r.action}</span>
                      </summary>
                      {r.details ? (
                        <pre className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 font-mono text-slate-700">
                          {r.details}
                        </pre>
                      ) : (
                        <p className="mt-1">Nothing else was recorded.</p>
                      )}
                    </details>
                  </td>
                  <td className="px-4 py-2">
                    {r.href ? (
                      <Link href={r.href} className="text-indigo-800 hover:underline">
                        {r.entityLabel ?? r.entityType}
                      </Link>
                    ) : (
                      <span className="text-slate-600">{r.entityType ?? "—"}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <nav aria-label="Pages" className="flex items-center justify-between border-t border-slate-200 px-4 py-3 text-sm">
          <span className="text-slate-600">
            Page {formatCount(page)} of {formatCount(pages)}
          </span>
          <span className="flex gap-2">
            {page > 1 && (
              <Link
                href={`/audit?${query({ page: page - 1 })}`}
                className="rounded-md px-3 py-1.5 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
              >
                Previous
              </Link>
            )}
            {page < pages && (
              <Link
                href={`/audit?${query({ page: page + 1 })}`}
                className="rounded-md px-3 py-1.5 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
              >
                Next
              </Link>
            )}
          </span>
        </nav>
      </section>
    </div>
  );
}
