"use client";

import { useId, useMemo, type FormHTMLAttributes, type ReactNode } from "react";
import { ErrorSummary } from "./error-summary.tsx";
import { FormContext } from "./form-context.ts";
import { errorsOf, type FormState } from "./form-state.ts";

type Props = Omit<FormHTMLAttributes<HTMLFormElement>, "action"> & {
  state: FormState<unknown>;
  /** The form action from useFormAction; a form that submits by hand (onSubmit) leaves it out. */
  action?: (form: FormData) => void;
  children: ReactNode;
  /** Where the summary sits: at the top of the form (the default), or nowhere (a one-button form shows its message itself). */
  summary?: boolean;
};

/**
 * Every form of the app: a <form> whose fields take their ids and errors from the last refusal
 * by name (components/ui/field.tsx and friends), with the error summary at the top. After a
 * refused submission the summary takes focus and links to each field it names.
 */
export function ActionForm({ state, action, children, summary = true, ...props }: Props) {
  const prefix = useId();
  const errors = errorsOf(state);
  const value = useMemo(
    () => ({ errors, idFor: (name: string) => `${prefix}-${name.replace(/[^A-Za-z0-9_-]/g, "_")}` }),
    // errors changes with each submission (state.n)
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [prefix, state?.n],
  );
  return (
    <form action={action} {...props}>
      <FormContext.Provider value={value}>
        {summary && <ErrorSummary state={state} idFor={value.idFor} />}
        {children}
      </FormContext.Provider>
    </form>
  );
}
