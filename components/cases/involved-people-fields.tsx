"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { TextField } from "@/components/ui/field.tsx";
import { SelectField } from "@/components/ui/select.tsx";
import { SPACES, SPACE_LABELS } from "@/lib/schemas/vocabulary.ts";
import { FieldGroup } from "@/components/ui/choice.tsx";

type Row = { key: number; space: string; handle: string };

const spaceOptions = SPACES.map((s) => ({ value: s, label: SPACE_LABELS[s] }));

/**
 * Repeatable space + handle rows (names involvedSpace / involvedHandle). Empty rows are
 * ignored on submit; an unknown handle creates the member.
 */
export function InvolvedPeopleFields({
  initial,
  error,
  legend = "Involved people",
  hint,
}: {
  initial: { space: string; handle: string }[];
  error?: string;
  legend?: string;
  hint?: string;
}) {
  const [rows, setRows] = useState<Row[]>(() => initial.map((r, i) => ({ key: i, ...r })));
  const [nextKey, setNextKey] = useState(initial.length);
  const statusId = useId();
  const add = () => {
    setRows((r) => [...r, { key: nextKey, space: "github", handle: "" }]);
    setNextKey((k) => k + 1);
  };
  return (
    <FieldGroup legend={legend} hint={hint} error={error}>
      {rows.length === 0 && <p className="text-sm text-slate-600">Nobody else was involved.</p>}
      <ul className="space-y-2">
        {rows.map((row, i) => (
          <li key={row.key} className="flex flex-wrap items-end gap-2">
            <SelectField
              label={`Space of involved person ${i + 1}`}
              name="involvedSpace"
              defaultValue={row.space}
              options={spaceOptions}
              className="w-56"
            />
            <TextField
              label={`Handle of involved person ${i + 1}`}
              name="involvedHandle"
              defaultValue={row.handle}
              autoComplete="off"
              className="min-w-48 flex-1"
            />
            <Button variant="ghost" onClick={() => setRows((r) => r.filter((x) => x.key !== row.key))}>
              Remove<span className="sr-only"> involved person {i + 1}</span>
            </Button>
          </li>
        ))}
      </ul>
      <Button variant="secondary" className="mt-3" onClick={add} aria-describedby={statusId}>
        Add an involved person
      </Button>
      <p id={statusId} className="sr-only" aria-live="polite">
        {rows.length} involved {rows.length === 1 ? "person" : "people"}
      </p>
    </FieldGroup>
  );
}
