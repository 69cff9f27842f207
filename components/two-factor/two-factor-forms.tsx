"use client";

import Link from "next/link";
import { ActionForm } from "@/components/forms/action-form.tsx";
import { useFormAction, type FormAction } from "@/components/forms/form-state.ts";
import { Button } from "@/components/ui/button.tsx";
import { TextField } from "@/components/ui/field.tsx";
import { FormMessage } from "@/components/ui/form-message.tsx";
import type { RecoveryCodes } from "@/lib/schemas/two-factor.ts";
import { RecoveryCodeList } from "./recovery-code-list.tsx";

/** One button, no fields: only a refusal is shown beside it (success draws the QR code page). */
export function StartEnrolmentForm({ action, restart = false }: { action: FormAction; restart?: boolean }) {
  const [result, formAction, pending] = useFormAction(action);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-4">
      <Button type="submit" variant={restart ? "secondary" : "primary"} disabled={pending}>
        {restart ? "Start again with a new secret" : "Set up two-factor sign-in"}
      </Button>
      <FormMessage result={result && !result.ok ? result : null} />
    </form>
  );
}

// Codes and passwords are never put back after a refusal: they are typed again.

export function ConfirmEnrolmentForm({ action }: { action: FormAction }) {
  const [result, formAction, pending] = useFormAction<RecoveryCodes>(action);
  if (result?.ok && result.data?.recoveryCodes) {
    return (
      <div className="space-y-4">
        <p role="status" className="text-sm font-medium text-emerald-800">
          {result.message}
        </p>
        <RecoveryCodeList codes={result.data.recoveryCodes} />
        <Link href="/" className="inline-block text-sm font-medium text-indigo-700 underline">
          I have saved my recovery codes: continue
        </Link>
      </div>
    );
  }
  return (
    <ActionForm state={result} action={formAction} noValidate>
      <div className="flex flex-wrap items-end gap-4">
        <TextField
          label="Code from your app"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          required
          maxLength={12}
          className="w-56"
        />
        <Button type="submit" disabled={pending}>
          {pending ? "Checking…" : "Turn on"}
        </Button>
      </div>
    </ActionForm>
  );
}

export function TurnOffForm({ action, hasPassword }: { action: FormAction; hasPassword: boolean }) {
  const [result, formAction, pending] = useFormAction(action);
  return (
    <ActionForm state={result} action={formAction} noValidate>
      <div className="flex flex-wrap items-end gap-4">
        {hasPassword ? (
          <TextField label="Your password" name="password" type="password" autoComplete="current-password" required className="w-64" />
        ) : (
          <TextField label="Code from your app" name="code" autoComplete="one-time-code" required />
        )}
        <Button type="submit" variant="danger" disabled={pending}>
          {pending ? "Turning off…" : "Turn off two-factor sign-in"}
        </Button>
        <FormMessage result={result} />
      </div>
    </ActionForm>
  );
}

export function RegenerateCodesForm({ action }: { action: FormAction }) {
  const [result, formAction, pending] = useFormAction<RecoveryCodes>(action);
  return (
    <div className="space-y-4">
      <ActionForm state={result} action={formAction} noValidate>
        <div className="flex flex-wrap items-end gap-4">
          <TextField
            label="Your password or a code from your app"
            name="proof"
            type="password"
            autoComplete="off"
            required
            className="w-72"
          />
          <Button type="submit" variant="secondary" disabled={pending}>
            {pending ? "Generating…" : "Generate new recovery codes"}
          </Button>
          <FormMessage result={result} />
        </div>
      </ActionForm>
      {result?.ok && result.data?.recoveryCodes && <RecoveryCodeList codes={result.data.recoveryCodes} />}
    </div>
  );
}
