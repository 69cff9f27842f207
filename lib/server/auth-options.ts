import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GithubProvider from "next-auth/providers/github";
import { signInWithGithub } from "./users/sign-in-with-github.ts";
import { throttledError } from "@/lib/schemas/sign-in.ts";
import { clientAddress } from "./client-address.ts";
import { SignInRefused, signInWithPassword } from "./users/sign-in-with-password.ts";

export const githubEnabled = () => Boolean(process.env.GITHUB_ID && process.env.GITHUB_SECRET);

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
        code: { label: "Code", type: "text" },
      },
      // A refusal other than "wrong email or password" reaches the form as next-auth's error
      // string (lib/schemas/sign-in.ts): a throttle's wait, or the two-factor step.
      authorize: async (credentials, req) => {
        try {
          return await signInWithPassword(credentials, { address: clientAddress(req?.headers) });
        } catch (error) {
          if (error instanceof SignInRefused)
            throw new Error(error.reason === "throttled" ? throttledError(error.minutes ?? 1) : error.reason);
          throw error;
        }
      },
    }),
    ...(githubEnabled() ? [GithubProvider({ clientId: process.env.GITHUB_ID!, clientSecret: process.env.GITHUB_SECRET! })] : []),
  ],
  callbacks: {
    async signIn({ account, profile, user }) {
      if (account?.provider !== "github") return true;
      const userId = await signInWithGithub({
        providerAccountId: account.providerAccountId,
        email: user.email ?? profile?.email,
        login: (profile as { login?: unknown } | undefined)?.login as string | undefined,
      });
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
