import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { authOptions } from "./auth-options.ts";
import { AppError } from "./errors.ts";
import { assertCan, type Permission } from "./permissions.ts";
import { resolveSession, type SessionUser } from "./sessions/resolve-session.ts";

export type CurrentUser = SessionUser;

/**
 * The signed-in moderator for this request: the session JWT names a server-side session
 * (lib/server/sessions/resolve-session.ts), re-read with its user in one query, so that a
 * sign-out elsewhere, an ended or expired session, a role change or a deactivation takes effect
 * on the very next request. Null when signed out.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await getServerSession(authOptions);
  return resolveSession((session ?? {}) as { uid?: unknown; sid?: unknown });
});

/** For pages: the current user with the permission, or a redirect to sign-in / an error. */
export async function requireUser(permission?: Permission): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  if (permission) assertCan(user, permission);
  return user;
}

/** For server actions and route handlers: throws AppError instead of redirecting. */
export async function requireActor(permission?: Permission): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("unauthenticated", "Your session has ended: sign in again");
  if (permission) assertCan(user, permission);
  return user;
}
