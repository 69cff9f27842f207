"use client";

import Link from "next/link";
import { useActionState, useId, useState } from "react";
import { Button, buttonClasses } from "@/components/ui/button.tsx";
import { TextField } from "@/components/ui/field.tsx";
import { FormMessage } from "@/components/ui/form-message.tsx";
import { MAX_IDENTITIES } from "@/lib/schemas/member.ts";
import { SPACES, SPACE_LABELS, type TSpace } from "@/lib/schemas/vocabulary.ts";
import { IdentityList } from "./identity-list.tsx";

type Identity = { space: TSpace; handle: string };
export type MemberFormResult =
  | { ok: true; message?: string }
  | {
      ok: false;
      message: string;
      fields?: Record<string, string>;
      values?: Record<string, string>;
      /** Set when someone else saved first: what the record holds now. */
      current?: { displayName: string; identities: Identity[] };
    };

type Row = { key: number; space: string; handle: string };
type Rows = { rows: Row[]; nextKey: number };

function rowsOf(identities: { space: string; handle: string }[], firstKey = 0): Rows {
  const list = identities.length > 0 ? identities : [{ space: "github", handle: "" }];
  return { rows: list.map((i, n) => ({ key: firstKey + n, space: i.space, handle: i.handle })), nextKey: firstKey + list.length };
}

/** The rows a refused submission held, from the form values the server echoed back. */
function rowsFromValues(values: Record<string, string>): { space: string; handle: string }[] {
  const rows: { space: string; handle: string }[] = [];
  for (const [key, value] of Object.entries(values)) {
    const match = /^identities\.(\d+)\.(space|handle)$/.exec(key);
    if (!match) continue;
    const index = Number(match[1]);
    rows[index] ??= { space: "github", handle: "" };
    rows[index][match[2] as "space" | "handle"] = value;
  }
  return rows.filter(Boolean);
}

const inputClasses = (error?: string) =>
  `block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-500 focus:outline-2 focus:outline-indigo-600 ${
    error ? "border-red-600" : "border-slate-300"
  }`;

/**
 * Adds or edits a member: a display name and identities, one row per space and handle.
 * For an edit, the version read is sent back, so a save over someone else's is refused.
 */
