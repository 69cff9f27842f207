import { z } from "zod";
import { AppError, isAppError } from "@/lib/server/errors.ts";
import { checkbox, text } from "@/lib/schemas/form-data.ts";

/**
 * The member form as the domain functions take it: `identities.N.space|handle|distinct` are the
 * rows in order (validated on the server, with errors keyed by the same paths); a ticked
 * `identities.N.distinct` ("This is a different person") confirms a look-alike handle.
 */
export const ZMemberForm = z.object({
  displayName: text,
  identities: z.preprocess((v) => v ?? [], z.array(z.object({ space: text, handle: text, distinct: checkbox }))),
});

/**
 * The look-alike refusal names the member a handle resembles as `identities.N.lookAlike` (an id,
 * not a message for the form): the form finds look-alikes itself (checkHandle), so only the
 * messages go back to it.
 */
export function withoutLookAlikeIds(error: unknown): unknown {
  if (!isAppError(error) || !error.fields) return error;
  const fields = Object.fromEntries(Object.entries(error.fields).filter(([key]) => !/^identities\.\d+\.lookAlike$/.test(key)));
  return new AppError(error.code, error.message, fields);
}
