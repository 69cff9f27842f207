"use client";

import { errorFor, errorsOf, sentValue, type FormState } from "@/components/forms/form-state.ts";
import { TextField } from "@/components/ui/field.tsx";
import { type HandleLookupFn } from "../handle-hint.tsx";
import { MemberHandleFields } from "./member-handle-fields.tsx";

/** Whom the report is about: an existing member by handle, or a new record. */
export function SubjectFields({ state, lookup }: { state: FormState; lookup: HandleLookupFn }) {
  const errors = errorsOf(state);
  const v = (name: string, fallback = "") => sentValue(state, name) ?? fallback;
  return (
    <section aria-labelledby="subject-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="subject-heading" className="text-base font-semibold">
        Subject
      </h2>
      <p className="mt-0.5 text-sm text-slate-600">
        The member whose behaviour is reported. An unknown handle creates a new member record.
      </p>
      <div className="mt-4 grid gap-4 sm:grid-cols-3">
        <MemberHandleFields
          path="subject"
          who="Subject"
          space={v("subject.space", "github")}
          handle={v("subject.handle")}
          lookup={lookup}
          required
          errors={{
            space: errorFor(errors, "subject.space"),
            handle: errorFor(errors, "subject.handle", "subject.memberId", "subject"),
          }}
        />
        <TextField
          label="Display name (new member)"
          name="subject.displayName"
          defaultValue={v("subject.displayName")}
          autoComplete="off"
          hint="Optional. Defaults to the handle."
          error={errorFor(errors, "subject.displayName")}
        />
      </div>
    </section>
  );
}
