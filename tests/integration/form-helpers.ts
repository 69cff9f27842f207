import { formClient } from "@/lib/server/form-action.ts";
import { toFormResult, type FormResult } from "@/lib/schemas/form-result.ts";

/**
 * A domain call as a form sees it: run through the forms' own action client (next-safe-action
 * with the app's error handling, lib/server/form-action.ts) and read back with toFormResult.
 * Only the session check is left out (a test has no request): the actor is passed in.
 */
export async function asForm(fn: () => Promise<string | void>): Promise<FormResult> {
  const action = formClient.action(async () => fn());
  return toFormResult(await action());
}
