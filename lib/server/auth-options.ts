import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GithubProvider from "next-auth/providers/github";
import { recordAudit } from "./audit.ts";
import { getDb } from "./db.ts";
import { signInWithPassword } from "./users/sign-in-with-password.ts";

/** GitHub sign-in only admits existing, active moderators: linked before, or matched by email. */
async function linkGithubAccount(providerAccountId: string, email: string | null | undefined): Promise<string | null> {
  const db = await getDb();
  const linked = await db.authAccount.findUnique({
    where: { provider_providerAccountId: { provider: "github", providerAccountId } },
    select: { user: { select: { id: true, active: true, name: true } } },
  });
  let user = linked?.user ?? null;
  if (!user && email) {
    user = await db.user.findUnique({ where: { email: email.toLowerCase() }, select: { id: true, active: true, name: true } });
  }
  if (!user || !user.active) {
    await db.$transaction((tx) =>
      recordAudit(tx, {
        actor: { type: "system", label: "sign-in" },
        action: "auth.sign_in_failed",
        metadata: { method: "github", email: email ?? null, reason: user ? "deactivated" : "not_a_moderator" },
      }),
    );
    return null;
  }
  const userId = user.id;
  const label = user.name;
  await db.$transaction(async (tx) => {
    if (!linked) await tx.authAccount.create({ data: { provider: "github", providerAccountId, userId } });
    await tx.user.update({ where: { id: userId }, data: { lastSignInAt: new Date() } });
    await recordAudit(tx, {
      actor: { type: "user", userId, label },
      action: "auth.signed_in",
      entityType: "user",
      entityId: userId,
      metadata: { method: "github", linked: !linked },
    });
  });
  return userId;
}

export const githubEnabled = () => Boolean(process.env.GITHUB_ID && process.env.GITHUB_SECRET);

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: (credentials) => signInWithPassword(credentials),
    }),
    ...(githubEnabled() ? [GithubProvider({ clientId: process.env.GITHUB_ID!, clientSecret: process.env.GITHUB_SECRET! })] : []),
  ],
  callbacks: {
    async signIn({ account, profile, user }) {
      if (account?.provider !== "github") return true;
      const userId = await linkGithubAccount(account.providerAccountId, user.email ?? profile?.email);
      if (!userId) return "/sign-in?error=NotAModerator";
      user.id = userId;
      return true;
    },
    async jwt({ token, user }) {
      // The token only carries who signed in; role and the active flag are re-read from
      // the database on every request (lib/server/auth.ts).
      if (user) {
        token.uid = user.id;
        // When this sign-in happened: sessions older than a deactivation are refused.
        token.signedInAt = Date.now();
      }
      return token;
    },
    async session({ session, token }) {
      return { ...session, uid: token.uid, signedInAt: token.signedInAt };
    },
  },
};
