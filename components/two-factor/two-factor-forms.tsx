"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { TextField } from "@/components/ui/field.tsx";
import { FormMessage } from "@/components/ui/form-message.tsx";
import type { ActionResult } from "@/lib/schemas/action-result.ts";
import type { RecoveryCodesResult } from "@/lib/schemas/two-factor.ts";
import { RecoveryCodeList } from "./recovery-code-list.tsx";

type Action<R> = (prev: R | null, form: FormData) => Promise<R>;

function fieldError(result: ActionResult | null, name: string): string | undefined {
  return result && !result.ok ? result.fields?.[name] : undefined;
}

export function StartEnrolmentForm({
  action,
  restart = false,
}: {
  action: (prev: ActionResult | null) => Promise<ActionResult>;
  restart?: boolean;
}) {
  const [result, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-4">
      <Button type="submit" variant={restart ? "secondary" : "primary"} disabled={pending}>
        {restart ? "Start again with a new secret" : "Set up two-factor sign-in"}
      </Button>
      <FormMessage result={result && !result.ok ? result : null} />
    </form>
  );
}

export function ConfirmEnrolmentForm({ action }: { action: Action<RecoveryCodesResult> }) {
  const [result, formAction, pending] = useActionState(action, null);
  if (result?.ok && result.recoveryCodes) {
    return (
      <div className="space-y-4">
        <p role="status" className="text-sm font-medium text-emerald-800">
          {result.message}
        </p>
        <RecoveryCodeList codes={result.recoveryCodes} />
        <Link href="/" className="inline-block text-sm font-medium text-indigo-700 underline">
          I have saved my recovery codes: continue
        </Link>
      </div>
    );
  }
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-4" noValidate>
      <TextField
        label="Code from your app"
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        required
        maxLength={12}
        error={fieldError(result, "code")}
        className="w-56"
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Checking…" : "Turn on"}
      </Button>
      <FormMessage result={result && !result.ok && !result.fields?.code ? result : null} />
    </form>
  );
}

export function TurnOffForm({ action, hasPassword }: { action: Action<ActionResult>; hasPassword: boolean }) {
  const [result, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-4" noValidate>
      {hasPassword ? (
        <TextField
          label="Your password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={fieldError(result, "password")}
          className="w-64"
        />
      ) : (
        <TextField label="Code from your app" name="code" autoComplete="one-time-code" required error={fieldError(result, "code")} />
      )}
      <Button type="submit" variant="danger" disabled={pending}>
        {pending ? "Turning off…" : "Turn off two-factor sign-in"}
      </Button>
      <FormMessage result={result && !(result.ok === false && (result.fields?.password || result.fields?.code)) ? result : null} />
    </form>
  );
}

export function RegenerateCodesForm({ action }: { action: Action<RecoveryCodesResult> }) {
  const [result, formAction, pending] = useActionState(action, null);
  return (
    <div className="space-y-4">
      <form action={formAction} className="flex flex-wrap items-end gap-4" noValidate>
        <TextField
          label="Your password or a code from your app"
          name="proof"
          type="password"
          autoComplete="off"
          required
          error={fieldError(result, "proof")}
          className="w-72"
        />
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "Generating…" : "Generate new recovery codes"}
        </Button>
        <FormMessage result={result && !(result.ok === false && result.fields?.proof) ? result : null} />
      </form>
      {result?.ok && result.recoveryCodes && <RecoveryCodeList codes={result.recoveryCodes} />}
    </div>
  );
}
