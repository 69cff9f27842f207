import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { authOptions } from "./auth-options.ts";
import { AppError } from "./errors.ts";
import { assertCan, type Permission } from "./permissions.ts";
import { resolveSession, type SessionUser } from "./sessions/resolve-session.ts";
import { ENROL_FIRST_MESSAGE, ENROL_PATH } from "./two-factor/two-factor-required.ts";

export type CurrentUser = SessionUser;

/**
 * The signed-in moderator for this request: the session JWT names a server-side session
 * (lib/server/sessions/resolve-session.ts), re-read with its user in one query, so that a
 * sign-out elsewhere, an ended or expired session, a role change or a deactivation takes effect
 * on the very next request. Null when signed out. Also one who must still set up two-factor
 * sign-in (getCurrentUser refuses them).
 */
export const getSessionUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await getServerSession(authOptions);
  return resolveSession((session ?? {}) as { uid?: unknown; sid?: unknown });
});

/**
 * The signed-in user, unless the team requires two-factor sign-in and they have not set it
 * up: until they do, they are nobody to every page, action and route but its settings page.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const user = await getSessionUser();
  return user && !user.mustEnrolTwoFactor ? user : null;
});

/** `allowEnrolment`: the two-factor settings page and its actions, open to one who must still enrol. */
type RequireOptions = { allowEnrolment?: boolean };

/** For pages: the current user with the permission, or a redirect to sign-in / two-factor enrolment / an error. */
export async function requireUser(permission?: Permission, options: RequireOptions = {}): Promise<CurrentUser> {
  const user = options.allowEnrolment ? await getSessionUser() : await getCurrentUser();
  if (!user) redirect((await getSessionUser()) ? ENROL_PATH : "/sign-in");
  if (permission) assertCan(user, permission);
  return user;
}

/** For server actions and route handlers: throws AppError instead of redirecting. */
export async function requireActor(permission?: Permission, options: RequireOptions = {}): Promise<CurrentUser> {
  const user = options.allowEnrolment ? await getSessionUser() : await getCurrentUser();
  if (!user) {
    if (await getSessionUser()) throw new AppError("forbidden", ENROL_FIRST_MESSAGE);
    throw new AppError("unauthenticated", "Your session has ended: sign in again");
  }
  if (permission) assertCan(user, permission);
  return user;
}
