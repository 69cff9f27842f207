"use client";

import Link from "next/link";
import { useActionState, useEffect, useId, useState } from "react";
import { Button, buttonClasses } from "@/components/ui/button.tsx";
import { ChoiceField } from "@/components/ui/choice.tsx";
import { TextField } from "@/components/ui/field.tsx";
import { FormMessage } from "@/components/ui/form-message.tsx";
import { MAX_IDENTITIES } from "@/lib/schemas/member.ts";
import { SPACES, SPACE_LABELS, type TSpace } from "@/lib/schemas/vocabulary.ts";
import { IdentityList, RetiredIdentities } from "./identity-list.tsx";

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

/** A member whose handle only looks like one typed, as the form warns of it. */
export type FormLookAlike = { memberId: string; displayName: string; message: string };
type Check = (space: string, handle: string, memberId?: string) => Promise<FormLookAlike[]>;

/** checked: the space and handle last checked for look-alikes (on blur); distinct: "This is a different person". */
type Row = { key: number; space: string; handle: string; checked: string; distinct: boolean };
type Rows = { rows: Row[]; nextKey: number };
type RowInput = { space: string; handle: string; distinct?: boolean };

function rowsOf(identities: RowInput[], firstKey = 0): Rows {
  const list = identities.length > 0 ? identities : [{ space: "github", handle: "" }];
  return {
    rows: list.map((i, n) => ({
      key: firstKey + n,
      space: i.space,
      handle: i.handle,
      checked: `${i.space}:${i.handle}`,
      distinct: i.distinct ?? false,
    })),
    nextKey: firstKey + list.length,
  };
}

/** The rows a refused submission held, from the form values the server echoed back. */
function rowsFromValues(values: Record<string, string>): RowInput[] {
  const rows: RowInput[] = [];
  for (const [key, value] of Object.entries(values)) {
    const match = /^identities\.(\d+)\.(space|handle|distinct)$/.exec(key);
    if (!match) continue;
    const index = Number(match[1]);
    const row = (rows[index] ??= { space: "github", handle: "" });
    if (match[2] === "distinct") row.distinct = value === "on";
    else row[match[2] as "space" | "handle"] = value;
  }
  return rows.filter(Boolean);
}

