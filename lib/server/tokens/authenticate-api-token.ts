import "server-only";
import type { TTokenScope } from "@/lib/schemas/api.ts";
import { getDb } from "../db.ts";
import { AppError } from "../errors.ts";
import type { Actor } from "../permissions.ts";
import { isTwoFactorRequired } from "../two-factor/two-factor-required.ts";
import { hashTokenSecret, TOKEN_PREFIX } from "./token-secret.ts";

/** lastUsedAt is written at most this often per token: a busy bot does not write on every call. */
const LAST_USED_RESOLUTION_MS = 60 * 1000;

export type ApiCaller = { actor: Actor & { token: { id: string; name: string } }; scope: TTokenScope; tokenHash: string };

/** The secret from `Authorization: Bearer <token>`, or an unauthenticated error. */
export function bearerSecret(header: string | null): string {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? "");
  if (!match) throw new AppError("unauthenticated", "Send a personal API token as Authorization: Bearer <token>");
  return match[1]!;
}

/**
 * The token's owner as the actor (with the token, for the audit trail) and its scope.
 * Checked on every request: a revoked or expired token, or a deactivated owner, stops at once.
 */
export async function authenticateApiToken(secret: string, options: { tokenHash?: string } = {}): Promise<ApiCaller> {
  const invalid = new AppError("unauthenticated", "This API token is not valid");
  if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) throw invalid;
  const tokenHash = options.tokenHash ?? hashTokenSecret(secret);
  const db = await getDb();
  const token = await db.apiToken.findUnique({
    where: { tokenHash },
    select: {
      id: true,
      name: true,
      scope: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      user: { select: { id: true, name: true, role: true, active: true, memberId: true, totpEnabledAt: true } },
    },
  });
  if (!token) throw invalid;
  const now = new Date();
  if (token.revokedAt) throw new AppError("unauthenticated", "This API token was revoked");
  if (token.expiresAt && token.expiresAt <= now) throw new AppError("unauthenticated", "This API token has expired");
  if (!token.user.active) throw new AppError("unauthenticated", "The owner of this API token was deactivated");
  // While the team requires two-factor sign-in, an owner who has not set it up may do nothing else.
  if (!token.user.totpEnabledAt && (await isTwoFactorRequired())) {
    throw new AppError("unauthenticated", "The owner of this API token must set up two-factor sign-in first: the team requires it");
  }

  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now }, select: { id: true } });
  }
  const { user } = token;
  return {
    actor: { id: user.id, name: user.name, role: user.role, memberId: user.memberId, token: { id: token.id, name: token.name } },
    scope: token.scope,
    tokenHash,
  };
}
