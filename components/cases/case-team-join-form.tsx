"use client";

import { Button } from "@/components/ui/button.tsx";
import { FormMessage } from "@/components/ui/form-message.tsx";
import { TextareaField } from "@/components/ui/textarea.tsx";
import { MIN_JOIN_REASON_LENGTH } from "@/lib/schemas/case-team.ts";
import { errorsOf, sentValue, useFormAction, type FormAction } from "@/components/forms/form-state.ts";
import { ActionForm } from "@/components/forms/action-form.tsx";

/** An admin outside a restricted case's team joins it, saying why: the case team sees the reason. */
export function CaseTeamJoinForm({ number, action }: { number: string; action: FormAction }) {
  const [state, formAction, pending] = useFormAction(action);
  const errors = errorsOf(state);
  return (
    <ActionForm state={state} action={formAction} noValidate className="space-y-3" key={state?.n ?? 0}>
      <input type="hidden" name="number" value={number} />
      <TextareaField
        label="Why you need to see this case"
        name="reason"
        rows={3}
        required
        minLength={MIN_JOIN_REASON_LENGTH}
        defaultValue={sentValue(state, "reason")}
        hint={`At least ${MIN_JOIN_REASON_LENGTH} characters. The case team sees who joined, when and why, and it is kept in the audit trail.`}
        error={errors.reason}
      />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          Join the case team
        </Button>
        <FormMessage result={state} />
      </div>
    </ActionForm>
  );
}
