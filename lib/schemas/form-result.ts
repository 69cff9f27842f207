/**
 * What every form's server action answers, as the form sees it: success (with the action's
 * message and any data), or a refusal with a message and per-field errors keyed by the path of
 * the field in the input schema ("subject.handle", "involved.0.handle"), which is also the
 * field's name in the form.
 */
export type FormErrors = Record<string, string>;
export type FormResult<Data = unknown> = { ok: true; message?: string; data?: Data } | { ok: false; message: string; fields?: FormErrors };

/** A refusal as the server action sends it (next-safe-action's `serverError`). */
export type FormServerError = { message: string; fields?: FormErrors };

/** What a form action's code may return: nothing, a message, or a message with data for the form. */
export type FormReply<Data = unknown> = void | string | { message?: string; data?: Data };

export const CORRECT_THE_FIELDS = "Nothing was saved: correct the marked fields";
export const NOT_A_FORM_MESSAGE = "The form could not be read: reload the page and try again";

type ValidationNode = { _errors?: string[] } & { [key: string]: unknown };

/** next-safe-action's nested validation errors ({ subject: { handle: { _errors: [...] } } }) as dotted paths. */
export function flattenValidationErrors(node: unknown, prefix = "", into: FormErrors = {}): FormErrors {
  if (!node || typeof node !== "object") return into;
  const n = node as ValidationNode;
  const first = Array.isArray(n._errors) ? n._errors.find((e) => typeof e === "string") : undefined;
  if (first !== undefined) into[prefix || "_"] ??= first;
  for (const [key, child] of Object.entries(n)) {
    if (key === "_errors") continue;
    flattenValidationErrors(child, prefix ? `${prefix}.${key}` : key, into);
  }
  return into;
}

/** Whether any error is about a named field (and not the form as a whole). */
export function namesAField(fields: FormErrors | undefined): boolean {
  return Object.keys(fields ?? {}).some((k) => k !== "_");
}

/** The result of a form's server action (next-safe-action's envelope) as one FormResult. */
export function toFormResult<Data>(
  result: { data?: unknown; serverError?: FormServerError; validationErrors?: unknown } | undefined,
): FormResult<Data> {
  if (!result) return { ok: false, message: "The server did not answer: try again" };
  if (result.serverError) return { ok: false, message: result.serverError.message, fields: result.serverError.fields };
  if (result.validationErrors) {
    const fields = flattenValidationErrors(result.validationErrors);
    const formError = fields._;
    return { ok: false, message: namesAField(fields) ? CORRECT_THE_FIELDS : (formError ?? NOT_A_FORM_MESSAGE), fields };
  }
  const reply = result.data as FormReply<Data>;
  if (typeof reply === "string") return { ok: true, message: reply };
  if (reply && typeof reply === "object") return { ok: true, message: reply.message, data: reply.data };
  return { ok: true };
}
