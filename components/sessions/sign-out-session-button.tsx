"use client";

import { useFormAction, type FormAction } from "@/components/forms/form-state.ts";
import { Button } from "@/components/ui/button.tsx";

/** Signs out one of the user's other sessions; `label` names it for screen readers ("Chrome on Linux, signed in …"). */
export function SignOutSessionButton({ sessionId, label, action }: { sessionId: string; label: string; action: FormAction }) {
  const [result, formAction, pending] = useFormAction(action);
  return (
    <form action={formAction}>
      <input type="hidden" name="sessionId" value={sessionId} />
      <Button type="submit" variant="secondary" disabled={pending} aria-label={`Sign out ${label}`}>
        {pending ? "Signing out…" : "Sign out"}
      </Button>
      {result && !result.ok && (
        <p role="status" className="mt-1 text-sm text-red-700">
          {result.message}
        </p>
      )}
    </form>
  );
}
