"use client";

import type { ActionResult } from "@/lib/schemas/action-result.ts";
import { useActionState, useEffect, useRef } from "react";
import { Button } from "@/components/ui/button.tsx";
import { TextField } from "@/components/ui/field.tsx";
import { FormMessage } from "@/components/ui/form-message.tsx";
import { SelectField } from "@/components/ui/select.tsx";
import { ROLES, ROLE_LABELS } from "@/lib/schemas/vocabulary.ts";

type Result = ActionResult;

export function AddMemberForm({ action }: { action: (prev: Result | null, form: FormData) => Promise<Result> }) {
  const [result, formAction, pending] = useActionState(action, null);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (result?.ok) form.current?.reset();
  }, [result]);
  const fields = result && !result.ok ? (result.fields ?? {}) : {};
  const values = result && !result.ok ? (result.values ?? {}) : {};
  return (
    <form ref={form} action={formAction} className="grid gap-4 sm:grid-cols-2" noValidate>
      <TextField label="Name" name="name" required autoComplete="off" defaultValue={values.name} error={fields.name} />
      <TextField label="Email" name="email" type="email" required autoComplete="off" defaultValue={values.email} error={fields.email} />
      <SelectField
        label="Role"
        name="role"
        key={values.role ?? "moderator"}
        defaultValue={values.role ?? "moderator"}
        options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
        error={fields.role}
      />
      <TextField
        label="Initial password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint="At least 10 characters. Leave empty for GitHub sign-in only."
        error={fields.password}
      />
      <div className="flex items-center gap-4 sm:col-span-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Adding…" : "Add team member"}
        </Button>
        <FormMessage result={result} />
      </div>
    </form>
  );
}
