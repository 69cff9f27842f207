"use client";

import { useState } from "react";
import { ActionForm } from "@/components/forms/action-form.tsx";
import { errorsOf, sentValue, useFormAction, type FormAction } from "@/components/forms/form-state.ts";
import { Button } from "@/components/ui/button.tsx";
import { FormMessage } from "@/components/ui/form-message.tsx";
import { TextareaField } from "@/components/ui/textarea.tsx";

export type DecisionReasonFormText = { open: string; label: string; hint: string; submit: string; danger?: boolean };

/** A step on a recorded decision that needs only the team's reason (a reversal, a review): opened on demand. */
export function DecisionReasonForm({ decisionId, action, text }: { decisionId: string; action: FormAction; text: DecisionReasonFormText }) {
  const [open, setOpen] = useState(false);
  const [result, formAction, pending] = useFormAction(action);
  if (!open) {
    return (
      <Button variant="secondary" onClick={() => setOpen(true)}>
        {text.open}
      </Button>
    );
  }
  const fields = errorsOf(result);
  return (
    <ActionForm
      state={result}
      action={formAction}
      noValidate
      className={`space-y-3 rounded-lg border border-amber-200 p-3 ${text.danger ? "bg-amber-50" : "bg-white"}`}
    >
      <input type="hidden" name="decisionId" value={decisionId} />
      <TextareaField
        label={text.label}
        name="reason"
        hint={text.hint}
        error={fields.reason}
        rows={3}
        defaultValue={sentValue(result, "reason")}
      />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant={text.danger ? "danger" : "primary"} disabled={pending}>
          {text.submit}
        </Button>
        <Button variant="ghost" onClick={() => setOpen(false)}>
          Cancel
        </Button>
        <FormMessage result={result} />
      </div>
    </ActionForm>
  );
}
