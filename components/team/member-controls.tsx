"use client";

import { useState } from "react";
import { useFormAction, type FormAction } from "@/components/forms/form-state.ts";
import { Button } from "@/components/ui/button.tsx";
import { SelectField } from "@/components/ui/select.tsx";
import { ROLES, ROLE_LABELS, type TRole } from "@/lib/schemas/vocabulary.ts";

/*
 * Two small forms in a table row (a role picker and a button): no error summary, the refusal of
 * either shows under them. A role the picker offers cannot be refused by field, only by a rule
 * (the last active admin).
 */

export function MemberControls({
  user,
  changeRole,
  setActive,
  isSelf,
}: {
  user: { id: string; name: string; role: TRole; active: boolean };
  changeRole: FormAction;
  setActive: FormAction;
  isSelf: boolean;
}) {
  const [roleResult, roleAction, rolePending] = useFormAction(changeRole);
  const [activeResult, activeAction, activePending] = useFormAction(setActive);
  // Deactivating asks first; reactivating does not.
  const [confirming, setConfirming] = useState(false);
  const error = [roleResult, activeResult].find((r) => r && !r.ok)?.message;
  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      <form action={roleAction} className="flex items-center gap-2">
        <input type="hidden" name="userId" value={user.id} />
        <SelectField
          label={`Role of ${user.name}`}
          hideLabel
          name="role"
          defaultValue={user.role}
          options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          disabled={!user.active}
        />
        <Button type="submit" variant="secondary" disabled={rolePending || !user.active} aria-label={`Save role of ${user.name}`}>
          Save
        </Button>
      </form>
      {!isSelf && (
        <form action={activeAction} className="flex flex-wrap items-center justify-end gap-2">
          <input type="hidden" name="userId" value={user.id} />
          <input type="hidden" name="active" value={user.active ? "false" : "true"} />
          {user.active && confirming ? (
            <>
              <p className="text-sm text-red-900">
                Deactivate {user.name}? They are signed out at once and can no longer sign in or use their API tokens.
              </p>
              <Button type="submit" variant="danger" disabled={activePending}>
                Confirm deactivation
              </Button>
              <Button variant="ghost" onClick={() => setConfirming(false)}>
                Cancel
              </Button>
            </>
          ) : user.active ? (
            <Button variant="ghost" onClick={() => setConfirming(true)} aria-label={`Deactivate ${user.name}`}>
              Deactivate
            </Button>
          ) : (
            <Button
              type="submit"
              variant="secondary"
              disabled={activePending}
              onClick={() => setConfirming(false)}
              aria-label={`Reactivate ${user.name}`}
            >
              Reactivate
            </Button>
          )}
        </form>
      )}
      {error && (
        <p role="status" className="basis-full text-right text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
