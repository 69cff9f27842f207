"use client";

import { useState } from "react";
import { errorFor, errorsOf, sentValue, type FormState } from "@/components/forms/form-state.ts";
import { ChoiceField, FieldGroup } from "@/components/ui/choice.tsx";
import { TextField } from "@/components/ui/field.tsx";
import { type HandleLookupFn } from "../handle-hint.tsx";
import { MemberHandleFields } from "./member-handle-fields.tsx";

const REPORTER_KINDS = [
  { value: "member", label: "A community member", hint: "Pick them by handle" },
  { value: "contact", label: "An outside contact", hint: "Someone outside the community, e.g. event staff" },
  { value: "anonymous", label: "Anonymous", hint: "The reporter did not say who they are" },
] as const;

/** Who reported it (confidential): a member by handle, an outside contact, or nobody named. */
export function ReporterFields({ state, lookup }: { state: FormState; lookup: HandleLookupFn }) {
  const errors = errorsOf(state);
  const v = (name: string, fallback = "") => sentValue(state, name) ?? fallback;
  const [reporterKind, setReporterKind] = useState(v("reporter.kind"));
  return (
    <section aria-labelledby="reporter-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="reporter-heading" className="text-base font-semibold">
        Reporter
      </h2>
      <p className="mt-0.5 text-sm text-slate-600">
        Confidential: the reporter is never shown to viewers or recused moderators; a moderator sees them only after choosing Reveal
        reporter, and every reveal is recorded.
      </p>
      <div className="mt-4">
        <FieldGroup legend="Who reported it" name="reporter" exact error={errorFor(errors, "reporter", "reporter.kind")}>
          <div className="grid gap-3 sm:grid-cols-3">
            {REPORTER_KINDS.map((k) => (
              <ChoiceField
                key={k.value}
                type="radio"
                name="reporter.kind"
                value={k.value}
                label={k.label}
                hint={k.hint}
                defaultChecked={reporterKind === k.value}
                onChange={() => setReporterKind(k.value)}
              />
            ))}
          </div>
        </FieldGroup>
        {reporterKind === "member" && (
          <div className="mt-4 grid gap-4 sm:grid-cols-3">
            <MemberHandleFields
              path="reporter.member"
              who="Reporter"
              space={v("reporter.member.space", "github")}
              handle={v("reporter.member.handle")}
              lookup={lookup}
              errors={{
                space: errorFor(errors, "reporter.member.space"),
                handle: errorFor(errors, "reporter.member.handle", "reporter.member.memberId", "reporter.member"),
              }}
            />
          </div>
        )}
        {reporterKind === "contact" && (
          <div className="mt-4 grid gap-4 sm:grid-cols-2">
            <TextField
              label="Contact's name"
              name="reporter.name"
              defaultValue={v("reporter.name")}
              autoComplete="off"
              error={errorFor(errors, "reporter.name")}
            />
            <TextField
              label="Contact's email"
              name="reporter.email"
              type="email"
              defaultValue={v("reporter.email")}
              autoComplete="off"
              error={errorFor(errors, "reporter.email")}
            />
          </div>
        )}
      </div>
    </section>
  );
}
