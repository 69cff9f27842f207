"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { TextField } from "@/components/ui/field.tsx";
import { SelectField } from "@/components/ui/select.tsx";
import { SPACES, SPACE_LABELS } from "@/lib/schemas/vocabulary.ts";
import { FieldGroup } from "@/components/ui/choice.tsx";
import { HandleHint, type HandleLookupFn } from "./handle-hint.tsx";

/** checked: the handle as last checked for the hint (on blur). */
type Row = { key: number; space: string; handle: string; checked: string };

const spaceOptions = SPACES.map((s) => ({ value: s, label: SPACE_LABELS[s] }));

/**
 * Repeatable space + handle rows (named `${name}.0.space`, `${name}.0.handle`, …). Empty rows are
 * ignored on submit; an unknown handle creates the member. With lookup, each row says whom
 * its handle names and which members' handles it only looks like.
 */
export function InvolvedPeopleFields({
  initial,
  name,
  error,
  legend = "Involved people",
  hint,
  lookup,
}: {
  initial: { space: string; handle: string }[];
  /** The rows' path in the form's input ("involved"); the group shows an error about the list as a whole. */
  name: string;
  error?: string;
  legend?: string;
  hint?: string;
  lookup?: HandleLookupFn;
}) {
  const [rows, setRows] = useState<Row[]>(() => initial.map((r, i) => ({ key: i, ...r, checked: r.handle })));
  const [nextKey, setNextKey] = useState(initial.length);
  const statusId = useId();
  const add = () => {
    setRows((r) => [...r, { key: nextKey, space: "github", handle: "", checked: "" }]);
    setNextKey((k) => k + 1);
  };
  const change = (key: number, patch: Partial<Row>) => setRows((r) => r.map((x) => (x.key === key ? { ...x, ...patch } : x)));
  return (
    <FieldGroup legend={legend} hint={hint} name={name} exact error={error}>
      {rows.length === 0 && <p className="text-sm text-slate-600">Nobody else was involved.</p>}
      <ul className="space-y-2">
        {rows.map((row, i) => (
          <li key={row.key} className="flex flex-wrap items-start gap-2">
            <SelectField
              label={`Space of involved person ${i + 1}`}
              name={`${name}.${i}.space`}
              defaultValue={row.space}
              options={spaceOptions}
              className="w-56"
              onChange={(e) => change(row.key, { space: e.target.value })}
            />
            <div className="min-w-48 flex-1">
              <TextField
                label={`Handle of involved person ${i + 1}`}
                name={`${name}.${i}.handle`}
                value={row.handle}
                onChange={(e) => change(row.key, { handle: e.target.value })}
                onBlur={(e) => change(row.key, { checked: e.target.value })}
                autoComplete="off"
              />
              {lookup && (
                <HandleHint
                  lookup={lookup}
                  space={row.space}
                  handle={row.checked}
                  onUse={(handle) => change(row.key, { handle, checked: handle })}
                  fieldLabel={`the handle of involved person ${i + 1}`}
                />
              )}
            </div>
            <Button variant="ghost" className="mt-6" onClick={() => setRows((r) => r.filter((x) => x.key !== row.key))}>
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
