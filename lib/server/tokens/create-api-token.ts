import "server-only";
import { ZCreateApiTokenSchema, type TTokenScope } from "@/lib/schemas/api.ts";
import { auditActorOf, recordAudit } from "../audit.ts";
import { getDb } from "../db.ts";
import { AppError } from "../errors.ts";
import { assertCan, can, type Actor, type SystemActor } from "../permissions.ts";
import { parseInput } from "../zod-errors.ts";
import { newTokenSecret } from "./token-secret.ts";
import { DAY } from "@/lib/policy/durations.ts";

export const VIEWER_WRITE_MESSAGE = "Viewers can create read tokens only: a viewer's token can never write";

export type CreatedApiToken = {
  id: string;
  name: string;
  scope: TTokenScope;
  prefix: string;
  expiresAt: Date | null;
  /** The secret itself: shown to its owner once, stored only as a hash. */
  secret: string;
};

/**
 * Creates a personal API token. A user creates their own; a command-line tool (a system
 * actor) names the owner by email. The owner must be active, and a write token only for
 * an owner whose role may write: a token never acts above its owner.
 */
export async function createApiToken({
  actor,
  ownerEmail,
  input,
}: {
  actor: Actor | SystemActor;
  ownerEmail?: string;
  input: unknown;
}): Promise<CreatedApiToken> {
  const data = parseInput(ZCreateApiTokenSchema, input);
  const db = await getDb();
  let ownerId: string;
  if ("system" in actor) {
    if (!ownerEmail) throw new AppError("invalid", "Name the token's owner by email", { email: "Enter the owner's email" });
    const owner = await db.user.findUnique({ where: { email: ownerEmail.trim().toLowerCase() }, select: { id: true, active: true } });
    if (!owner) throw new AppError("not_found", `No team member has the email ${ownerEmail}`);
    if (!owner.active) throw new AppError("rule", `${ownerEmail} is deactivated: a deactivated member's token would never work`);
    ownerId = owner.id;
  } else {
    assertCan(actor, "token.manage_own");
    ownerId = actor.id;
  }
  const owner = await db.user.findUniqueOrThrow({ where: { id: ownerId }, select: { id: true, role: true, name: true } });
  if (data.scope === "write" && !can(owner, "case.create")) {
    throw new AppError("invalid", VIEWER_WRITE_MESSAGE, { scope: VIEWER_WRITE_MESSAGE });
  }

  const { secret, prefix, hash } = newTokenSecret();
  const expiresAt = data.days ? new Date(Date.now() + data.days * DAY) : null;
  return db.$transaction(async (tx) => {
    const token = await tx.apiToken.create({
      data: { userId: owner.id, name: data.name, scope: data.scope, prefix, tokenHash: hash, expiresAt },
      select: { id: true, name: true, scope: true, prefix: true, expiresAt: true },
    });
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "api_token.created",
      entityType: "api_token",
      entityId: token.id,
      // Never the secret or its hash.
      after: { owner: { id: owner.id, name: owner.name }, name: token.name, scope: token.scope, prefix, expiresAt },
    });
    return { ...token, secret };
  });
}
