"use client";

import { STANDARD_SHORT_LABELS } from "@/components/cases/standard-labels.ts";
import { TextField } from "@/components/ui/field.tsx";
import { SelectField } from "@/components/ui/select.tsx";
import { CASE_STATUSES, CASE_STATUS_LABELS, LEVELS, LEVEL_LABELS, SPACES, SPACE_LABELS, STANDARDS } from "@/lib/schemas/vocabulary.ts";

const any = { value: "", label: "Any" };

/** Which decisions to export: when, which level, space, standard and case status (errors come by name from the form). */
export function ExportFilters({ today }: { today: string }) {
  return (
    <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
      <TextField label="Decided from" name="from" type="date" max={today} />
      <TextField label="Decided until" name="to" type="date" />
      <SelectField
        label="Level"
        name="level"
        defaultValue=""

        options={[any, ...LEVELS.map((l) => ({ value: l, label: LEVEL_LABELS[l] })), { value: "none", label: "No action" }]}
      />
      <SelectField
        label="Space"
        name="space"
        defaultValue=""

        options={[any, ...SPACES.map((s) => ({ value: s, label: SPACE_LABELS[s] }))]}
      />
      <SelectField
        label="Standard"
        name="standard"
        defaultValue=""

        options={[any, ...STANDARDS.map((s) => ({ value: s, label: STANDARD_SHORT_LABELS[s] }))]}
      />
      <SelectField
        label="Case status"
        name="status"
        defaultValue=""

        options={[any, ...CASE_STATUSES.map((s) => ({ value: s, label: CASE_STATUS_LABELS[s] }))]}
      />
    </div>
  );
}
