import "server-only";
import { getDb } from "../db.ts";
import { AppError } from "../errors.ts";
import type { Actor } from "../permissions.ts";
import { openSecret } from "./secret-box.ts";
import { groupedSecret, qrSvg, totpUri } from "./totp.ts";
import { isTwoFactorRequired } from "./two-factor-required.ts";

export type TwoFactorStatus = {
  enabled: boolean;
  enabledAt: Date | null;
  recoveryCodesLeft: number;
  required: boolean;
  hasPassword: boolean;
  /** An enrolment started and not yet confirmed: what to scan or type into the app. */
  pending: { secret: string; groupedSecret: string; uri: string; qrSvg: string } | null;
};

/** The signed-in user's own two-factor sign-in, for its settings page. */
export async function getTwoFactorStatus({ actor }: { actor: Actor & { email: string } }): Promise<TwoFactorStatus> {
  if (actor.token) throw new AppError("forbidden", "Two-factor sign-in is managed from its settings page, not with an API token");
  const db = await getDb();
  const user = await db.user.findUnique({
    where: { id: actor.id },
    select: {
      totpEnabledAt: true,
      totpPendingSecret: true,
      passwordHash: true,
      _count: { select: { recoveryCodes: { where: { usedAt: null } } } },
    },
  });
  if (!user) throw new AppError("not_found", "This account does not exist");
  const secret = user.totpEnabledAt ? null : openSecret(user.totpPendingSecret, actor.id);
  const uri = secret ? totpUri(secret, actor.email) : null;
  return {
    enabled: Boolean(user.totpEnabledAt),
    enabledAt: user.totpEnabledAt,
    recoveryCodesLeft: user.totpEnabledAt ? user._count.recoveryCodes : 0,
    required: await isTwoFactorRequired(),
    hasPassword: Boolean(user.passwordHash),
    pending: secret && uri ? { secret, groupedSecret: groupedSecret(secret), uri, qrSvg: await qrSvg(uri) } : null,
  };
}
