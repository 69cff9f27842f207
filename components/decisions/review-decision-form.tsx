"use client";

import type { FormAction } from "@/components/forms/form-state.ts";
import { DecisionReasonForm } from "./decision-reason-form.tsx";

/**
 * Keeps a decision flagged for review, with the team's reason: a recorded review, never an
 * edit of the decision. (The other way out is a reversal, by an admin.)
 */
export function ReviewDecisionForm({ decisionId, action }: { decisionId: string; action: FormAction }) {
  return (
    <DecisionReasonForm
      decisionId={decisionId}
      action={action}
      text={{
        open: "Review: keep the decision…",
        label: "Why the decision stands",
        hint: "For example: the pattern of violation alone calls for a Permanent ban. The review is kept with the decision.",
        submit: "Keep the decision",
      }}
    />
  );
}
