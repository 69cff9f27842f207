import Link from "next/link";
import { buttonClasses } from "@/components/ui/button.tsx";
import { TextField } from "@/components/ui/field.tsx";
import { SelectField } from "@/components/ui/select.tsx";
import type { TCaseListQuery } from "@/lib/schemas/case.ts";
import { CASE_STATUSES, CASE_STATUS_LABELS, LEVELS, LEVEL_LABELS, SPACES, SPACE_LABELS, STANDARDS } from "@/lib/schemas/vocabulary.ts";
import { STANDARD_SHORT_LABELS } from "./standard-labels.ts";

/** The case list's filters: a plain GET form, so every filtered list has its own address. */
export function CaseFilters({ query, assignees }: { query: TCaseListQuery; assignees: { id: string; name: string }[] }) {
  const any = { value: "", label: "Any" };
  return (
    <form method="get" action="/cases" role="search" aria-label="Filter cases" className="grid gap-3 p-4 sm:grid-cols-2 lg:grid-cols-4">
      <TextField
        label="Search"
        name="q"
        type="search"
        defaultValue={query.q ?? ""}
        placeholder="Number, description, name or handle"
        className="sm:col-span-2"
      />
      <SelectField
        label="Status"
        name="status"
        defaultValue={query.status ?? ""}
        options={[any, ...CASE_STATUSES.map((s) => ({ value: s, label: CASE_STATUS_LABELS[s] }))]}
      />
      <SelectField
        label="Level"
        name="level"
        defaultValue={query.level ?? ""}
        options={[any, ...LEVELS.map((l) => ({ value: l, label: LEVEL_LABELS[l] }))]}
      />
      <SelectField
        label="Space"
        name="space"
        defaultValue={query.space ?? ""}
        options={[any, ...SPACES.map((s) => ({ value: s, label: SPACE_LABELS[s] }))]}
      />
      <SelectField
        label="Standard"
        name="standard"
        defaultValue={query.standard ?? ""}
        options={[any, ...STANDARDS.map((s) => ({ value: s, label: STANDARD_SHORT_LABELS[s] }))]}
      />
      <SelectField
        label="Assignee"
        name="assignee"
        defaultValue={query.assignee ?? ""}
        options={[
          { value: "", label: "Anyone" },
          { value: "me", label: "Me" },
          { value: "unassigned", label: "Unassigned" },
          ...assignees.map((u) => ({ value: u.id, label: u.name })),
        ]}
      />
      <SelectField
        label="Dates"
        name="dates"
        defaultValue={query.dates}
        options={[
          { value: "logged", label: "When logged" },
          { value: "occurred", label: "When it happened" },
        ]}
      />
      <TextField label="From" name="from" type="date" defaultValue={query.from ?? ""} />
      <TextField label="To" name="to" type="date" defaultValue={query.to ?? ""} />
      {query.sort !== "logged" && <input type="hidden" name="sort" value={query.sort} />}
      {query.dir !== "desc" && <input type="hidden" name="dir" value={query.dir} />}
      <div className="flex items-end gap-2 sm:col-span-2 lg:col-span-2 lg:justify-end">
        <button type="submit" className={buttonClasses("primary")}>
          Apply filters
        </button>
        <Link href="/cases" className={buttonClasses("ghost")}>
          Clear
        </Link>
      </div>
    </form>
  );
}