export function MemberForm({
  action,
  initial,
  member,
  submitLabel,
  cancelHref,
}: {
  action: (prev: MemberFormResult | null, form: FormData) => Promise<MemberFormResult>;
  initial: { displayName: string; identities: Identity[] };
  member?: { id: string; version: number };
  submitLabel: string;
  cancelHref: string;
}) {
  const [result, formAction, pending] = useActionState(action, null);
  const [state, setState] = useState<Rows>(() => rowsOf(initial.identities));
  const [seen, setSeen] = useState<MemberFormResult | null>(null);
  const id = useId();

  // A refused form is reset by React: rebuild the rows from what was submitted, with new keys.
  if (result !== seen) {
    setSeen(result);
    if (result && !result.ok && result.values) setState(rowsOf(rowsFromValues(result.values), state.nextKey));
  }

  const fields = result && !result.ok ? (result.fields ?? {}) : {};
  const values = result && !result.ok ? (result.values ?? {}) : {};
  const current = result && !result.ok ? result.current : undefined;
  const { rows } = state;

  const addRow = () => setState((s) => ({ rows: [...s.rows, { key: s.nextKey, space: "github", handle: "" }], nextKey: s.nextKey + 1 }));
  const removeRow = (key: number) => setState((s) => ({ ...s, rows: s.rows.filter((r) => r.key !== key) }));

  return (
    <form action={formAction} className="space-y-6" noValidate>
      {member && (
        <>
          <input type="hidden" name="memberId" value={member.id} />
          <input type="hidden" name="version" value={member.version} />
        </>
      )}
      {current && (
        <div role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950">
          <p className="font-semibold">{result && !result.ok ? result.message : ""}. Nothing was saved.</p>
          <p className="mt-1">
            Your changes are still in the form below. The member now reads as follows; start again from these values and re-apply your
            changes.
          </p>
          <dl className="mt-3 grid gap-x-4 gap-y-1 sm:grid-cols-[8rem_1fr]">
            <dt className="text-amber-900">Display name</dt>
            <dd className="font-medium">{current.displayName}</dd>
            <dt className="text-amber-900">Identities</dt>
            <dd>
              <IdentityList identities={current.identities} compact />
            </dd>
          </dl>
          {/* A full load, so the form starts from the current version. */}
          <a href={member ? `/members/${member.id}/edit` : cancelHref} className={buttonClasses("secondary", "mt-3")}>
            Start again from the current values
          </a>
        </div>
      )}

      <TextField
        label="Display name"
        name="displayName"
        required
        autoComplete="off"
        defaultValue={values.displayName ?? initial.displayName}
        error={fields.displayName}
        hint="How the core team refers to this person."
        className="max-w-md"
      />

      <fieldset className="max-w-3xl" aria-describedby={`${id}-identities-hint${fields.identities ? ` ${id}-identities-error` : ""}`}>
        <legend className="text-sm font-medium text-slate-800">Identities</legend>
        <p id={`${id}-identities-hint`} className="mt-1 text-xs text-slate-600">
          One per space: a GitHub login, a Slack member ID, an email address… Capitals and a leading @ do not matter; a handle belongs to
          one member only.
        </p>
        {fields.identities && (
          <p id={`${id}-identities-error`} className="mt-1 text-sm text-red-700">
            {fields.identities}
          </p>
        )}
        <div
          aria-hidden
          className="mt-3 hidden grid-cols-[11rem_1fr_6.5rem] gap-3 text-xs font-medium uppercase tracking-wide text-slate-600 sm:grid"
        >
          <span>Space</span>
          <span>Handle</span>
        </div>
        <ol className="mt-1 space-y-3">
          {rows.map((row, index) => {
            const n = index + 1;
            const spaceError = fields[`identities.${index}.space`];
            const handleError = fields[`identities.${index}.handle`];
            const spaceId = `${id}-space-${row.key}`;
            const handleId = `${id}-handle-${row.key}`;
            return (
              <li key={row.key} className="grid gap-x-3 gap-y-1 sm:grid-cols-[11rem_1fr_6.5rem]">
                <div>
                  <label htmlFor={spaceId} className="text-xs font-medium text-slate-700 sm:sr-only">
                    Space {n}
                  </label>
                  <select
                    id={spaceId}
                    name={`identities.${index}.space`}
                    defaultValue={row.space}
                    aria-invalid={spaceError ? true : undefined}
                    aria-describedby={spaceError ? `${spaceId}-error` : undefined}
                    className={inputClasses(spaceError)}
                  >
                    {SPACES.map((s) => (
                      <option key={s} value={s}>
                        {SPACE_LABELS[s]}
                      </option>
                    ))}
                  </select>
                  {spaceError && (
                    <p id={`${spaceId}-error`} className="mt-1 text-sm text-red-700">
                      {spaceError}
                    </p>
                  )}
                </div>
                <div>
                  <label htmlFor={handleId} className="text-xs font-medium text-slate-700 sm:sr-only">
                    Handle {n}
                  </label>
                  <input
                    id={handleId}
                    name={`identities.${index}.handle`}
                    defaultValue={row.handle}
                    autoComplete="off"
                    spellCheck={false}
                    aria-invalid={handleError ? true : undefined}
                    aria-describedby={handleError ? `${handleId}-error` : undefined}
                    className={inputClasses(handleError)}
                  />
                  {handleError && (
                    <p id={`${handleId}-error`} className="mt-1 text-sm text-red-700">
                      {handleError}
                    </p>
                  )}
                </div>
                <div className="sm:pt-0.5">
                  <Button
                    variant="ghost"
                    onClick={() => removeRow(row.key)}
                    disabled={rows.length <= 1}
                    aria-label={`Remove identity ${n}`}
                    className="w-full"
                  >
                    Remove
                  </Button>
                </div>
              </li>
            );
          })}
        </ol>
        <Button variant="secondary" onClick={addRow} disabled={rows.length >= MAX_IDENTITIES} className="mt-3">
          <span aria-hidden>+</span> Add identity
        </Button>
      </fieldset>

      <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-4">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : submitLabel}
        </Button>
        <Link href={cancelHref} className={buttonClasses("ghost")}>
          Cancel
        </Link>
        {!current && <FormMessage result={result} />}
      </div>
    </form>
  );
}
