import "server-only";
import { createSafeActionClient } from "next-safe-action";
import { CORRECT_THE_FIELDS, namesAField, type FormServerError } from "@/lib/schemas/form-result.ts";
import { requireActor } from "./auth.ts";
import { isAppError } from "./errors.ts";
import type { Permission } from "./permissions.ts";
import { isUniqueViolation, raceConflict } from "./unique-violation.ts";

/**
 * The one path of every form's server action (next-safe-action):
 *
 *   formAction("decision.create")            // the session and the role check
 *     .inputSchema(formInput(ZDecisionForm)) // a form, read by field name and shaped by zod
 *     .stateAction(async ({ parsedInput, ctx: { actor } }) => { …; return "Decision recorded" });
 *
 * A refusal the domain names (an AppError, with its per-field errors) or a unique-constraint race
 * it did not name becomes the form's `serverError`; the field errors of the input schema become
 * `validationErrors`. Anything else is a real fault and is thrown on, to the error page.
 * `toFormResult` (lib/schemas/form-result.ts) turns the answer into the form's FormResult.
 */
export const formClient = createSafeActionClient({
  handleServerError(thrown): FormServerError {
    const error = isUniqueViolation(thrown) ? raceConflict() : thrown;
    if (isAppError(error)) {
      // Field messages show beside their fields and in the form's error summary.
      return { message: namesAField(error.fields) ? CORRECT_THE_FIELDS : error.message, fields: error.fields };
    }
    throw thrown;
  },
});

type Options = {
  allowEnrolment?: boolean;
  /** Runs after the action whatever its outcome (e.g. revalidatePath), so a refused edit shows the record as it is now. */
  refresh?: () => void;
};

/** An action for a signed-in team member holding `permission` (any signed-in member when omitted). */
export function formAction(permission?: Permission, { refresh, ...auth }: Options = {}) {
  return formClient.use(async ({ next }) => {
    try {
      return await next({ ctx: { actor: await requireActor(permission, auth) } });
    } finally {
      refresh?.();
    }
  });
}
