"use client";

import type { ActionResult } from "@/lib/schemas/action-result.ts";
import { useActionState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { FormMessage } from "@/components/ui/form-message.tsx";

type Result = ActionResult;

export function VerifyChainButton({ action }: { action: (prev: Result | null) => Promise<Result> }) {
  const [result, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-3">
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Verifying…" : "Verify the chain now"}
      </Button>
      <FormMessage result={result} />
    </form>
  );
}
