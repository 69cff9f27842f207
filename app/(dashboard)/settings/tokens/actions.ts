"use server";

import { revalidatePath } from "next/cache";
import type { CreateTokenResult } from "@/lib/schemas/api.ts";
import { isForm, NOT_A_FORM, runAction, type ActionResult } from "@/lib/server/action-result.ts";
import { requireActor } from "@/lib/server/auth.ts";
import { isAppError } from "@/lib/server/errors.ts";
import { createApiToken } from "@/lib/server/tokens/create-api-token.ts";
import { revokeApiToken } from "@/lib/server/tokens/revoke-api-token.ts";

export async function createToken(_prev: CreateTokenResult | null, form: FormData): Promise<CreateTokenResult> {
  if (!isForm(form)) return NOT_A_FORM;
  try {
    const actor = await requireActor("token.manage_own");
    const token = await createApiToken({
      actor,
      input: { name: form.get("name"), scope: form.get("scope"), days: form.get("days") ?? undefined },
    });
    revalidatePath("/settings/tokens");
    return {
      ok: true,
      message: `Token “${token.name}” was created`,
      token: { name: token.name, scope: token.scope, secret: token.secret, expiresAt: token.expiresAt?.toISOString() ?? null },
    };
  } catch (error) {
    if (!isAppError(error)) throw error;
    const values = { name: String(form.get("name") ?? ""), scope: String(form.get("scope") ?? ""), days: String(form.get("days") ?? "") };
    const fields = Object.keys(error.fields ?? {}).filter((k) => k !== "_");
    return {
      ok: false,
      message: fields.length ? "Nothing was saved: correct the marked fields" : error.message,
      fields: error.fields,
      values,
    };
  }
}

export async function revokeToken(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  if (!isForm(form)) return NOT_A_FORM;
  return runAction(async () => {
    const actor = await requireActor("token.manage_own");
    const token = await revokeApiToken({ actor, input: { tokenId: form.get("tokenId") } });
    revalidatePath("/settings/tokens");
    return `Token “${token.name}” was revoked: it no longer works`;
  });
}
