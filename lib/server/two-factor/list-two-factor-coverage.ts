import "server-only";
import { getDb } from "../db.ts";
import { assertCan, type Actor } from "../permissions.ts";
import { isTwoFactorRequired } from "./two-factor-required.ts";

/** For admins: whether two-factor sign-in is required, and which active team members have not set it up. */
export async function getTwoFactorCoverage({ actor }: { actor: Actor }) {
  assertCan(actor, "security.manage");
  const db = await getDb();
  const [required, active, without] = await Promise.all([
    isTwoFactorRequired(),
    db.user.count({ where: { active: true } }),
    db.user.findMany({
      where: { active: true, totpEnabledAt: null },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
      take: 200,
    }),
  ]);
  return { required, active, without };
}
