import Link from "next/link";
import { buttonClasses } from "@/components/ui/button.tsx";
import { TextField } from "@/components/ui/field.tsx";
import { SelectField } from "@/components/ui/select.tsx";
import { actionLabel } from "@/lib/audit/describe.ts";
import type { TAuditFilter } from "@/lib/schemas/audit.ts";

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
      <SelectField
        label="Actor"
        name="actor"
        defaultValue={filter.actor ?? ""}
        options={[
          { value: "", label: "Anyone" },
          { value: "system", label: "System" },
          ...facets.users.map((u) => ({ value: u.id, label: u.name })),
        ]}
      />
      <SelectField
        label="Action"
        name="action"
        defaultValue={filter.action ?? ""}
        options={[{ value: "", label: "Any action" }, ...facets.actions.map((a) => ({ value: a, label: `${actionLabel(a)} (${a})` }))]}
      />
      <SelectField
        label="Entity"
        name="entityType"
        defaultValue={filter.entityType ?? ""}
        options={[{ value: "", label: "Any" }, ...ENTITY_TYPES.map((t) => ({ value: t, label: t }))]}
      />
      <TextField label="From" type="date" name="from" defaultValue={filter.from} />
      <TextField label="To" type="date" name="to" defaultValue={filter.to} />
      <div className="flex items-end gap-2">
        <button type="submit" className={buttonClasses("primary")}>
          Filter
        </button>
        <Link href="/audit" className={buttonClasses("ghost")}>
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
