"use client";

import { Button } from "@/components/ui/button.tsx";
import { FormMessage } from "@/components/ui/form-message.tsx";
import { SelectField } from "@/components/ui/select.tsx";
import { CASE_CONFLICT_MESSAGE } from "@/lib/schemas/case.ts";
import { errorsOf, useFormAction, type FormAction } from "@/components/forms/form-state.ts";
import { ActionForm } from "@/components/forms/action-form.tsx";

/** Who works the case: pick an admin or moderator, or take it yourself. */
export function CaseAssignment({
  caseId,
  version,
  assignee,
  users,
  me,
  action,
}: {
  caseId: string;
  version: number;
  assignee: { id: string; name: string } | null;
  users: { id: string; name: string }[];
  me: string;
  action: FormAction;
}) {
  const [state, formAction, pending] = useFormAction(action);
  const errors = errorsOf(state);
  const hidden = (
    <>
      <input type="hidden" name="caseId" value={caseId} />
      <input type="hidden" name="version" value={version} />
    </>
  );
  // A refused change shows in the form's error summary; a conflict says the page shows the current assignee.
  const shown =
    state && !state.ok && state.message === CASE_CONFLICT_MESSAGE
      ? { ...state, message: `${state.message}: the page now shows the current assignee.` }
      : state;
  const options = [{ value: "", label: "Unassigned" }, ...users.map((u) => ({ value: u.id, label: u.name }))];
  return (
    <div className="space-y-3">
      <ActionForm state={shown} action={formAction} className="flex flex-wrap items-end gap-2">
        {hidden}
        <SelectField
          key={`${version}-${state?.n ?? 0}`}
          label="Assignee"
          name="assigneeId"
          defaultValue={assignee?.id ?? ""}
          options={options}
          error={errors.assigneeId}
          className="flex-1"
        />
        <Button type="submit" variant="secondary" disabled={pending}>
          Save
        </Button>
      </ActionForm>
      {assignee?.id !== me && users.some((u) => u.id === me) && (
        <form action={formAction}>
          {hidden}
          <input type="hidden" name="assigneeId" value={me} />
          <Button type="submit" variant="ghost" disabled={pending} className="-ml-3">
            Assign to me
          </Button>
        </form>
      )}
      <FormMessage result={state?.ok ? state : null} />
    </div>
  );
}
