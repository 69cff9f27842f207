import "server-only";
import { z } from "zod";
import { auditActorOf, recordAudit } from "../audit.ts";
import { getDb, type Tx } from "../db.ts";
import { AppError } from "../errors.ts";
import { verifyPassword } from "../passwords.ts";
import { assertCan, type Actor } from "../permissions.ts";
import { recordFailure, signInKeys, throttledFor, throttleMessage } from "../throttle/sign-in-throttle.ts";
import { parseInput } from "../zod-errors.ts";
import { hashRecoveryCode, newRecoveryCodes } from "./recovery-codes.ts";
import { openSecret, sealSecret } from "./secret-box.ts";
import { matchTotp, newTotpSecret } from "./totp.ts";
import { isTwoFactorRequired } from "./two-factor-required.ts";
import { verifySecondFactor } from "./verify-second-factor.ts";

/*
 * Turning two-factor sign-in on and off, and replacing recovery codes: each for the
 * signed-in user themselves, each audited. Proving it is you (a code or the password) is
 * throttled exactly like signing in: a stolen session cannot guess the password here.
 */
type Self = Actor & { email: string };
type Context = { address?: string };

const ZCode = z.object({ code: z.string().trim().min(1, "Enter the 6-digit code from your app").max(64) }).strict();
const ZPassword = z.object({ password: z.string().min(1, "Enter your password").max(1024) }).strict();
const ZProof = z.object({ proof: z.string().trim().min(1, "Enter your password or a code from your app").max(1024) }).strict();

function assertSelf(actor: Self) {
  if (actor.token) throw new AppError("forbidden", "Two-factor sign-in is managed from its settings page, not with an API token");
}

async function assertNotThrottled(actor: Self, context: Context) {
  const waiting = await throttledFor(signInKeys(actor.email, context.address));
  if (waiting > 0) throw new AppError("rate_limited", throttleMessage(waiting));
}

async function countFailure(actor: Self, context: Context, field: string, message: string): Promise<never> {
  const started = await recordFailure(signInKeys(actor.email, context.address));
  const wait = Math.max(0, ...started.map((w) => w.minutes));
  if (wait > 0) throw new AppError("rate_limited", throttleMessage(wait));
  throw new AppError("invalid", message, { [field]: message });
}

async function writeRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code)! })) });
  return codes;
}

/** Starts (or restarts) an enrolment: a new secret to scan, kept encrypted until confirmed. */
export async function startTwoFactorEnrolment({ actor }: { actor: Self }) {
  assertSelf(actor);
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: actor.id }, select: { totpEnabledAt: true } });
    if (!user) throw new AppError("not_found", "This account does not exist");
    if (user.totpEnabledAt) throw new AppError("rule", "Two-factor sign-in is already on");
    await tx.user.update({ where: { id: actor.id }, data: { totpPendingSecret: sealSecret(newTotpSecret(), actor.id) } });
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "auth.two_factor_enrolment_started",
      entityType: "user",
      entityId: actor.id,
    });
  });
}

/** Confirms the enrolment with a code from the app: two-factor sign-in is on; the ten recovery codes are returned once. */
export async function confirmTwoFactorEnrolment({ actor, input, context = {} }: { actor: Self; input: unknown; context?: Context }) {
  assertSelf(actor);
  const { code } = parseInput(ZCode, input);
  await assertNotThrottled(actor, context);
  const db = await getDb();
  const user = await db.user.findUnique({ where: { id: actor.id }, select: { totpEnabledAt: true, totpPendingSecret: true } });
  if (!user) throw new AppError("not_found", "This account does not exist");
  if (user.totpEnabledAt) throw new AppError("rule", "Two-factor sign-in is already on");
  const secret = openSecret(user.totpPendingSecret, actor.id);
  if (!secret) throw new AppError("rule", "Start the set-up again: no secret is waiting to be confirmed");
  const step = await matchTotp(secret, code.replace(/\s/g, ""));
  if (step === null) return countFailure(actor, context, "code", "That code does not match: enter the code your app shows now");
  return db.$transaction(async (tx) => {
    const done = await tx.user.updateMany({
      where: { id: actor.id, totpEnabledAt: null, totpPendingSecret: user.totpPendingSecret },
      data: { totpSecret: user.totpPendingSecret, totpPendingSecret: null, totpEnabledAt: new Date(), totpLastStep: step },
    });
    if (done.count !== 1) throw new AppError("conflict", "The set-up changed in another window: reload the page");
    const recoveryCodes = await writeRecoveryCodes(tx, actor.id);
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "auth.two_factor_enabled",
      entityType: "user",
      entityId: actor.id,
      before: { twoFactor: false },
      after: { twoFactor: true },
    });
    return { recoveryCodes };
  });
}

