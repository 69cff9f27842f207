"use client";

import { useFormAction, type FormAction } from "@/components/forms/form-state.ts";
import { Button } from "@/components/ui/button.tsx";

export function RevokeTokenButton({ tokenId, name, action }: { tokenId: string; name: string; action: FormAction }) {
  const [result, formAction, pending] = useFormAction(action);
  return (
    <form
      action={formAction}
      onSubmit={(e) => {
        if (!window.confirm(`Revoke the token “${name}”? Anything using it stops working at once.`)) e.preventDefault();
      }}
    >
      <input type="hidden" name="tokenId" value={tokenId} />
      <Button type="submit" variant="danger" disabled={pending} aria-label={`Revoke ${name}`}>
        {pending ? "Revoking…" : "Revoke"}
      </Button>
      {result && !result.ok && (
        <p role="status" className="mt-1 text-sm text-red-700">
          {result.message}
        </p>
      )}
    </form>
  );
}
