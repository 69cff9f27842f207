import "server-only";
import type { TTokenScope } from "@/lib/schemas/api.ts";
import { getDb } from "../db.ts";
import { assertCan, type Actor } from "../permissions.ts";

export type ApiTokenStatus = "active" | "expired" | "revoked";

export type ApiTokenRow = {
  id: string;
  name: string;
  scope: TTokenScope;
  prefix: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  status: ApiTokenStatus;
};

export function tokenStatus(token: { expiresAt: Date | null; revokedAt: Date | null }, now = new Date()): ApiTokenStatus {
  if (token.revokedAt) return "revoked";
  if (token.expiresAt && token.expiresAt <= now) return "expired";
  return "active";
}

/** The actor's own tokens, newest first (revoked ones stay listed: nothing is deleted). */
export async function listApiTokens({ actor }: { actor: Actor }): Promise<ApiTokenRow[]> {
  assertCan(actor, "token.manage_own");
  const db = await getDb();
  const rows = await db.apiToken.findMany({
    where: { userId: actor.id },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: { id: true, name: true, scope: true, prefix: true, createdAt: true, expiresAt: true, lastUsedAt: true, revokedAt: true },
  });
  const now = new Date();
  return rows.map((r) => ({ ...r, status: tokenStatus(r, now) }));
}
