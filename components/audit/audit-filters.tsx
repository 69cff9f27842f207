import Link from "next/link";
import { actionLabel } from "@/lib/audit/describe.ts";
import type { TAuditFilter } from "@/lib/schemas/audit.ts";

const inputClass = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";
const ENTITY_TYPES = ["case", "decision", "member", "user", "api_token"] as const;

/** The people and actions that occur in the log, to filter by. */
export type AuditFacets = { users: { id: string; name: string }[]; actions: string[] };

/** The filters of the audit log: a GET form, so a filtered view is an address to share. */
export function AuditFilters({ filter, facets, error }: { filter: TAuditFilter; facets: AuditFacets; error?: string }) {
  return (
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
          {ENTITY_TYPES.map((t) => (
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
      {error && (
        <p role="alert" className="text-sm text-red-700 sm:col-span-3 lg:col-span-6">
          {error}
        </p>
      )}
    </form>
  );
}
