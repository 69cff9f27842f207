"use client";

import { startTransition, useActionState, useEffect, useId, useRef } from "react";
import { Button } from "@/components/ui/button.tsx";
import { SPACES, SPACE_LABELS, type TSpace } from "@/lib/schemas/vocabulary.ts";
import { IdentityList } from "./identity-list.tsx";

type Identity = { space: TSpace; handle: string };
export type MergeCandidate = { id: string; displayName: string; identities: Identity[] };
type Failure = { ok: false; message: string; fields?: Record<string, string> };
export type FindCandidateResult = { ok: true; candidate: MergeCandidate } | Failure;
export type MergeResult = { ok: true; message?: string } | Failure;

type State =
  | { step: "find"; error?: string; fields?: Record<string, string>; values?: { space: string; handle: string }; done?: string }
  | { step: "confirm"; candidate: MergeCandidate; error?: string; fields?: Record<string, string>; reason?: string };

const control = (error?: string) =>
  `mt-1 block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm focus:outline-2 focus:outline-indigo-600 ${
    error ? "border-red-600" : "border-slate-300"
  }`;

/**
 * Merges a duplicate record into this member in two steps: find the duplicate by one of
 * its handles, then confirm with a reason. The server does the merge in one transaction.
 */
export function MergePanel({
  target,
  find,
  merge,
}: {
  target: { id: string; displayName: string };
  find: (form: FormData) => Promise<FindCandidateResult>;
  merge: (form: FormData) => Promise<MergeResult>;
}) {
  const id = useId();
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  const [state, dispatch, pending] = useActionState(
    async (prev: State, form: FormData): Promise<State> => {
      const intent = form.get("intent");
      if (intent === "cancel") return { step: "find" };
      if (intent === "find") {
        const result = await find(form);
        if (result.ok) return { step: "confirm", candidate: result.candidate };
        return {
          step: "find",
          error: result.message,
          fields: result.fields,
          values: { space: String(form.get("space") ?? "github"), handle: String(form.get("handle") ?? "") },
        };
      }
      if (prev.step !== "confirm") return prev;
      const result = await merge(form);
      if (result.ok) return { step: "find", done: result.message };
      return {
        step: "confirm",
        candidate: prev.candidate,
        error: result.message,
        fields: result.fields,
        reason: String(form.get("reason") ?? ""),
      };
    },
    { step: "find" },
  );

  useEffect(() => {
    if (state.step === "confirm") confirmHeading.current?.focus();
  }, [state]);

  const cancel = () =>
    startTransition(() => {
      const form = new FormData();
      form.set("intent", "cancel");
      dispatch(form);
    });

  if (state.step === "confirm") {
    const { candidate } = state;
    const reasonError = state.fields?.reason;
    return (
      <form action={dispatch} className="space-y-4" noValidate>
        <input type="hidden" name="intent" value="merge" />
        <input type="hidden" name="sourceId" value={candidate.id} />
        <input type="hidden" name="targetId" value={target.id} />
        <h3 ref={confirmHeading} tabIndex={-1} className="text-sm font-semibold text-slate-900 focus:outline-none">
          Merge {candidate.displayName} into {target.displayName}?
        </h3>
        <div className="rounded-lg border border-slate-200 bg-slate-50 p-3 text-sm">
          <p className="font-medium text-slate-900">{candidate.displayName}</p>
          <div className="mt-1">
            <IdentityList identities={candidate.identities} compact />
          </div>
        </div>
        <p className="text-sm text-slate-700">
          Its identities and everything recorded about it move to {target.displayName}. The duplicate record is kept, marked as merged, and
          its links lead here. The merge is recorded in the audit trail and cannot be undone from this page.
        </p>
        <div>
          <label htmlFor={`${id}-reason`} className="block text-sm font-medium text-slate-800">
            Reason for the merge
          </label>
          <textarea
            id={`${id}-reason`}
            name="reason"
            rows={2}
            required
            defaultValue={state.reason}
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={`${id}-reason-hint${reasonError ? ` ${id}-reason-error` : ""}`}
            className={control(reasonError)}
          />
          <p id={`${id}-reason-hint`} className="mt-1 text-xs text-slate-600">
            How you know both records are the same person, e.g. &ldquo;GitHub profile links the Slack account&rdquo;.
          </p>
          {reasonError && (
            <p id={`${id}-reason-error`} className="mt-1 text-sm text-red-700">
              {reasonError}
            </p>
          )}
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" variant="danger" disabled={pending}>
            {pending ? "Merging…" : "Merge records"}
          </Button>
          <Button variant="ghost" onClick={cancel} disabled={pending}>
            Cancel
          </Button>
        </div>
        {/* A refusal names the case in the way, so the moderator knows what to correct first. */}
        <p
          role="status"
          aria-live="polite"
          className={state.error && !reasonError ? "rounded-md border border-red-200 bg-red-50 p-2 text-sm text-red-800" : "sr-only"}
        >
          {state.error && !reasonError ? `Nothing was merged. ${state.error}.` : ""}
        </p>
      </form>
    );
  }

  const handleError = state.fields?.handle;
  const spaceError = state.fields?.space;
  return (
    <form action={dispatch} className="space-y-3" noValidate>
      <input type="hidden" name="intent" value="find" />
      <input type="hidden" name="targetId" value={target.id} />
      <p className="text-sm text-slate-700">
        If {target.displayName} has a second record, find it by one of its handles and merge it into this one.
      </p>
      <div className="grid gap-3 sm:grid-cols-[11rem_1fr_auto] sm:items-start">
        <div>
          <label htmlFor={`${id}-space`} className="block text-sm font-medium text-slate-800">
            Space of the duplicate
          </label>
          <select
            id={`${id}-space`}
            name="space"
            key={`space-${state.values?.space ?? "github"}-${state.error ?? ""}`}
            defaultValue={state.values?.space ?? "github"}
            aria-invalid={spaceError ? true : undefined}
            className={control(spaceError)}
          >
            {SPACES.map((s) => (
              <option key={s} value={s}>
                {SPACE_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-handle`} className="block text-sm font-medium text-slate-800">
            Handle of the duplicate
          </label>
          <input
            id={`${id}-handle`}
            name="handle"
            autoComplete="off"
            spellCheck={false}
            defaultValue={state.values?.handle ?? ""}
            aria-invalid={handleError ? true : undefined}
            aria-describedby={handleError ? `${id}-handle-error` : undefined}
            className={control(handleError)}
          />
          {handleError && (
            <p id={`${id}-handle-error`} className="mt-1 text-sm text-red-700">
              {handleError}
            </p>
          )}
        </div>
        <Button type="submit" variant="secondary" disabled={pending} className="sm:mt-6">
          {pending ? "Finding…" : "Find duplicate"}
        </Button>
      </div>
      <p role="status" aria-live="polite" className={`text-sm ${state.done ? "text-emerald-800" : "text-red-700"}`}>
        {state.done ?? (state.error && !handleError ? state.error : "")}
      </p>
    </form>
  );
}
