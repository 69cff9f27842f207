"use client";

import type { ActionResult } from "@/lib/schemas/action-result.ts";
import { useActionState } from "react";
import { Button } from "@/components/ui/button.tsx";

type Action = (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;

/** An admin ends every session of a team member (the account stays active). */
export function SignOutEverywhereButton({ user, action }: { user: { id: string; name: string }; action: Action }) {
  const [result, formAction, pending] = useActionState(action, null);
  return (
    <form
      action={formAction}
      onSubmit={(e) => {
        if (!window.confirm(`Sign ${user.name} out of every browser? They can sign in again.`)) e.preventDefault();
      }}
      className="flex flex-col items-end"
    >
      <input type="hidden" name="userId" value={user.id} />
      <Button type="submit" variant="ghost" disabled={pending} aria-label={`Sign ${user.name} out everywhere`}>
        {pending ? "Signing out…" : "Sign out everywhere"}
      </Button>
      {result && (
        <p role="status" className={`text-right text-sm ${result.ok ? "text-emerald-800" : "text-red-700"}`}>
          {result.message}
        </p>
      )}
    </form>
  );
}
