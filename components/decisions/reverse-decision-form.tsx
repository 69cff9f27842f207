"use client";

import type { FormAction } from "@/components/forms/form-state.ts";
import { DecisionReasonForm } from "./decision-reason-form.tsx";

/** Reversing is recorded, never an edit: the decision and its reversal both stay in the history. */
export function ReverseDecisionForm({ decisionId, action }: { decisionId: string; action: FormAction }) {
  return (
    <DecisionReasonForm
      decisionId={decisionId}
      action={action}
      text={{
        open: "Reverse decision…",
        label: "Reason for the reversal",
        hint: "For example the outcome of an appeal. The decision stays in the history, marked as reversed.",
        submit: "Record reversal",
        danger: true,
      }}
    />
  );
}
