/** What a form's server action returns: success, or a safe message with per-field errors and the values typed. */
export type ActionResult =
  { ok: true; message?: string } | { ok: false; message: string; fields?: Record<string, string>; values?: Record<string, string> };
