"use client";

import { useFormAction, type FormAction } from "@/components/forms/form-state.ts";
import { Button } from "@/components/ui/button.tsx";

/** An admin ends every session of a team member (the account stays active). */
export function SignOutEverywhereButton({ user, action }: { user: { id: string; name: string }; action: FormAction }) {
  const [result, formAction, pending] = useFormAction(action);
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
