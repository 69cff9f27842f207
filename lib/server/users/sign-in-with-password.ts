import "server-only";
import { z } from "zod";
import { recordAudit } from "../audit.ts";
import { getDb } from "../db.ts";
import { verifyPassword } from "../passwords.ts";

const ZCredentials = z.object({ email: z.string().trim().toLowerCase().max(320), password: z.string().max(1024) });

/**
 * Checks an email and password. Every attempt is audited; a failure says nothing about
 * whether the email exists, the password was wrong or the account is deactivated.
 */
export async function signInWithPassword(raw: unknown) {
  const parsed = ZCredentials.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const db = await getDb();
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, name: true, email: true, role: true, active: true, passwordHash: true },
  });
  const valid = await verifyPassword(user?.passwordHash, password);
  if (!user || !valid || !user.active) {
    await db.$transaction((tx) =>
      recordAudit(tx, {
        actor: { type: "system", label: "sign-in" },
        action: "auth.sign_in_failed",
        entityType: user ? "user" : undefined,
        entityId: user?.id,
        metadata: { email, reason: !user ? "unknown_email" : !valid ? "wrong_password" : "deactivated", method: "password" },
      }),
    );
    return null;
  }
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
    await recordAudit(tx, {
      actor: { type: "user", userId: user.id, label: user.name },
      action: "auth.signed_in",
      entityType: "user",
      entityId: user.id,
      metadata: { method: "password" },
    });
  });
  return { id: user.id, name: user.name, email: user.email };
}
