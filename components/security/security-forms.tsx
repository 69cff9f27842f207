"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { FormMessage } from "@/components/ui/form-message.tsx";
import type { ActionResult } from "@/lib/schemas/action-result.ts";

type Action = (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;

export function RequirementForm({ action, required }: { action: Action; required: boolean }) {
  const [result, formAction, pending] = useActionState(action, null);
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

export function LiftThrottleButton({ action, entryId, label }: { action: Action; entryId: string; label: string }) {
  const [result, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="flex items-center justify-end gap-3">
      <input type="hidden" name="entryId" value={entryId} />
      <Button type="submit" variant="secondary" disabled={pending} aria-label={`Lift the throttle of ${label}`}>
        {pending ? "Lifting…" : "Lift"}
      </Button>
      {result && !result.ok && <FormMessage result={result} />}
    </form>
  );
}
