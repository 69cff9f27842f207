"use client";

import Link from "next/link";
import { useState } from "react";
import { ActionForm } from "@/components/forms/action-form.tsx";
import { errorsOf, sentValue, useFormAction, type FormAction } from "@/components/forms/form-state.ts";
import { Button } from "@/components/ui/button.tsx";
import { FieldGroup } from "@/components/ui/choice.tsx";
import { TextField } from "@/components/ui/field.tsx";
import { FormMessage } from "@/components/ui/form-message.tsx";
import { SelectField } from "@/components/ui/select.tsx";
import { toFormResult } from "@/lib/schemas/form-result.ts";
import { SPACES, SPACE_LABELS, type TSpace } from "@/lib/schemas/vocabulary.ts";

type Action = FormAction;

export type MemberLinkView = {
  userId: string;
  userName: string;
  member: { id: string; displayName: string; identities: { space: TSpace; handle: string }[]; listed: boolean } | null;
  suggestion: { memberId: string; displayName: string; login: string } | null;
};

/**
 * The member record a team account is linked to, on the Team page: what the conflict-of-interest
 * rules follow. Link by any handle, confirm a GitHub suggestion, change or remove the link.
 */
export function MemberLink({ view, isSelf, link, unlink }: { view: MemberLinkView; isSelf: boolean; link: Action; unlink: Action }) {
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | undefined>();
  const { member, suggestion } = view;
  return (
    <div className="mt-2 space-y-2 text-xs">
      {member ? (
        <p className="text-slate-700">
          Linked to{" "}
          {member.listed ? (
            <Link href={`/members/${member.id}`} className="font-medium text-indigo-700 hover:underline">
              {member.displayName}
            </Link>
          ) : (
            <span className="font-medium">{member.displayName}</span>
          )}
          {member.identities.length > 0 && (
            <span className="text-slate-600"> · {member.identities.map((i) => `${SPACE_LABELS[i.space]}: ${i.handle}`).join(", ")}</span>
          )}
        </p>
      ) : (
        <p className="inline-flex items-center gap-1 rounded-md bg-amber-50 px-2 py-1 font-medium text-amber-900 ring-1 ring-inset ring-amber-300">
          Not linked: conflict-of-interest rules cannot apply
        </p>
      )}
      <p role="status" className="text-emerald-800">
        {notice}
      </p>
      {isSelf ? (
        <p className="text-slate-600">Another admin changes the member record of your own account.</p>
      ) : (
        <>
          {!member && suggestion && <SuggestionForm view={view} suggestion={suggestion} action={link} />}
          {editing ? (
            <LinkForm
              view={view}
              action={link}
              onDone={(message) => {
                setEditing(false);
                setNotice(message);
              }}
              onCancel={() => setEditing(false)}
            />
          ) : (
            <div className="flex flex-wrap gap-2">
              <Button
                variant="secondary"
                className="px-2 py-1 text-xs"
                onClick={() => setEditing(true)}
                aria-label={member ? `Change the member record of ${view.userName}` : `Link ${view.userName} to a member record`}
              >
                {member ? "Change link" : "Link to member record"}
              </Button>
              {member && <UnlinkForm view={view} action={unlink} />}
            </div>
          )}
        </>
      )}
    </div>
  );
}

function SuggestionForm({
  view,
  suggestion,
  action,
}: {
  view: MemberLinkView;
  suggestion: NonNullable<MemberLinkView["suggestion"]>;
  action: Action;
}) {
  const [result, formAction, pending] = useFormAction(action);
  return (
    <form action={formAction} className="rounded-md border border-indigo-200 bg-indigo-50 p-2">
      <input type="hidden" name="userId" value={view.userId} />
      <input type="hidden" name="memberId" value={suggestion.memberId} />
      <p className="text-slate-800">
        Suggested: {view.userName} signed in with the GitHub login <span className="font-mono">{suggestion.login}</span>, which{" "}
        {suggestion.displayName} holds.
      </p>
      <div className="mt-1 flex flex-wrap items-center gap-2">
        <Button type="submit" variant="secondary" className="px-2 py-1 text-xs" disabled={pending}>
          Link to {suggestion.displayName}
        </Button>
        <FormMessage result={result} />
      </div>
    </form>
  );
}

function LinkForm({
  view,
  action,
  onDone,
  onCancel,
}: {
  view: MemberLinkView;
  action: Action;
  onDone: (message?: string) => void;
  onCancel: () => void;
}) {
  const [result, formAction, pending] = useFormAction(async (prev, form) => {
    const answer = await action(prev, form);
    const next = toFormResult(answer);
    if (next.ok) onDone(next.message);
    return answer;
  });
  // The member record the handle names: unknown (then it may be created), or already another account's.
  const memberError = errorsOf(result).member;
  const notFound = !!memberError && /No member has/.test(memberError);
  return (
    <ActionForm state={result} action={formAction} className="rounded-md border border-slate-200 bg-slate-50 p-2" noValidate>
      <input type="hidden" name="userId" value={view.userId} />
      <FieldGroup legend={`Find ${view.userName}’s member record by any of their handles`} name="member" exact>
        <div key={result?.n ?? 0} className="flex flex-wrap items-end gap-2">
          <SelectField
            label="Space"
            name="member.space"
            defaultValue={sentValue(result, "member.space") ?? "github"}
            options={SPACES.map((s) => ({ value: s, label: SPACE_LABELS[s] }))}
          />
          <TextField
            label="Handle"
            name="member.handle"
            autoComplete="off"
            defaultValue={sentValue(result, "member.handle")}
            className="w-44"
          />
          <Button type="submit" className="px-2.5 py-1.5 text-xs" disabled={pending}>
            {pending ? "Linking…" : "Link"}
          </Button>
          <Button variant="ghost" className="px-2 py-1.5 text-xs" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </FieldGroup>
      {notFound && (
        <label className="mt-2 flex items-center gap-2 text-slate-800">
          <input type="checkbox" name="create" value="true" />
          Create a member record for {view.userName} with this handle, and link it
        </label>
      )}
    </ActionForm>
  );
}

function UnlinkForm({ view, action }: { view: MemberLinkView; action: Action }) {
  const [confirming, setConfirming] = useState(false);
  const [result, formAction, pending] = useFormAction(action);
  if (!confirming) {
    return (
      <Button variant="ghost" className="px-2 py-1 text-xs" onClick={() => setConfirming(true)} aria-label={`Unlink ${view.userName}`}>
        Unlink
      </Button>
    );
  }
  return (
    <form action={formAction} className="flex basis-full flex-wrap items-center gap-2 rounded-md border border-red-200 bg-red-50 p-2">
      <input type="hidden" name="userId" value={view.userId} />
      <p className="text-red-900">
        Unlink {view.userName}? Cases about their member record become visible to them, and they are no longer recused from cases they
        reported or are involved in.
      </p>
      <Button type="submit" variant="danger" className="px-2 py-1 text-xs" disabled={pending}>
        Confirm unlink
      </Button>
      <Button variant="ghost" className="px-2 py-1 text-xs" onClick={() => setConfirming(false)}>
        Cancel
      </Button>
      <FormMessage result={result} />
    </form>
  );
}
