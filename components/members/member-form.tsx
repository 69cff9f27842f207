"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { ActionForm } from "@/components/forms/action-form.tsx";
import { useFieldId } from "@/components/forms/form-context.ts";
import { errorsOf, sentValue, useFormAction, type FormAction, type FormState } from "@/components/forms/form-state.ts";
import { Button, buttonClasses } from "@/components/ui/button.tsx";
import { ChoiceField, FieldGroup } from "@/components/ui/choice.tsx";
import { TextField } from "@/components/ui/field.tsx";
import { formDataObject } from "@/lib/schemas/form-data.ts";
import { MAX_IDENTITIES } from "@/lib/schemas/member.ts";
import { SPACES, SPACE_LABELS, type TSpace } from "@/lib/schemas/vocabulary.ts";
import { IdentityList, RetiredIdentities } from "./identity-list.tsx";

type Identity = { space: TSpace; handle: string };

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

/** The rows a refused submission held, read from what was sent as the server reads it (`identities.N.space|handle|distinct`). */
function sentIdentities(state: FormState<unknown>): RowInput[] {
  if (!state || state.ok) return [];
  const sent = formDataObject(state.sent).identities;
  if (!Array.isArray(sent)) return [];
  return sent.map((row: { space?: unknown; handle?: unknown; distinct?: unknown }) => ({
    space: typeof row?.space === "string" ? row.space : "github",
    handle: typeof row?.handle === "string" ? row.handle : "",
    distinct: row?.distinct === "on",
  }));
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
  return {
    of: (row: Row): FormLookAlike[] => (initial.has(row.checked) ? [] : (found[row.checked] ?? [])),
    // After the save refused a look-alike the check had not found (one added meanwhile), ask again.
    recheck: () => setFound((f) => Object.fromEntries(Object.entries(f).filter(([, list]) => list.length > 0))),
  };
}

const inputClasses = (error?: string) =>
  `block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-500 focus:outline-2 focus:outline-indigo-600 ${
    error ? "border-red-600" : "border-slate-300"
  }`;

