"use client";

import { useState } from "react";
import { ActionForm } from "@/components/forms/action-form.tsx";
import { errorsOf, sentValue, useFormAction, type FormAction } from "@/components/forms/form-state.ts";
import { Button } from "@/components/ui/button.tsx";
import { FormMessage } from "@/components/ui/form-message.tsx";
import { TextareaField } from "@/components/ui/textarea.tsx";

/** Reversing is recorded, never an edit: the decision and its reversal both stay in the history. */
export function ReverseDecisionForm({ decisionId, action }: { decisionId: string; action: FormAction }) {
  const [open, setOpen] = useState(false);
  const [result, formAction, pending] = useFormAction(action);
  if (!open) {
    return (
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Reverse decision…
      </Button>
    );
  }
  const fields = errorsOf(result);
  return (
    <ActionForm state={result} action={formAction} className="space-y-3 rounded-lg border border-amber-200 bg-amber-50 p-3">
      <input type="hidden" name="decisionId" value={decisionId} />
      <TextareaField
        label="Reason for the reversal"
        name="reason"
        hint="For example the outcome of an appeal. The decision stays in the history, marked as reversed."
        error={fields.reason}
        rows={3}
        defaultValue={sentValue(result, "reason")}
      />
      <div className="flex items-center gap-3">
        <Button type="submit" variant="danger" disabled={pending}>
          Record reversal
        </Button>
        <Button variant="ghost" onClick={() => setOpen(false)}>
          Cancel
        </Button>
        <FormMessage result={result} />
      </div>
    </ActionForm>
  );
}
