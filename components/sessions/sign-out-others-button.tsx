"use client";

import { useFormAction, type FormAction } from "@/components/forms/form-state.ts";
import { Button } from "@/components/ui/button.tsx";
import { FormMessage } from "@/components/ui/form-message.tsx";

export function SignOutOthersButton({ action, disabled }: { action: FormAction; disabled: boolean }) {
  const [result, formAction, pending] = useFormAction(action);
  return (
    <form
      action={formAction}
      onSubmit={(e) => {
        if (!window.confirm("Sign out every other session? Those browsers will have to sign in again.")) e.preventDefault();
      }}
      className="flex flex-wrap items-center gap-3"
    >
      <Button type="submit" variant="danger" disabled={pending || disabled}>
        {pending ? "Signing out…" : "Sign out all other sessions"}
      </Button>
      <FormMessage result={result} />
    </form>
  );
}
