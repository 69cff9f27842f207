import "server-only";
import { getDb } from "../db.ts";

/** Whether an admin has required two-factor sign-in for every team member. */
export async function isTwoFactorRequired(): Promise<boolean> {
  const db = await getDb();
  const settings = await db.teamSettings.findUnique({ where: { id: 1 }, select: { requireTwoFactor: true } });
  return settings?.requireTwoFactor ?? false;
}

/** True when the team requires two-factor sign-in and this user has not set it up: they may only enrol. */
export async function mustEnrolTwoFactor(userId: string): Promise<boolean> {
  const db = await getDb();
  const [settings, user] = await Promise.all([
    db.teamSettings.findUnique({ where: { id: 1 }, select: { requireTwoFactor: true } }),
    db.user.findUnique({ where: { id: userId }, select: { totpEnabledAt: true } }),
  ]);
  return Boolean(settings?.requireTwoFactor) && !user?.totpEnabledAt;
}

export const ENROL_PATH = "/settings/two-factor";
export const ENROL_FIRST_MESSAGE = "Your team requires two-factor sign-in: set it up first (account menu → Two-factor sign-in)";
