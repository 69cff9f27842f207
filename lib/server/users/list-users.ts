import "server-only";
import type { TSpace } from "@/lib/schemas/vocabulary.ts";
import { getDb } from "../db.ts";
import { assertCan, type Actor } from "../permissions.ts";

export type TeamUser = {
  id: string;
  name: string;
  email: string;
  role: "admin" | "moderator" | "viewer";
  active: boolean;
  lastSignInAt: Date | null;
  createdAt: Date;
  /** The member record the account is linked to, for the conflict-of-interest rules. */
  member: { id: string; displayName: string; identities: { space: TSpace; handle: string }[]; listed: boolean } | null;
  /** A member record whose GitHub identity matches the GitHub login this account signed in with: for an admin to confirm. */
  suggestion: { memberId: string; displayName: string; login: string } | null;
};

/**
 * The team, with each account's member link and, for an unlinked account that signed in with
 * GitHub, the member record whose GitHub handle matches its login (never a record that exists
 * only as a confidential reporter: suggesting it would tell who reported).
 */
export async function listUsers({ actor }: { actor: Actor }): Promise<TeamUser[]> {
  assertCan(actor, "user.manage");
  const db = await getDb();
  const users = await db.user.findMany({
    orderBy: [{ active: "desc" }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      active: true,
      lastSignInAt: true,
      createdAt: true,
      member: {
        select: {
          id: true,
          displayName: true,
          reporterOnly: true,
          identities: {
            where: { retiredAt: null },
            orderBy: [{ space: "asc" }, { createdAt: "asc" }],
            select: { space: true, handle: true },
          },
        },
      },
      accounts: { where: { provider: "github", login: { not: null } }, select: { login: true } },
    },
  });
  const logins = [...new Set(users.filter((u) => !u.member).flatMap((u) => u.accounts.map((a) => a.login!.toLowerCase())))];
  const matches = logins.length
    ? await db.memberIdentity.findMany({
        where: { space: "github", handleNormalized: { in: logins }, member: { mergedIntoId: null, reporterOnly: false, user: null } },
        select: { handleNormalized: true, member: { select: { id: true, displayName: true } } },
      })
    : [];
  const byLogin = new Map(matches.map((m) => [m.handleNormalized, m.member]));
  return users.map(({ accounts, member, ...u }) => {
    const login = member ? undefined : accounts.map((a) => a.login!).find((l) => byLogin.has(l.toLowerCase()));
    const match = login ? byLogin.get(login.toLowerCase())! : null;
    return {
      ...u,
      member: member
        ? { id: member.id, displayName: member.displayName, identities: member.identities, listed: !member.reporterOnly }
        : null,
      suggestion: match && login ? { memberId: match.id, displayName: match.displayName, login } : null,
    };
  });
}
