"use client";

import { useFormAction, type FormAction } from "@/components/forms/form-state.ts";
import { Button } from "@/components/ui/button.tsx";
import { FormMessage } from "@/components/ui/form-message.tsx";

/** One button, no fields: its outcome (either way) is the message beside it. */
export function VerifyChainButton({ action }: { action: FormAction }) {
  const [result, formAction, pending] = useFormAction(action);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-3">
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Verifying…" : "Verify the chain now"}
      </Button>
      <FormMessage result={result} />
    </form>
  );
}
