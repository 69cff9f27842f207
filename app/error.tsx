"use client";

import Link from "next/link";
import { Button } from "@/components/ui/button.tsx";
import { REFUSAL_MESSAGES } from "@/lib/http/request-guard.ts";

// Shown when a page fails: a clear message and a way on, never a stack trace.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto flex min-h-[60vh] max-w-lg flex-col items-center justify-center px-4 text-center">
      <h1 className="text-2xl font-semibold tracking-tight">Something went wrong</h1>
      {/* A refusal the proxy answered (a form over 1 MB, a request from another site) says what happened. */}
      {REFUSAL_MESSAGES.includes(error.message) ? (
        <p className="mt-2 text-sm text-slate-600">{error.message}</p>
      ) : (
        <p className="mt-2 text-sm text-slate-600">
          The page could not be shown. Nothing you submitted was changed unless you saw it saved. Try again; if it keeps failing, tell an
          admin{error.digest ? ` and quote reference ${error.digest}` : ""}.
        </p>
      )}
      <div className="mt-6 flex gap-3">
        <Button onClick={reset}>Try again</Button>
        <Link
          href="/"
          className="inline-flex items-center rounded-md px-3.5 py-2 text-sm font-medium text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
        >
          Go to the dashboard
        </Link>
      </div>
    </main>
  );
}
