"use client";

import { useState } from "react";
import { ActionForm } from "@/components/forms/action-form.tsx";
import { sentValue, useFormAction, type FormAction } from "@/components/forms/form-state.ts";
import { Button } from "@/components/ui/button.tsx";
import { TextField } from "@/components/ui/field.tsx";
import { SelectField } from "@/components/ui/select.tsx";
import { MAX_TOKEN_DAYS, type TTokenScope } from "@/lib/schemas/api.ts";

/** A token just created, as the create action hands it to the form (its `data`): the secret is shown this once. */
export type NewToken = { name: string; scope: TTokenScope; secret: string; expiresAt: string | null };

/** Creates a token and shows its secret once, with a copy button. Viewers may create read tokens only. */
export function CreateTokenForm({ action, mayWrite }: { action: FormAction; mayWrite: boolean }) {
  const [result, formAction, pending] = useFormAction<NewToken>(action);
  const scopes = [
    { value: "read", label: "Read: look up members, cases and decisions" },
    ...(mayWrite ? [{ value: "write", label: "Write: also log cases and record decisions" }] : []),
  ];
  return (
    <div className="space-y-4">
      <ActionForm state={result} action={formAction} noValidate>
        {/* Drawn afresh after each submission: empty after a success, as typed after a refusal. */}
        <div key={result?.n ?? 0} className="grid gap-4 sm:grid-cols-3">
          <TextField
            label="Name"
            name="name"
            required
            maxLength={100}
            autoComplete="off"
            hint="e.g. Slack bot"
            defaultValue={sentValue(result, "name")}
          />
          <SelectField label="Scope" name="scope" defaultValue={sentValue(result, "scope") || "read"} options={scopes} />
          <TextField
            label="Expires after (days)"
            name="days"
            type="number"
            min={1}
            max={MAX_TOKEN_DAYS}
            inputMode="numeric"
            hint="Leave empty for a token that does not expire."
            defaultValue={sentValue(result, "days")}
          />
          {!mayWrite && <p className="text-sm text-slate-600 sm:col-span-3">Your role reads only, so your tokens are read tokens.</p>}
          <div className="sm:col-span-3">
            <Button type="submit" disabled={pending}>
              {pending ? "Creating…" : "Create token"}
            </Button>
          </div>
        </div>
      </ActionForm>
      {result?.ok && result.data && <NewTokenSecret name={result.data.name} secret={result.data.secret} />}
    </div>
  );
}

function NewTokenSecret({ name, secret }: { name: string; secret: string }) {
  const [copied, setCopied] = useState<"copied" | "failed" | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied("copied");
    } catch {
      setCopied("failed");
    }
  };
  return (
    <section aria-labelledby="new-token-heading" className="rounded-lg border border-amber-300 bg-amber-50 p-4">
      <h3 id="new-token-heading" className="text-sm font-semibold text-amber-950">
        Your new token “{name}”
      </h3>
      <p className="mt-1 text-sm text-amber-950">
        Copy it now: <strong>you will not see it again.</strong> Only a hash of it is kept.
      </p>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <label htmlFor="new-token-secret" className="sr-only">
          Token secret
        </label>
        <input
          id="new-token-secret"
          readOnly
          value={secret}
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md border border-amber-300 bg-white px-3 py-2 font-mono text-sm"
        />
        <Button variant="secondary" onClick={copy}>
          Copy token
        </Button>
      </div>
      <p role="status" aria-live="polite" className="mt-1 text-sm text-amber-950">
        {copied === "copied"
          ? "Copied to the clipboard"
          : copied === "failed"
            ? "Copying failed: select the token and copy it yourself"
            : ""}
      </p>
    </section>
  );
}
