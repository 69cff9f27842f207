"use client";

import type { ReactNode } from "react";
import { useFormAction, type FormAction } from "@/components/forms/form-state.ts";
import { Button } from "@/components/ui/button.tsx";
import { FormMessage } from "@/components/ui/form-message.tsx";

// Forms of buttons only, no fields: each outcome, either way, is the message beside the buttons.

export function RequirementForm({ action, required }: { action: FormAction; required: boolean }) {
  const [result, formAction, pending] = useFormAction(action);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-4">
      <input type="hidden" name="required" value={required ? "false" : "true"} />
      <Button type="submit" variant={required ? "secondary" : "primary"} disabled={pending}>
        {required ? "Stop requiring two-factor sign-in" : "Require two-factor sign-in for every team member"}
      </Button>
      <FormMessage result={result} />
    </form>
  );
}

/**
 * One form around the list of throttles: each Lift button submits its row's id. The outcome
 * is announced outside the rows, so it stays when the lifted row leaves the list.
 */
export function LiftThrottleForm({ action, children }: { action: FormAction; children: ReactNode }) {
  const [result, formAction, pending] = useFormAction(action);
  return (
    <form action={formAction} aria-busy={pending}>
      <div className="px-4 pt-2">
        <FormMessage result={result} />
      </div>
      {children}
    </form>
  );
}

/** A Lift button inside LiftThrottleForm. */
export function LiftThrottleButton({ entryId, label }: { entryId: string; label: string }) {
  return (
    <Button type="submit" name="entryId" value={entryId} variant="secondary" aria-label={`Lift the throttle of ${label}`}>
      Lift
    </Button>
  );
}