/**
 * Adds or edits a member: a display name and identities, one row per space and handle.
 * For an edit, the version read is sent back, so a save over someone else's is refused; the
 * page is then drawn again with the record as it is now, which the form shows beside what was typed.
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
  action: FormAction;
  /** Finds the members whose handle only looks like one typed, to warn before the save refuses it. */
  check?: Check;
  /** The record as the page read it: after a refused save over a newer version, what it holds now. */
  initial: { displayName: string; identities: Identity[] };
  /** The record's retired handles: typing one again brings it back. */
  retired?: { space: TSpace; handle: string; retiredAt: Date }[];
  member?: { id: string; version: number };
  submitLabel: string;
  cancelHref: string;
}) {
  const [state, formAction, pending] = useFormAction(action);
  const [rows, setRows] = useState<Rows>(() => rowsOf(initial.identities));
  const [seen, setSeen] = useState<FormState<unknown>>(null);
  // The version this form was opened on: the one its save must match, whatever the page shows since.
  const [readVersion] = useState(member?.version);
  // The record's own handles, current and retired, are never look-alikes to warn of.
  const [own] = useState(() => new Set([...initial.identities, ...retired].map((i) => `${i.space}:${i.handle}`)));
  const lookAlikes = useLookAlikes(rows.rows, check, member?.id, own);
  const currentRef = useRef<HTMLDivElement>(null);

  // A refused form is reset by React: rebuild the rows from what was submitted, with new keys.
  if (state !== seen) {
    setSeen(state);
    if (state && !state.ok) {
      setRows(rowsOf(sentIdentities(state), rows.nextKey));
      lookAlikes.recheck();
    }
  }

  // Refused because someone else saved first: the page now holds their version.
  const current = state && !state.ok && member && member.version !== readVersion ? initial : undefined;
  useEffect(() => {
    if (current) currentRef.current?.focus();
    // Once per refusal, and when the newer record arrives.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state?.n, !!current]);

  const errors = errorsOf(state);
  const addRow = () =>
    setRows((s) => ({
      rows: [...s.rows, { key: s.nextKey, space: "github", handle: "", checked: "github:", distinct: false }],
      nextKey: s.nextKey + 1,
    }));
  const removeRow = (key: number) => setRows((s) => ({ ...s, rows: s.rows.filter((r) => r.key !== key) }));
  const updateRow = (key: number, patch: Partial<Row>) =>
    setRows((s) => ({ ...s, rows: s.rows.map((r) => (r.key === key ? { ...r, ...patch } : r)) }));

  return (
    // The summary of a refusal, except a save over a newer version: the box below says that, with the record as it is now.
    <ActionForm state={state} action={formAction} summary={!current} className="space-y-6" noValidate>
      {member && (
        <>
          <input type="hidden" name="memberId" value={member.id} />
          <input type="hidden" name="version" value={readVersion} />
        </>
      )}
      {current && (
        <div
          ref={currentRef}
          tabIndex={-1}
          role="alert"
          className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950 focus:outline-2 focus:outline-amber-700"
        >
          <p className="font-semibold">{state && !state.ok ? state.message : ""}. Nothing was saved.</p>
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
        key={state?.n ?? 0}
        label="Display name"
        name="displayName"
        required
        autoComplete="off"
        defaultValue={sentValue(state, "displayName") ?? initial.displayName}
        hint="How the core team refers to this person."
        className="max-w-md"
      />

      <FieldGroup
        legend="Identities"
        name="identities"
        exact
        hint="One per space: a GitHub login, a Slack member ID, an email address… Capitals, a leading @ and invisible characters do not matter; a handle belongs to one member only. A removed handle is kept as a former one: it still leads to this member."
        className="max-w-3xl"
      >
        {retired.length > 0 && (
          <div className="text-xs text-slate-600">
            <RetiredIdentities retired={retired} compact />
            <p className="mt-1">Type a former handle again to bring it back.</p>
          </div>
        )}
        <div
          aria-hidden
          className="mt-3 hidden grid-cols-[11rem_1fr_6.5rem] gap-3 text-xs font-medium uppercase tracking-wide text-slate-600 sm:grid"
        >
          <span>Space</span>
          <span>Handle</span>
        </div>
        <ol className="mt-1 space-y-3">
          {rows.rows.map((row, index) => (
            <IdentityRow
              key={row.key}
              row={row}
              index={index}
              errors={errors}
              lookAlikes={lookAlikes.of(row)}
              only={rows.rows.length <= 1}
              update={(patch) => updateRow(row.key, patch)}
              remove={() => removeRow(row.key)}
            />
          ))}
        </ol>
        <Button variant="secondary" onClick={addRow} disabled={rows.rows.length >= MAX_IDENTITIES} className="mt-3">
          <span aria-hidden>+</span> Add identity
        </Button>
      </FieldGroup>

      <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-4">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : submitLabel}
        </Button>
        <Link href={cancelHref} className={buttonClasses("ghost")}>
          Cancel
        </Link>
      </div>
    </ActionForm>
  );
}

/** One identity: its space and handle (named `identities.N.space|handle`, as their errors are), and any look-alike warning. */
function IdentityRow({
  row,
  index,
  errors,
  lookAlikes,
  only,
  update,
  remove,
}: {
  row: Row;
  index: number;
  errors: Record<string, string>;
  lookAlikes: FormLookAlike[];
  only: boolean;
  update: (patch: Partial<Row>) => void;
  remove: () => void;
}) {
  const n = index + 1;
  const spaceName = `identities.${index}.space`;
  const handleName = `identities.${index}.handle`;
  const spaceId = useFieldId(spaceName) ?? `space-${row.key}`;
  const handleId = useFieldId(handleName) ?? `handle-${row.key}`;
  const spaceError = errors[spaceName];
  const handleError = errors[handleName];
  const warned = lookAlikes.length > 0;
  const warningId = `${handleId}-lookalike`;
  return (
    <li className="grid gap-x-3 gap-y-1 sm:grid-cols-[11rem_1fr_6.5rem]">
      <div>
        <label htmlFor={spaceId} className="text-xs font-medium text-slate-700 sm:sr-only">
          Space {n}
        </label>
        <select
          id={spaceId}
          name={spaceName}
          defaultValue={row.space}
          onChange={(e) => update({ space: e.target.value, checked: `${e.target.value}:${row.handle}` })}
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
          name={handleName}
          defaultValue={row.handle}
          onChange={(e) => update({ handle: e.target.value })}
          onBlur={(e) => update({ checked: `${row.space}:${e.target.value}` })}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={handleError ? true : undefined}
          aria-describedby={[handleError ? `${handleId}-error` : "", warned ? warningId : ""].filter(Boolean).join(" ") || undefined}
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
              <ul className="space-y-1">
                {lookAlikes.map((l) => (
                  <li key={l.memberId}>
                    {/* A refusal of the save already says what it looks like, above. */}
                    {!handleError?.startsWith(l.message) && <span className="font-medium">{l.message}. </span>}
                    <Link href={`/members/${l.memberId}`} className="text-indigo-800 underline hover:text-indigo-950">
                      Open {l.displayName}&rsquo;s record instead
                    </Link>
                  </li>
                ))}
              </ul>
              <div className="mt-2">
                <ChoiceField
                  name={`identities.${index}.distinct`}
                  label="This is a different person"
                  hint="Tick only if you know this handle is not that member's: otherwise add it to their record."
                  checked={row.distinct}
                  onChange={(e) => update({ distinct: e.target.checked })}
                />
              </div>
            </div>
          )}
        </div>
      </div>
      <div className="sm:pt-0.5">
        <Button variant="ghost" onClick={remove} disabled={only} aria-label={`Remove identity ${n}`} className="w-full">
          Remove
        </Button>
      </div>
    </li>
  );
}
