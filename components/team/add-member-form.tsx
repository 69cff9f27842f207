"use client";

import type { ActionResult } from "@/lib/schemas/action-result.ts";
import { useActionState, useEffect, useRef } from "react";
import { Button } from "@/components/ui/button.tsx";
import { TextField } from "@/components/ui/field.tsx";
import { FormMessage } from "@/components/ui/form-message.tsx";
import { SelectField } from "@/components/ui/select.tsx";
import { ROLES, ROLE_LABELS, SPACES, SPACE_LABELS } from "@/lib/schemas/vocabulary.ts";

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
      <fieldset className="grid gap-4 sm:col-span-2 sm:grid-cols-2">
        <legend className="mb-1 text-sm font-medium text-slate-800">Their member record (optional)</legend>
        <p className="text-xs text-slate-600 sm:col-span-2">
          Team members are community members too: with a handle, the account is linked to the member record holding it (created if nobody
          does), so they never see cases about themselves and are recused from cases they reported or are involved in.
        </p>
        <SelectField
          label="Space"
          name="memberSpace"
          key={values.memberSpace ?? "github"}
          defaultValue={values.memberSpace ?? "github"}
          options={SPACES.map((s) => ({ value: s, label: SPACE_LABELS[s] }))}
        />
        <TextField
          label="Handle"
          name="memberHandle"
          autoComplete="off"
          defaultValue={values.memberHandle}
          error={fields["member.handle"] ?? fields["member.space"] ?? fields.member}
        />
      </fieldset>
      <div className="flex items-center gap-4 sm:col-span-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Adding…" : "Add team member"}
        </Button>
        <FormMessage result={result} />
      </div>
    </form>
  );
}
