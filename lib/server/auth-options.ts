import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GithubProvider from "next-auth/providers/github";
import { authCookieOptions } from "@/lib/http/auth-cookies.ts";
import { currentRequestClient } from "./sessions/client-info.ts";
import { endSignedOutSession } from "./sessions/end-signed-out-session.ts";
import { readSessionLimits } from "./sessions/session-config.ts";
import { startSession } from "./sessions/start-session.ts";
import { signInWithGithub } from "./users/sign-in-with-github.ts";
import { throttledError } from "@/lib/schemas/sign-in.ts";
import { clientAddress } from "./client-address.ts";
import { SignInRefused, signInWithPassword } from "./users/sign-in-with-password.ts";

// No public URL configured: next-auth builds its redirects from the request's host (as
// lib/http/public-origin.ts does), never from its default, http://localhost:3000.
// (An empty NEXTAUTH_URL means none: next-auth cannot parse "".)
if (process.env.NEXTAUTH_URL !== undefined && !process.env.NEXTAUTH_URL.trim()) delete process.env.NEXTAUTH_URL;
if (!process.env.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST ??= "true";

export const githubEnabled = () => Boolean(process.env.GITHUB_ID && process.env.GITHUB_SECRET);

export const authOptions: NextAuthOptions = {
  // The cookie lives no longer than the longest session; the server-side session decides the rest.
  session: { strategy: "jwt", maxAge: Math.ceil(readSessionLimits().maxMs / 1000) },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  // `__Host-` cookies over HTTPS (lib/http/auth-cookies.ts; proxy.ts reads the same name).
  ...authCookieOptions(process.env.NEXTAUTH_URL),
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
      // The token only carries who signed in and which server-side session this is; the session
      // and the user's role and active flag are re-read on every request (lib/server/auth.ts).
      if (user) {
        token.uid = user.id;
        // A new sign-in: a new session row, with this request's browser and address.
        token.sid = (await startSession({ userId: user.id, client: await currentRequestClient() })).id;
      }
      return token;
    },
    async session({ session, token }) {
      return { ...session, uid: token.uid, sid: token.sid };
    },
  },
  events: {
    // Sign-out ends the session on the server too: a copied cookie no longer works.
    signOut: async ({ token }) => {
      await endSignedOutSession(token);
    },
  },
};
