"use client";

import { useActionState } from "react";
import { formDataObject } from "@/lib/schemas/form-data.ts";
import { toFormResult, type FormResult, type FormServerError } from "@/lib/schemas/form-result.ts";

/** What a form's server action (lib/server/form-action.ts) answers: next-safe-action's envelope. */
export type SafeFormAnswer = { data?: unknown; serverError?: FormServerError; validationErrors?: unknown } | undefined;
// The first argument is next-safe-action's previous result, which these forms do not use.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type FormAction = (prev: any, form: FormData) => Promise<SafeFormAnswer>;

/** A result with the form data that was sent, and a count that changes on every submission. */
export type FormState<Data = unknown> = (FormResult<Data> & { n: number; sent: FormData }) | null;

/**
 * useActionState for every form. React resets a form after its action runs, so a refused form is
 * re-rendered (keyed by `n`) from what was sent: every field, including repeated ones
 * (checkboxes, involved people), keeps what was typed. Nothing typed goes to the server and back.
 */
export function useFormAction<Data = unknown>(action: FormAction) {
  return useActionState<FormState<Data>, FormData>(
    async (prev, sent) => ({ ...toFormResult<Data>(await action(undefined, sent)), n: (prev?.n ?? 0) + 1, sent }),
    null,
  );
}

/** The field errors of a refused submission. */
export function errorsOf(state: FormState<unknown>): Record<string, string> {
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

/** The error of a field by its name: its own, or the first under its sub-paths ("evidence" shows "evidence.2"). */
export function errorOfField(errors: Record<string, string>, name: string): string | undefined {
  return errorFor(errors, name, `${name}.`);
}

/** What was sent for a field when the submission was refused (to show it again), else undefined. */
export function sentValue(state: FormState<unknown>, name: string): string | undefined {
  if (!state || state.ok) return undefined;
  const v = state.sent.get(name);
  return typeof v === "string" ? v : undefined;
}

export function sentValues(state: FormState<unknown>, name: string): string[] | undefined {
  if (!state || state.ok) return undefined;
  return state.sent.getAll(name).filter((v): v is string => typeof v === "string");
}

/** Rows of people sent as `${name}.0.space` / `${name}.0.handle` …, in order, blank handles left out. */
export function sentRows(state: FormState<unknown>, name: string): { space: string; handle: string }[] {
  if (!state || state.ok) return [];
  return rowsSent(state.sent, name);
}

/** The same rows, read from any submitted form (by the server's own form reader, lib/schemas/form-data.ts). */
export function rowsSent(sent: FormData, name: string): { space: string; handle: string }[] {
  const rows = formDataObject(sent)[name];
  return (Array.isArray(rows) ? rows : [])
    .filter((r): r is Record<string, unknown> => !!r && typeof r === "object")
    .map((r) => ({ space: typeof r.space === "string" ? r.space : "github", handle: typeof r.handle === "string" ? r.handle : "" }))
    .filter((r) => r.handle.trim() !== "");
}
