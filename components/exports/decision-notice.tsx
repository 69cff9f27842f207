"use client";

import { useState } from "react";
import { useFormAction, type FormAction } from "@/components/forms/form-state.ts";
import { Button, buttonClasses } from "@/components/ui/button.tsx";
import { FormMessage } from "@/components/ui/form-message.tsx";

/**
 * The private notice to send the member about a decision: read, copy or download it, then
 * record that it was sent. Sending happens outside the app (by email or direct message). Once
 * sent, it shows the text that was sent, kept as it was then, labelled "Sent on DATE".
 */
export function DecisionNotice({
  decisionId,
  text,
  sentAt,
  sentAtIso,
  sentBy = null,
  kept = true,
  mayMarkSent,
  action,
}: {
  decisionId: string;
  text: string;
  /** When it was marked as sent, as the page writes dates; null when not yet. */
  sentAt: string | null;
  sentAtIso: string | null;
  sentBy?: string | null;
  /** false: marked as sent before texts were kept, so the text shown is rebuilt from the record. */
  kept?: boolean;
  mayMarkSent: boolean;
  action: FormAction;
}) {
  const [copied, setCopied] = useState<string>("");
  const [result, formAction, pending] = useFormAction(action);
  const headingId = `notice-${decisionId}`;

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied("Copied to the clipboard");
    } catch {
      setCopied("Copying was refused by the browser: select the text or download it");
    }
  }

  return (
    <section aria-labelledby={headingId} className="mt-3 rounded-lg border border-slate-200 bg-slate-50 p-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={headingId} className="text-sm font-semibold">
          Decision notice
        </h3>
        {sentAt && sentAtIso ? (
          <p className="text-sm text-emerald-800">
            Sent on <time dateTime={sentAtIso}>{sentAt}</time>
            {sentBy ? ` by ${sentBy}` : ""}
          </p>
        ) : (
          <p className="text-sm text-amber-800">Not sent yet</p>
        )}
      </div>
      {sentAt && (
        <p className="mt-1 text-xs text-slate-600">
          {kept
            ? "The text the member was sent, kept as it was sent: later changes to the case do not change it."
            : "Marked as sent before the app kept sent texts: this text is rebuilt from the record and may differ from what was sent."}
        </p>
      )}
      <pre
        tabIndex={0}
        aria-label="Notice text"
        className="mt-2 max-h-80 overflow-auto whitespace-pre-wrap rounded-md border border-slate-200 bg-white p-3 font-sans text-sm text-slate-800"
      >
        {text}
      </pre>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <Button variant="secondary" onClick={copy}>
          Copy notice
        </Button>
        <a href={`/api/exports/notice/${decisionId}?format=txt`} className={buttonClasses("secondary")}>
          Download .txt
        </a>
        <a href={`/api/exports/notice/${decisionId}?format=md`} className={buttonClasses("secondary")}>
          Download .md
        </a>
        {mayMarkSent && !sentAt && (
          <form action={formAction}>
            <input type="hidden" name="decisionId" value={decisionId} />
            <Button type="submit" disabled={pending}>
              Mark as sent
            </Button>
          </form>
        )}
        <p role="status" aria-live="polite" className="text-sm text-slate-700">
          {copied}
        </p>
        {result && !result.ok && <FormMessage result={result} />}
      </div>
    </section>
  );
}
