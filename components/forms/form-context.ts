"use client";

import { createContext, useContext } from "react";
import { errorOfField } from "./form-state.ts";

/** What a field inside an ActionForm learns from it: its id by name, and its error from the last refusal. */
export type FormContextValue = { errors: Record<string, string>; idFor: (name: string) => string };

export const FormContext = createContext<FormContextValue | null>(null);

/**
 * The id and error of a named field in the surrounding ActionForm: the id is derived from the
 * name, so the error summary can link to it; the error is the field's own or one under its
 * sub-paths. Outside a form (or without a name) the field keeps its own id and given error.
 */
export function useFormField(name: string | undefined, ownId: string, error: string | undefined, exact = false) {
  const form = useContext(FormContext);
  if (!form || !name) return { id: ownId, error };
  return { id: form.idFor(name), error: error ?? (exact ? form.errors[name] : errorOfField(form.errors, name)) };
}

/** Whether this is inside an ActionForm (whose error summary then shows refusals). */
export function useInActionForm(): boolean {
  return useContext(FormContext) !== null;
}

/** The id the surrounding ActionForm gives a named field or group (for hand-made fieldsets), else undefined. */
export function useFieldId(name: string): string | undefined {
  return useContext(FormContext)?.idFor(name);
}
