"use client";

import type { ActionResult } from "@/lib/schemas/action-result.ts";
import { useActionState } from "react";
import { Button } from "@/components/ui/button.tsx";

type Action = (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;

/** Signs out one of the user's other sessions; `label` names it for screen readers ("Chrome on Linux, signed in …"). */
export function SignOutSessionButton({ sessionId, label, action }: { sessionId: string; label: string; action: Action }) {
  const [result, formAction, pending] = useActionState(action, null);
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
