"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/server/form-action.ts";
import { createApiToken } from "@/lib/server/tokens/create-api-token.ts";
import { revokeApiToken } from "@/lib/server/tokens/revoke-api-token.ts";
import { formInput, text } from "@/lib/schemas/form-data.ts";

export const createToken = formAction("token.manage_own")
  .inputSchema(formInput(z.object({ name: text, scope: text, days: z.unknown().optional() })))
  .stateAction(async ({ parsedInput, ctx: { actor } }) => {
    const token = await createApiToken({ actor, input: parsedInput });
    revalidatePath("/settings/tokens");
    return {
      message: `Token “${token.name}” was created`,
      // Shown once (components/tokens/create-token-form.tsx's NewToken): only its hash is kept.
      data: { name: token.name, scope: token.scope, secret: token.secret, expiresAt: token.expiresAt?.toISOString() ?? null },
    };
  });

export const revokeToken = formAction("token.manage_own")
  .inputSchema(formInput(z.object({ tokenId: text })))
  .stateAction(async ({ parsedInput, ctx: { actor } }) => {
    const token = await revokeApiToken({ actor, input: parsedInput });
    revalidatePath("/settings/tokens");
    return `Token “${token.name}” was revoked: it no longer works`;
  });
