"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { FormMessage } from "@/components/ui/form-message.tsx";
import { CASE_STATUS_TRANSITIONS } from "@/lib/policy/case-status.ts";
import { CASE_CONFLICT_MESSAGE } from "@/lib/schemas/case.ts";
import type { TCaseStatus } from "@/lib/schemas/vocabulary.ts";
import { TextareaField } from "@/components/ui/textarea.tsx";
import { errorsOf, useFormAction, type FormAction } from "@/components/forms/form-state.ts";
import { ActionForm } from "@/components/forms/action-form.tsx";

/** The status moves open to the case now; dismissing and reopening ask for a reason first. */
export function CaseStatusActions({
  caseId,
  version,
  status,
  action,
}: {
  caseId: string;
  version: number;
  status: TCaseStatus;
  action: FormAction;
}) {
  const [state, formAction, pending] = useFormAction(action);
  const [asking, setAsking] = useState<{ to: "dismissed" | "investigating"; at: number } | null>(null);
  // Cancelling a reason form also clears what its refused submission said.
  const [quietUpTo, setQuietUpTo] = useState(0);
  const moves = CASE_STATUS_TRANSITIONS[status];
  const reopen = moves.includes("investigating") && (status === "closed" || status === "dismissed");
  // A reason form stays open until its own submission succeeds.
  const reasonFor = asking && !(state?.ok && state.n > asking.at) ? asking.to : null;
  const errors = errorsOf(state);
  const hidden = (
    <>
      <input type="hidden" name="caseId" value={caseId} />
      <input type="hidden" name="version" value={version} />
    </>
  );
  return (
    <div className="space-y-3">
      {!reasonFor && (
        <div className="flex flex-wrap gap-2">
          {moves.includes("investigating") && !reopen && (
            <form action={formAction}>
              {hidden}
              <input type="hidden" name="status" value="investigating" />
              <Button type="submit" disabled={pending}>
                Start investigating
              </Button>
            </form>
          )}
          {moves.includes("closed") && (
            <form action={formAction}>
              {hidden}
              <input type="hidden" name="status" value="closed" />
              <Button type="submit" disabled={pending}>
                Close case
              </Button>
            </form>
          )}
          {reopen && (
            <Button variant="secondary" onClick={() => setAsking({ to: "investigating", at: state?.n ?? 0 })}>
              Reopen…
            </Button>
          )}
          {moves.includes("dismissed") && (
            <Button variant="secondary" onClick={() => setAsking({ to: "dismissed", at: state?.n ?? 0 })}>
              Dismiss…
            </Button>
          )}
        </div>
      )}
      {reasonFor && (
        <ActionForm state={state} action={formAction} noValidate className="space-y-3" key={state?.n ?? 0}>
          {hidden}
          <input type="hidden" name="status" value={reasonFor} />
          <TextareaField
            label={reasonFor === "dismissed" ? "Reason for dismissing" : "Reason for reopening"}
            name="reason"
            rows={3}
            required
            autoFocus
            hint={
              reasonFor === "dismissed" ? "Why this is not a violation, or not one to act on." : "What changed: new evidence, an appeal, …"
            }
            error={errors.reason}
          />
          <div className="flex gap-2">
            <Button type="submit" variant={reasonFor === "dismissed" ? "danger" : "primary"} disabled={pending}>
              {reasonFor === "dismissed" ? "Dismiss case" : "Reopen case"}
            </Button>
            <Button
              variant="ghost"
              onClick={() => {
                setAsking(null);
                setQuietUpTo(state?.n ?? 0);
              }}
            >
              Cancel
            </Button>
          </div>
        </ActionForm>
      )}
      {status === "investigating" && <p className="text-xs text-slate-600">Record a decision below to decide the case.</p>}
      <FormMessage
        result={
          !state || state.n <= quietUpTo || (reasonFor && !state.ok)
            ? null
            : !state.ok && state.message === CASE_CONFLICT_MESSAGE
              ? { ok: false, message: `${state.message}: the page now shows the current status.` }
              : state
        }
      />
    </div>
  );
}
