"use client";

import { useState } from "react";
import { ActionForm } from "@/components/forms/action-form.tsx";
import { errorsOf, sentValue, useFormAction, type FormAction } from "@/components/forms/form-state.ts";
import { Button } from "@/components/ui/button.tsx";
import { FormMessage } from "@/components/ui/form-message.tsx";
import { TextareaField } from "@/components/ui/textarea.tsx";

/**
 * Keeps a decision flagged for review, with the team's reason: a recorded review, never an
 * edit of the decision. (The other way out is a reversal, by an admin.)
 */
export function ReviewDecisionForm({ decisionId, action }: { decisionId: string; action: FormAction }) {
  const [open, setOpen] = useState(false);
  const [result, formAction, pending] = useFormAction(action);
  if (!open) {
    return (
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Review: keep the decision…
      </Button>
    );
  }
  const fields = errorsOf(result);
  return (
    <ActionForm state={result} action={formAction} noValidate className="space-y-3 rounded-lg border border-amber-200 bg-white p-3">
      <input type="hidden" name="decisionId" value={decisionId} />
      <TextareaField
        label="Why the decision stands"
        name="reason"
        hint="For example: the pattern of violation alone calls for a Permanent ban. The review is kept with the decision."
        error={fields.reason}
        rows={3}
        defaultValue={sentValue(result, "reason")}
      />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          Keep the decision
        </Button>
        <Button variant="ghost" onClick={() => setOpen(false)}>
          Cancel
        </Button>
        <FormMessage result={result} />
      </div>
    </ActionForm>
  );
}
