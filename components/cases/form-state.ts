"use client";

import { useActionState } from "react";

/** What a case form's server action returns (lib/server/action-result.ts, which components cannot import). */
export type FormResult =
  { ok: true; message?: string } | { ok: false; message: string; fields?: Record<string, string>; values?: Record<string, string> };
export type FormAction = (prev: FormResult | null, form: FormData) => Promise<FormResult>;

/** A result with the form data that was sent, and a count that changes on every submission. */
export type FormState = (FormResult & { n: number; sent: FormData }) | null;

/**
 * useActionState for case forms. React resets a form after its action runs, so a refused
 * form is re-rendered (keyed by `n`) from what was sent: every field, including repeated
 * ones (checkboxes, involved people), keeps what was typed.
 */
export function useCaseForm(action: FormAction) {
  return useActionState<FormState, FormData>(async (prev, sent) => ({ ...(await action(null, sent)), n: (prev?.n ?? 0) + 1, sent }), null);
}

/** The field errors of a refused submission. */
export function errorsOf(state: FormState): Record<string, string> {
  return state && !state.ok ? (state.fields ?? {}) : {};
}

/** The first error under any of the given keys or key prefixes ("evidence." matches "evidence.2"). */
export function errorFor(errors: Record<string, string>, ...keys: string[]): string | undefined {
  for (const key of keys) {
    if (key.endsWith(".")) {
      const hit = Object.keys(errors).find((k) => k.startsWith(key));
      if (hit) return errors[hit];
    } else if (errors[key]) return errors[key];
  }
  return undefined;
}

/** What was sent for a field when the submission was refused (to show it again), else undefined. */
export function sentValue(state: FormState, name: string): string | undefined {
  if (!state || state.ok) return undefined;
  const v = state.sent.get(name);
  return typeof v === "string" ? v : undefined;
}

export function sentValues(state: FormState, name: string): string[] | undefined {
  if (!state || state.ok) return undefined;
  return state.sent.getAll(name).filter((v): v is string => typeof v === "string");
}
