"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button.tsx";

type Revealed =
  | { kind: "member"; memberId: string | null; name: string; identities: { space: string; spaceLabel: string; handle: string }[] }
  | { kind: "contact"; name: string | null; email: string | null }
  | { kind: "anonymous" };
type RevealResult = { ok: true; reporter: Revealed } | { ok: false; message: string };
/** The reveal action's answer (lib/server/form-action.ts): the reporter, or a refusal. */
type RevealAnswer = { data?: Revealed; serverError?: { message: string } } | undefined;

function toResult(answer: RevealAnswer): RevealResult {
  if (answer?.data) return { ok: true, reporter: answer.data };
  return { ok: false, message: answer?.serverError?.message ?? "The reporter could not be revealed: reload the page and try again" };
}

const KIND_HINTS = { member: "A community member", contact: "An outside contact", anonymous: "An anonymous report" } as const;

/**
 * The reporter box: confidential until a moderator explicitly reveals it. The identity is
 * fetched on the click (and recorded in the audit trail), held only in this component.
 */
export function ReporterBox({
  caseId,
  kind,
  mayReveal,
  reveal,
}: {
  caseId: string;
  kind: keyof typeof KIND_HINTS;
  mayReveal: boolean;
  reveal: (caseId: string) => Promise<RevealAnswer>;
}) {
  const [result, setResult] = useState<RevealResult | null>(null);
  const [pending, startTransition] = useTransition();
  const revealed = result?.ok ? result.reporter : null;
  return (
    <div>
      {!revealed ? (
        <>
          <p className="text-sm">
            <span className="font-medium text-slate-900">Reporter:</span> confidential
          </p>
          <p className="mt-0.5 text-xs text-slate-600">{KIND_HINTS[kind]}</p>
          {mayReveal && (
            <>
              <Button
                variant="secondary"
                className="mt-3"
                disabled={pending}
                onClick={() => startTransition(async () => setResult(toResult(await reveal(caseId))))}
              >
                {pending ? "Revealing…" : "Reveal reporter"}
              </Button>
              <p className="mt-2 text-xs text-slate-600">Revealing is recorded in this case&apos;s history.</p>
            </>
          )}
        </>
      ) : (
        <div role="status" className="text-sm">
          <p className="font-medium text-slate-900">Reporter</p>
          {revealed.kind === "member" && (
            <>
              <p className="mt-1">
                {revealed.memberId ? (
                  <Link href={`/members/${revealed.memberId}`} className="font-medium text-indigo-700 hover:underline">
                    {revealed.name}
                  </Link>
                ) : (
                  <span className="font-medium">{revealed.name}</span>
                )}
              </p>
              <ul className="mt-1 text-xs text-slate-700">
                {revealed.identities.map((i) => (
                  <li key={`${i.space}:${i.handle}`}>
                    {i.spaceLabel}: <span className="font-mono">{i.handle}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
          {revealed.kind === "contact" && (
            <>
              <p className="mt-1">{revealed.name ?? "Name not given"}</p>
              {revealed.email && <p className="text-xs text-slate-700">{revealed.email}</p>}
              <p className="text-xs text-slate-600">Outside contact</p>
            </>
          )}
          {revealed.kind === "anonymous" && <p className="mt-1">Anonymous: the reporter did not say who they are.</p>}
          <p className="mt-2 text-xs text-slate-600">Shown to you only; the reveal was recorded.</p>
        </div>
      )}
      {result && !result.ok && (
        <p role="status" className="mt-2 text-sm text-red-700">
          {result.message}
        </p>
      )}
    </div>
  );
}
