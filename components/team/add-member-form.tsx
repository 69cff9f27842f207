"use client";

import { ActionForm } from "@/components/forms/action-form.tsx";
import { sentValue, useFormAction, type FormAction } from "@/components/forms/form-state.ts";
import { Button } from "@/components/ui/button.tsx";
import { FieldGroup } from "@/components/ui/choice.tsx";
import { TextField } from "@/components/ui/field.tsx";
import { FormMessage } from "@/components/ui/form-message.tsx";
import { SelectField } from "@/components/ui/select.tsx";
import { ROLES, ROLE_LABELS, SPACES, SPACE_LABELS } from "@/lib/schemas/vocabulary.ts";

export function AddMemberForm({ action }: { action: FormAction }) {
  const [result, formAction, pending] = useFormAction(action);
  return (
    <ActionForm state={result} action={formAction} noValidate>
      {/* Drawn afresh after each submission: empty after a success, as typed after a refusal (the password is typed again). */}
      <div key={result?.n ?? 0} className="grid gap-4 sm:grid-cols-2">
        <TextField label="Name" name="name" required autoComplete="off" defaultValue={sentValue(result, "name")} />
        <TextField label="Email" name="email" type="email" required autoComplete="off" defaultValue={sentValue(result, "email")} />
        <SelectField
          label="Role"
          name="role"
          defaultValue={sentValue(result, "role") ?? "moderator"}
          options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
        />
        <TextField
          label="Initial password"
          name="password"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters. Leave empty for GitHub sign-in only."
        />
        <FieldGroup
          legend="Their member record (optional)"
          name="member"
          exact
          hint="Team members are community members too: with a handle, the account is linked to the member record holding it (created if nobody does), so they never see cases about themselves and are recused from cases they reported or are involved in."
          className="sm:col-span-2"
        >
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField
              label="Space"
              name="member.space"
              defaultValue={sentValue(result, "member.space") ?? "github"}
              options={SPACES.map((s) => ({ value: s, label: SPACE_LABELS[s] }))}
            />
            <TextField label="Handle" name="member.handle" autoComplete="off" defaultValue={sentValue(result, "member.handle")} />
          </div>
        </FieldGroup>
        <div className="flex items-center gap-4 sm:col-span-2">
          <Button type="submit" disabled={pending}>
            {pending ? "Adding…" : "Add team member"}
          </Button>
          <FormMessage result={result} />
        </div>
      </div>
    </ActionForm>
  );
}
