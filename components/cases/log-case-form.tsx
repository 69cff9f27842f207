"use client";

import Link from "next/link";
import { ActionForm } from "@/components/forms/action-form.tsx";
import { useFormAction, type FormAction, type FormState } from "@/components/forms/form-state.ts";
import { Button, buttonClasses } from "@/components/ui/button.tsx";
import { FormMessage } from "@/components/ui/form-message.tsx";
import type { HandleLookupFn } from "./handle-hint.tsx";
import { IncidentFields } from "./log-case/incident-fields.tsx";
import { ReporterFields } from "./log-case/reporter-fields.tsx";
import { SubjectFields } from "./log-case/subject-fields.tsx";

type Lookup = HandleLookupFn;

function Fields({ state, lookup, maxOccurredAt }: { state: FormState; lookup: Lookup; maxOccurredAt: string }) {
  return (
    <div className="space-y-6">
      <SubjectFields state={state} lookup={lookup} />
      <ReporterFields state={state} lookup={lookup} />
      <IncidentFields state={state} lookup={lookup} maxOccurredAt={maxOccurredAt} />
    </div>
  );
}

/** The "Log a case" form. On success the action redirects to the new case. */
export function LogCaseForm({ action, lookup, maxOccurredAt }: { action: FormAction; lookup: Lookup; maxOccurredAt: string }) {
  const [state, formAction, pending] = useFormAction(action);
  return (
    <ActionForm state={state} action={formAction} noValidate className="space-y-6">
      <Fields key={state?.n ?? 0} state={state} lookup={lookup} maxOccurredAt={maxOccurredAt} />
      <div className="flex flex-wrap items-center gap-4">
        <Button type="submit" disabled={pending}>
          {pending ? "Logging…" : "Log case"}
        </Button>
        <Link href="/cases" className={buttonClasses("ghost")}>
          Cancel
        </Link>
        <FormMessage result={state} />
      </div>
    </ActionForm>
  );
}
