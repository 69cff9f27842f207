import "server-only";
import type { ActionResult } from "@/lib/schemas/action-result.ts";
import { isAppError } from "./errors.ts";
import { isUniqueViolation, raceConflict } from "./unique-violation.ts";

export type { ActionResult };

// Echoed back so a refused form keeps what was typed; secrets are never sent back.
function echo(form: FormData | undefined): Record<string, string> | undefined {
  if (!form) return undefined;
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value === "string" && !/password|secret|token/i.test(key) && !key.startsWith("$")) values[key] = value;
  }
  return values;
}

/**
 * Runs a domain call for a form: AppErrors become a result the form shows; so does a
 * unique-constraint race a domain function did not name itself (a conflict: reload and try
 * again). Anything else is a real fault.
 */
export async function runAction(fn: () => Promise<string | void>, form?: FormData): Promise<ActionResult> {
  try {
    const message = await fn();
    return { ok: true, message: message ?? undefined };
  } catch (thrown) {
    const error = isUniqueViolation(thrown) ? raceConflict() : thrown;
    if (isAppError(error)) {
      const fieldErrors = Object.keys(error.fields ?? {}).filter((k) => k !== "_");
      // Field messages show beside their fields; the summary only points to them.
      const message = fieldErrors.length > 0 ? "Nothing was saved: correct the marked fields" : error.message;
      return { ok: false, message, fields: error.fields, values: echo(form) };
    }
    throw error;
  }
}

/**
 * A form action's second argument is whatever the request says it is: the app's own forms
 * send FormData, a hand-made request may send a string, a number or nothing. Each form action
 * starts with `if (!isForm(form)) return NOT_A_FORM;` so such a request gets this refusal,
 * never a 500.
 */
export function isForm(value: unknown): value is FormData {
  return value instanceof FormData;
}

export const NOT_A_FORM = { ok: false, message: "The form could not be read: reload the page and try again" } as const;