/** Turns two-factor sign-in off; needs the password (a code, for an account that has none). */
export async function disableTwoFactor({ actor, input, context = {} }: { actor: Self; input: unknown; context?: Context }) {
  assertSelf(actor);
  const db = await getDb();
  const user = await db.user.findUnique({ where: { id: actor.id }, select: { totpEnabledAt: true, passwordHash: true } });
  if (!user) throw new AppError("not_found", "This account does not exist");
  if (!user.totpEnabledAt) throw new AppError("rule", "Two-factor sign-in is already off");
  if (await isTwoFactorRequired()) throw new AppError("rule", "Your team requires two-factor sign-in: it cannot be turned off");
  if (user.passwordHash) {
    const { password } = parseInput(ZPassword, input);
    await assertNotThrottled(actor, context);
    if (!(await verifyPassword(user.passwordHash, password))) return countFailure(actor, context, "password", "That password is not right");
  } else {
    const { code } = parseInput(ZCode, input);
    await assertNotThrottled(actor, context);
    if (!(await verifySecondFactor(db, actor.id, code))) return countFailure(actor, context, "code", "That code is not valid");
  }
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: actor.id },
      data: { totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null },
    });
    await tx.recoveryCode.deleteMany({ where: { userId: actor.id } });
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "auth.two_factor_disabled",
      entityType: "user",
      entityId: actor.id,
      before: { twoFactor: true },
      after: { twoFactor: false },
    });
  });
}

/** Replaces the recovery codes (the old ones stop working); needs a code from the app or the password. */
export async function regenerateRecoveryCodes({ actor, input, context = {} }: { actor: Self; input: unknown; context?: Context }) {
  assertSelf(actor);
  const { proof } = parseInput(ZProof, input);
  await assertNotThrottled(actor, context);
  const db = await getDb();
  const user = await db.user.findUnique({ where: { id: actor.id }, select: { totpEnabledAt: true, passwordHash: true } });
  if (!user) throw new AppError("not_found", "This account does not exist");
  if (!user.totpEnabledAt) throw new AppError("rule", "Turn two-factor sign-in on first");
  const compact = proof.replace(/\s/g, "");
  const proven = /^\d{6}$/.test(compact)
    ? (await verifySecondFactor(db, actor.id, compact)) === "totp"
    : await verifyPassword(user.passwordHash, proof);
  if (!proven) return countFailure(actor, context, "proof", "That is neither your password nor the current code from your app");
  return db.$transaction(async (tx) => {
    const recoveryCodes = await writeRecoveryCodes(tx, actor.id);
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "auth.recovery_codes_regenerated",
      entityType: "user",
      entityId: actor.id,
    });
    return { recoveryCodes };
  });
}

const ZRequirement = z.object({ required: z.boolean({ message: "Choose whether two-factor sign-in is required" }) }).strict();

/** An admin requires (or stops requiring) two-factor sign-in for every team member. */
export async function setTwoFactorRequirement({ actor, input }: { actor: Actor; input: unknown }) {
  assertCan(actor, "security.manage");
  const { required } = parseInput(ZRequirement, input);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const before = (await tx.teamSettings.findUnique({ where: { id: 1 }, select: { requireTwoFactor: true } }))?.requireTwoFactor ?? false;
    if (before === required) return { required, changed: false };
    await tx.teamSettings.upsert({
      where: { id: 1 },
      create: { id: 1, requireTwoFactor: required },
      update: { requireTwoFactor: required },
    });
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "team.two_factor_requirement_changed",
      entityType: "team",
      before: { requireTwoFactor: before },
      after: { requireTwoFactor: required },
    });
    return { required, changed: true };
  });
}
