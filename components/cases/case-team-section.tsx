"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { ChoiceField, FieldGroup } from "@/components/ui/choice.tsx";
import { FormMessage } from "@/components/ui/form-message.tsx";
import { SelectField } from "@/components/ui/select.tsx";
import { formatDate, isoDate } from "@/lib/format/dates.ts";
import { CASE_CONFLICT_MESSAGE } from "@/lib/schemas/case.ts";
import { ROLE_LABELS, type TRole } from "@/lib/schemas/vocabulary.ts";
import { CaseTeamBadge } from "./case-team-badge.tsx";
import { errorsOf, sentValues, useFormAction, type FormAction } from "@/components/forms/form-state.ts";
import { ActionForm } from "@/components/forms/action-form.tsx";

export type CaseTeamMemberView = {
  userId: string;
  name: string;
  role: TRole;
  addedByName: string | null;
  /** ISO */
  addedAt: string;
  joinReason: string | null;
};

type Props = {
  caseId: string;
  version: number;
  restricted: boolean;
  members: CaseTeamMemberView[];
  candidates: { id: string; name: string; role: TRole }[];
  mayManage: boolean;
  me: string;
  /** Pre-checked when restricting: a restricted case's assignee must be on its team. */
  assigneeId: string | null;
  action: FormAction;
};

/** Who sees the case: everyone on the team, or only its case team (need to know), and the controls to change it. */
export function CaseTeamSection({ caseId, version, restricted, members, candidates, mayManage, me, assigneeId, action }: Props) {
  const [state, formAction, pending] = useFormAction(action);
  // The restriction form opens on demand (and stays open after a refusal): most cases are not restricted.
  const [choosing, setChoosing] = useState(false);
  const errors = errorsOf(state);
  const sentTeam = sentValues(state, "team");
  const hidden = (intent: string) => (
    <>
      <input type="hidden" name="caseId" value={caseId} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="intent" value={intent} />
    </>
  );
  // A refusal shows in the error summary of the form that was sent (adding someone, restricting), else below.
  const sentIntent = state && !state.ok ? state.sent.get("intent") : null;
  const shown =
    state && !state.ok && state.message === CASE_CONFLICT_MESSAGE
      ? { ...state, message: `${state.message}: the page now shows the case as it is.` }
      : state;
  const addForm = restricted && mayManage && candidates.length > 0;
  const restrictForm = !restricted && mayManage && choosing;
  const inSummary = (sentIntent === "add" && addForm) || (sentIntent === "restrict" && restrictForm);
  const label = (u: { name: string; role: TRole }) => `${u.name} (${ROLE_LABELS[u.role]})`;

  return (
    <div className="space-y-4">
      {restricted ? (
        <>
          <div className="space-y-2 text-sm">
            <CaseTeamBadge />
            <p className="text-slate-700">
              Only the people below see this case. An admin outside the team sees only its number and status, and can join it by saying why.
            </p>
          </div>
          <ul aria-label="Case team members" className="divide-y divide-slate-100 rounded-lg border border-slate-200 text-sm">
            {members.map((m) => (
              <li key={m.userId} className="flex items-start justify-between gap-2 px-3 py-2">
                <div>
                  <p className="font-medium text-slate-900">
                    {m.name} <span className="font-normal text-slate-600">({ROLE_LABELS[m.role]})</span>
                  </p>
                  {m.joinReason ? (
                    <p className="text-slate-700">
                      {m.name} joined on <time dateTime={isoDate(m.addedAt)}>{formatDate(m.addedAt)}</time>: {m.joinReason}
                    </p>
                  ) : (
                    <p className="text-slate-600">
                      Added{m.addedByName ? ` by ${m.addedByName}` : ""} on{" "}
                      <time dateTime={isoDate(m.addedAt)}>{formatDate(m.addedAt)}</time>
                    </p>
                  )}
                </div>
                {mayManage && members.length > 1 && (
                  <form action={formAction}>
                    {hidden("remove")}
                    <input type="hidden" name="userId" value={m.userId} />
                    <Button
                      type="submit"
                      variant="ghost"
                      disabled={pending}
                      aria-label={m.userId === me ? "Leave the case team" : `Remove ${m.name} from the case team`}
                      className="-mr-2 px-2 py-1"
                    >
                      {m.userId === me ? "Leave" : "Remove"}
                    </Button>
                  </form>
                )}
              </li>
            ))}
          </ul>
          {mayManage && candidates.length > 0 && (
            <ActionForm state={shown} summary={sentIntent === "add"} action={formAction} className="flex flex-wrap items-end gap-2">
              {hidden("add")}
              <SelectField
                key={`add-${state?.n ?? 0}`}
                label="Add to the case team"
                name="userId"
                defaultValue=""
                options={[{ value: "", label: "Choose a team member" }, ...candidates.map((c) => ({ value: c.id, label: label(c) }))]}
                error={errors.userId}
                className="flex-1"
              />
              <Button type="submit" variant="secondary" disabled={pending}>
                Add
              </Button>
            </ActionForm>
          )}
          {mayManage && (
            <form action={formAction}>
              {hidden("lift")}
              <Button type="submit" variant="secondary" disabled={pending}>
                Lift restriction
              </Button>
              <p className="mt-1 text-xs text-slate-600">Everyone on the team will see the case again.</p>
            </form>
          )}
        </>
      ) : (
        <>
          <p className="text-sm text-slate-700">Not restricted: everyone on the team can see this case.</p>
          {mayManage && !choosing && (
            <Button variant="secondary" onClick={() => setChoosing(true)}>
              Restrict to a case team…
            </Button>
          )}
          {mayManage && choosing && (
            <ActionForm
              state={shown}
              summary={sentIntent === "restrict"}
              action={formAction}
              className="space-y-3"
              key={`restrict-${state?.n ?? 0}`}
            >
              {hidden("restrict")}
              {candidates.length > 0 && (
                <FieldGroup
                  legend="Also on the case team"
                  hint="You will be on it. Everyone else will find nothing of the case; an admin sees only its number and status."
                  name="team"
                  error={errors.team}
                >
                  <div className="max-h-48 space-y-1.5 overflow-y-auto">
                    {candidates.map((c) => (
                      <ChoiceField
                        key={c.id}
                        name="team"
                        value={c.id}
                        label={label(c)}
                        defaultChecked={sentTeam ? sentTeam.includes(c.id) : c.id === assigneeId}
                      />
                    ))}
                  </div>
                </FieldGroup>
              )}
              <div className="flex flex-wrap gap-2">
                <Button type="submit" disabled={pending}>
                  Restrict to a case team
                </Button>
                <Button variant="ghost" onClick={() => setChoosing(false)}>
                  Cancel
                </Button>
              </div>
            </ActionForm>
          )}
        </>
      )}
      <FormMessage result={inSummary ? null : shown} />
    </div>
  );
}
