import "server-only";
import type { PrismaClient, Tx } from "../db.ts";
import { hashRecoveryCode } from "./recovery-codes.ts";
import { openSecret } from "./secret-box.ts";
import { matchTotp } from "./totp.ts";

export type SecondFactor = "totp" | "recovery_code";

/**
 * Checks a code from the authenticator app (6 digits) or a recovery code, and spends it:
 * the TOTP step is recorded so the same code never works twice, and a recovery code is
 * marked used, both by a conditional update, so two requests racing with one code cannot
 * both succeed. Null when the code is wrong or already spent.
 */
export async function verifySecondFactor(db: PrismaClient | Tx, userId: string, rawCode: string): Promise<SecondFactor | null> {
  const code = rawCode.replace(/\s/g, "");
  if (/^\d{6}$/.test(code)) {
    const user = await db.user.findUnique({ where: { id: userId }, select: { totpSecret: true, totpLastStep: true } });
    const secret = openSecret(user?.totpSecret, userId);
    if (!secret) return null;
    const step = await matchTotp(secret, code, user?.totpLastStep);
    if (step === null) return null;
    const spent = await db.user.updateMany({
      where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
      data: { totpLastStep: step },
    });
    return spent.count === 1 ? "totp" : null;
  }
  const codeHash = hashRecoveryCode(code);
  if (!codeHash) return null;
  const used = await db.recoveryCode.updateMany({ where: { userId, codeHash, usedAt: null }, data: { usedAt: new Date() } });
  return used.count === 1 ? "recovery_code" : null;
}
