import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AuditEvents } from "@/components/audit/audit-events.tsx";
import { AuditFilters } from "@/components/audit/audit-filters.tsx";
import { ChainStatus } from "@/components/audit/chain-status.tsx";
import { requireUser } from "@/lib/server/auth.ts";
import { listAuditEvents, listAuditFacets } from "@/lib/server/audit/list-audit-events.ts";
import { checkpointStatus } from "@/lib/server/audit/checkpoints.ts";
import { lastVerification } from "@/lib/server/audit/verify-now.ts";
import { getDb } from "@/lib/server/db.ts";
import { isAppError } from "@/lib/server/errors.ts";
import { firstValues, ignoredParam, unusableText } from "@/lib/server/list-query.ts";
import { can } from "@/lib/server/permissions.ts";
import { verifyChainAction } from "./actions.ts";

export const metadata: Metadata = { title: "Audit log" };
export const dynamic = "force-dynamic";

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

      <ChainStatus verified={verified} signing={signing} verify={verifyChainAction} />
      <AuditFilters filter={filter} facets={facets} error={filterError} />

      <AuditEvents rows={rows} total={total} page={page} pages={pages} query={query} />
    </div>
  );
}
