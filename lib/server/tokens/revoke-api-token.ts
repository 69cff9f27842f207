import "server-only";
import { ZRevokeApiTokenSchema } from "@/lib/schemas/api.ts";
import { auditActorOf, recordAudit } from "../audit.ts";
import { getDb } from "../db.ts";
import { AppError } from "../errors.ts";
import { assertCan, type Actor } from "../permissions.ts";
import { parseInput } from "../zod-errors.ts";

/** Revokes one of the actor's own tokens: it stops working at once. Revoking twice changes nothing. */
export async function revokeApiToken({ actor, input }: { actor: Actor; input: unknown }) {
  assertCan(actor, "token.manage_own");
  const { tokenId } = parseInput(ZRevokeApiTokenSchema, input);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({
      where: { id: tokenId, userId: actor.id },
      select: { id: true, name: true, prefix: true, revokedAt: true },
    });
    if (!token) throw new AppError("not_found", "This token does not exist");
    if (token.revokedAt) return { id: token.id, name: token.name, revokedAt: token.revokedAt };
    const revokedAt = new Date();
    const { count } = await tx.apiToken.updateMany({ where: { id: token.id, revokedAt: null }, data: { revokedAt } });
    if (count !== 1) throw new AppError("conflict", "This token was changed meanwhile: reload the page");
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "api_token.revoked",
      entityType: "api_token",
      entityId: token.id,
      before: { revokedAt: null },
      after: { name: token.name, prefix: token.prefix, revokedAt },
    });
    return { id: token.id, name: token.name, revokedAt };
  });
}