/** The look-alikes of each row's handle, checked as it is left (the save checks again). */
function useLookAlikes(rows: Row[], check: Check | undefined, memberId: string | undefined, initial: Set<string>) {
  const [found, setFound] = useState<Record<string, FormLookAlike[]>>({});
  const wanted = rows.map((r) => r.checked).filter((c) => !initial.has(c) && /:.*\S/.test(c) && !(c in found));
  const pending = wanted.join("\n");
  useEffect(() => {
    if (!check || !pending) return;
    let live = true;
    for (const checked of pending.split("\n")) {
      const at = checked.indexOf(":");
      check(checked.slice(0, at), checked.slice(at + 1), memberId).then(
        (list) => live && setFound((f) => ({ ...f, [checked]: list })),
        () => {},
      );
    }
    return () => {
      live = false;
    };
  }, [check, memberId, pending]);
  return (row: Row): FormLookAlike[] => (initial.has(row.checked) ? [] : (found[row.checked] ?? []));
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
  check,
  initial,
  retired = [],
  member,
  submitLabel,
  cancelHref,
}: {
  action: (prev: MemberFormResult | null, form: FormData) => Promise<MemberFormResult>;
  /** Finds the members whose handle only looks like one typed, to warn before the save refuses it. */
  check?: Check;
  initial: { displayName: string; identities: Identity[] };
  /** The record's retired handles: typing one again brings it back. */
  retired?: { space: TSpace; handle: string; retiredAt: Date }[];
  member?: { id: string; version: number };
  submitLabel: string;
  cancelHref: string;
}) {
  const [result, formAction, pending] = useActionState(action, null);
  const [state, setState] = useState<Rows>(() => rowsOf(initial.identities));
  const [seen, setSeen] = useState<MemberFormResult | null>(null);
  // The record's own handles, current and retired, are never look-alikes to warn of.
  const [own] = useState(() => new Set([...initial.identities, ...retired].map((i) => `${i.space}:${i.handle}`)));
  const lookAlikesOf = useLookAlikes(state.rows, check, member?.id, own);
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

  const addRow = () =>
    setState((s) => ({
      rows: [...s.rows, { key: s.nextKey, space: "github", handle: "", checked: "github:", distinct: false }],
      nextKey: s.nextKey + 1,
    }));
  const removeRow = (key: number) => setState((s) => ({ ...s, rows: s.rows.filter((r) => r.key !== key) }));
  const updateRow = (key: number, patch: Partial<Row>) =>
    setState((s) => ({ ...s, rows: s.rows.map((r) => (r.key === key ? { ...r, ...patch } : r)) }));

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
          One per space: a GitHub login, a Slack member ID, an email address… Capitals, a leading @ and invisible characters do not matter;
          a handle belongs to one member only. A removed handle is kept as a former one: it still leads to this member.
        </p>
        {retired.length > 0 && (
          <div className="mt-2 text-xs text-slate-600">
            <RetiredIdentities retired={retired} compact />
            <p className="mt-1">Type a former handle again to bring it back.</p>
          </div>
        )}
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
            // The save refused a look-alike (while the row still holds what was sent), or the check on leaving the field found one.
            const sent = values[`identities.${index}.handle`] === row.handle && values[`identities.${index}.space`] === row.space;
            const refusedLookAlike = sent ? fields[`identities.${index}.lookAlike`] : undefined;
            const lookAlikes = lookAlikesOf(row);
            const warned = refusedLookAlike !== undefined || lookAlikes.length > 0;
            const warningId = `${id}-lookalike-${row.key}`;
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
                    onChange={(e) => updateRow(row.key, { space: e.target.value, checked: `${e.target.value}:${row.handle}` })}
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
                    onChange={(e) => updateRow(row.key, { handle: e.target.value })}
                    onBlur={(e) => updateRow(row.key, { checked: `${row.space}:${e.target.value}` })}
                    autoComplete="off"
                    spellCheck={false}
                    aria-invalid={handleError ? true : undefined}
                    aria-describedby={
                      [handleError ? `${handleId}-error` : "", warned ? warningId : ""].filter(Boolean).join(" ") || undefined
                    }
                    className={inputClasses(handleError)}
                  />
                  {handleError && (
                    <p id={`${handleId}-error`} className="mt-1 text-sm text-red-700">
                      {handleError}
                    </p>
                  )}
                  <div aria-live="polite">
                    {warned && (
                      <div id={warningId} className="mt-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
                        {lookAlikes.length > 0 && (
                          <ul className="space-y-1">
                            {lookAlikes.map((l) => (
                              <li key={l.memberId}>
                                {/* The refusal above already says what it looks like. */}
                                {!refusedLookAlike && <span className="font-medium">{l.message}. </span>}
                                <Link href={`/members/${l.memberId}`} className="text-indigo-800 underline hover:text-indigo-950">
                                  Open {l.displayName}&rsquo;s record instead
                                </Link>
                              </li>
                            ))}
                          </ul>
                        )}
                        {lookAlikes.length === 0 && refusedLookAlike && (
                          <Link href={`/members/${refusedLookAlike}`} className="text-indigo-800 underline hover:text-indigo-950">
                            Open the look-alike member&rsquo;s record instead
                          </Link>
                        )}
                        <div className="mt-2">
                          <ChoiceField
                            name={`identities.${index}.distinct`}
                            label="This is a different person"
                            hint="Tick only if you know this handle is not that member's: otherwise add it to their record."
                            checked={row.distinct}
                            onChange={(e) => updateRow(row.key, { distinct: e.target.checked })}
                          />
                        </div>
                      </div>
                    )}
                  </div>
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
