"use client";

import { startTransition, useActionState, useEffect, useRef } from "react";
import { ActionForm } from "@/components/forms/action-form.tsx";
import { sentValue, type FormAction, type FormState } from "@/components/forms/form-state.ts";
import { Button } from "@/components/ui/button.tsx";
import { TextField } from "@/components/ui/field.tsx";
import { SelectField } from "@/components/ui/select.tsx";
import { TextareaField } from "@/components/ui/textarea.tsx";
import { toFormResult } from "@/lib/schemas/form-result.ts";
import { SPACES, SPACE_LABELS, type TSpace } from "@/lib/schemas/vocabulary.ts";
import { IdentityList } from "./identity-list.tsx";

type Identity = { space: TSpace; handle: string };
/** The duplicate record, as the find action hands it to the panel (its `data`). */
export type MergeCandidate = { id: string; displayName: string; identities: Identity[] };

/** The step shown, with the last refusal of its form (kept with what was sent, as useFormAction keeps it). */
type State =
  | { step: "find"; result: FormState<unknown>; done?: string; n: number }
  | { step: "confirm"; candidate: MergeCandidate; result: FormState<unknown>; n: number };

/**
 * Merges a duplicate record into this member in two steps: find the duplicate by one of
 * its handles, then confirm with a reason. The server does the merge in one transaction.
 * Both steps' actions are form actions (lib/server/form-action.ts); one state holds the step.
 */
export function MergePanel({ target, find, merge }: { target: { id: string; displayName: string }; find: FormAction; merge: FormAction }) {
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  const [state, dispatch, pending] = useActionState(
    async (prev: State, form: FormData): Promise<State> => {
      const n = prev.n + 1;
      const intent = form.get("intent");
      if (intent === "cancel") return { step: "find", result: null, n };
      if (intent === "find") {
        const result = toFormResult<MergeCandidate>(await find(undefined, form));
        if (result.ok && result.data) return { step: "confirm", candidate: result.data, result: null, n };
        return { step: "find", result: { ...result, n, sent: form }, n };
      }
      if (prev.step !== "confirm") return prev;
      const result = toFormResult(await merge(undefined, form));
      if (result.ok) return { step: "find", result: null, done: result.message, n };
      return { step: "confirm", candidate: prev.candidate, result: { ...result, n, sent: form }, n };
    },
    { step: "find", result: null, n: 0 },
  );

  // On arriving at the confirmation (a refusal there focuses its error summary instead).
  useEffect(() => {
    if (state.step === "confirm" && !state.result) confirmHeading.current?.focus();
  }, [state]);

  const cancel = () =>
    startTransition(() => {
      const form = new FormData();
      form.set("intent", "cancel");
      dispatch(form);
    });

  if (state.step === "confirm") {
    const { candidate, result } = state;
    return (
      <ActionForm state={result} action={dispatch} className="space-y-4" noValidate>
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
        <TextareaField
          key={state.n}
          label="Reason for the merge"
          name="reason"
          rows={2}
          required
          defaultValue={sentValue(result, "reason")}
          hint="How you know both records are the same person, e.g. “GitHub profile links the Slack account”."
        />
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" variant="danger" disabled={pending}>
            {pending ? "Merging…" : "Merge records"}
          </Button>
          <Button variant="ghost" onClick={cancel} disabled={pending}>
            Cancel
          </Button>
        </div>
      </ActionForm>
    );
  }

  const { result } = state;
  return (
    <ActionForm state={result} action={dispatch} className="space-y-3" noValidate>
      <input type="hidden" name="intent" value="find" />
      <input type="hidden" name="targetId" value={target.id} />
      <p className="text-sm text-slate-700">
        If {target.displayName} has a second record, find it by one of its handles and merge it into this one.
      </p>
      <div key={state.n} className="grid gap-3 sm:grid-cols-[11rem_1fr_auto] sm:items-start">
        <SelectField
          label="Space of the duplicate"
          name="space"
          defaultValue={sentValue(result, "space") ?? "github"}
          options={SPACES.map((s) => ({ value: s, label: SPACE_LABELS[s] }))}
        />
        <TextField
          label="Handle of the duplicate"
          name="handle"
          autoComplete="off"
          spellCheck={false}
          defaultValue={sentValue(result, "handle")}
        />
        <Button type="submit" variant="secondary" disabled={pending} className="sm:mt-6">
          {pending ? "Finding…" : "Find duplicate"}
        </Button>
      </div>
      <p role="status" aria-live="polite" className="text-sm text-emerald-800">
        {state.done ?? ""}
      </p>
    </ActionForm>
  );
}
