import "server-only";
import { z } from "zod";
import { CODE_REQUIRED_MESSAGE, WRONG_CODE_MESSAGE } from "@/lib/schemas/sign-in.ts";
import { recordAudit } from "../audit.ts";
import { getDb } from "../db.ts";
import { verifyPassword } from "../passwords.ts";
import { identifierDigest } from "../security-log/identifier-digest.ts";
import { recordSecurityEvents, type SecurityEvent } from "../security-log/record-security-event.ts";
import { clearKey, accountKey, recordFailure, signInKeys, throttledFor, throttleMessage } from "../throttle/sign-in-throttle.ts";
import { verifySecondFactor } from "../two-factor/verify-second-factor.ts";

const ZCredentials = z.object({
  email: z.string().trim().toLowerCase().max(320),
  password: z.string().max(1024),
  code: z.string().max(64).optional(),
});
// A NUL or a broken surrogate cannot be looked up (PostgreSQL text): such an email is no account.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a sign-in was refused, beyond "wrong email or password" (which is a plain null). */
export class SignInRefused extends Error {
  override name = "SignInRefused";
  constructor(
    readonly reason: "throttled" | "code_required" | "wrong_code",
    message: string,
    readonly minutes?: number,
  ) {
    super(message);
  }
}

export type SignInContext = { address?: string };

/**
 * Checks an email, password and (for an account with two-factor sign-in) a code.
 * - Throttled per account and per address (lib/server/throttle/sign-in-throttle.ts): during
 *   a wait every attempt is refused, the right password too, the same way for any email.
 * - A failure says nothing about whether the email exists, the password was wrong or the
 *   account is deactivated (null). Failures of existing accounts go to the audit trail by
 *   account id; attempts on unknown emails go to the security log as a keyed digest. The
 *   text typed is never kept anywhere.
 * - The right password of an account with TOTP asks for the code (SignInRefused
 *   "code_required"); a wrong code counts as a failure.
 */
export async function signInWithPassword(raw: unknown, context: SignInContext = {}) {
  const parsed = ZCredentials.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const code = parsed.data.code?.trim() || undefined;
  const keys = signInKeys(email, context.address);

  const waiting = await throttledFor(keys);
  if (waiting > 0) throw new SignInRefused("throttled", throttleMessage(waiting), waiting);

  const db = await getDb();
  const user = UNSTORABLE.test(email)
    ? null
    : await db.user.findUnique({
        where: { email },
        select: { id: true, name: true, email: true, active: true, passwordHash: true, totpEnabledAt: true },
      });
  const valid = await verifyPassword(user?.passwordHash, password);

  const fail = async (reason: "unknown_email" | "wrong_password" | "deactivated" | "wrong_code") => {
    const started = await recordFailure(keys);
    const identifierHash = identifierDigest(email);
    const events: SecurityEvent[] = started.map((w) => ({
      kind: "throttled",
      scope: w.scope,
      until: w.until,
      address: context.address,
      identifierHash: w.scope === "account" ? identifierHash : undefined,
      userId: w.scope === "account" ? user?.id : undefined,
      detail: { minutes: w.minutes },
    }));
    if (!user) events.unshift({ kind: "unknown_account", address: context.address, identifierHash });
    await recordSecurityEvents(events);
    if (user) {
      await db.$transaction((tx) =>
        recordAudit(tx, {
          actor: { type: "system", label: "sign-in" },
          action: "auth.sign_in_failed",
          entityType: "user",
          entityId: user.id,
          metadata: { reason, method: reason === "wrong_code" ? "password+second_factor" : "password" },
        }),
      );
    }
    const wait = Math.max(0, ...started.map((w) => w.minutes));
    if (wait > 0) throw new SignInRefused("throttled", throttleMessage(wait), wait);
  };

  if (!user || !valid || !user.active) {
    await fail(!user ? "unknown_email" : !valid ? "wrong_password" : "deactivated");
    return null;
  }

  let secondFactor: string | undefined;
  if (user.totpEnabledAt) {
    if (!code) throw new SignInRefused("code_required", CODE_REQUIRED_MESSAGE);
    const used = await verifySecondFactor(db, user.id, code);
    if (!used) {
      await fail("wrong_code");
      throw new SignInRefused("wrong_code", WRONG_CODE_MESSAGE);
    }
    secondFactor = used;
  }

  await clearKey(accountKey(email).key);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
    if (secondFactor === "recovery_code") {
      const left = await tx.recoveryCode.count({ where: { userId: user.id, usedAt: null } });
      await recordAudit(tx, {
        actor: { type: "user", userId: user.id, label: user.name },
        action: "auth.recovery_code_used",
        entityType: "user",
        entityId: user.id,
        metadata: { left },
      });
    }
    await recordAudit(tx, {
      actor: { type: "user", userId: user.id, label: user.name },
      action: "auth.signed_in",
      entityType: "user",
      entityId: user.id,
      metadata: { method: secondFactor ? `password+${secondFactor}` : "password" },
    });
  });
  return { id: user.id, name: user.name, email: user.email };
}
