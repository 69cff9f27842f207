import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { authOptions } from "./auth-options.ts";
import { getDb } from "./db.ts";
import { AppError } from "./errors.ts";
import { assertCan, type Actor, type Permission } from "./permissions.ts";
import { ENROL_FIRST_MESSAGE, ENROL_PATH, mustEnrolTwoFactor } from "./two-factor/two-factor-required.ts";

export type CurrentUser = Actor & { email: string };

/**
 * The signed-in moderator for this request, re-read from the database so that a role
 * change or deactivation takes effect on the very next request. Null when signed out
 * or deactivated. Also one who must still set up two-factor sign-in (getCurrentUser
 * refuses them).
 */
export const getSessionUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await getServerSession(authOptions);
  const { uid, signedInAt } = (session ?? {}) as { uid?: unknown; signedInAt?: unknown };
  if (typeof uid !== "string") return null;
  const db = await getDb();
  const user = await db.user.findUnique({
    where: { id: uid },
    select: { id: true, name: true, email: true, role: true, active: true, memberId: true, sessionsRevokedAt: true },
  });
  if (!user || !user.active) return null;
  // A deactivation ends every session signed in before it, even after a reactivation.
  if (user.sessionsRevokedAt && !(typeof signedInAt === "number" && signedInAt > user.sessionsRevokedAt.getTime())) return null;
  return { id: user.id, name: user.name, email: user.email, role: user.role, memberId: user.memberId };
});

/**
 * The signed-in user, unless the team requires two-factor sign-in and they have not set it
 * up: until they do, they are nobody to every page, action and route but its settings page.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const user = await getSessionUser();
  return user && !(await mustEnrolTwoFactor(user.id)) ? user : null;
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
