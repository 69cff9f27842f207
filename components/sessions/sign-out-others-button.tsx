"use client";

import type { ActionResult } from "@/lib/schemas/action-result.ts";
import { useActionState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { FormMessage } from "@/components/ui/form-message.tsx";

type Action = (prev: ActionResult | null) => Promise<ActionResult>;

export function SignOutOthersButton({ action, disabled }: { action: Action; disabled: boolean }) {
  const [result, formAction, pending] = useActionState(action, null);
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
