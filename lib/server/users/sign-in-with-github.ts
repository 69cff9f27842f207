import "server-only";
import { recordAudit } from "../audit.ts";
import { getDb } from "../db.ts";

/**
 * GitHub sign-in only admits existing, active team members: linked before, or matched by email.
 * The GitHub login is kept on the account link, so the Team page can suggest the member record
 * that holds it (an admin confirms; nothing is linked automatically). Returns the user id, or
 * null when refused (audited either way).
 */
export async function signInWithGithub(input: {
  providerAccountId: string;
  email: string | null | undefined;
  login: string | null | undefined;
}): Promise<string | null> {
  const { providerAccountId, email } = input;
  const login = typeof input.login === "string" && input.login.trim() ? input.login.trim().slice(0, 100) : null;
  const db = await getDb();
  const linked = await db.authAccount.findUnique({
    where: { provider_providerAccountId: { provider: "github", providerAccountId } },
    select: { user: { select: { id: true, active: true, name: true } } },
  });
  let user = linked?.user ?? null;
  if (!user && email) {
    user = await db.user.findUnique({ where: { email: email.toLowerCase() }, select: { id: true, active: true, name: true } });
  }
  if (!user || !user.active) {
    await db.$transaction((tx) =>
      recordAudit(tx, {
        actor: { type: "system", label: "sign-in" },
        action: "auth.sign_in_failed",
        ...(user ? { entityType: "user", entityId: user.id } : {}),
        metadata: { method: "github", reason: user ? "deactivated" : "not_a_moderator" },
      }),
    );
    return null;
  }
  const userId = user.id;
  const label = user.name;
  await db.$transaction(async (tx) => {
    if (!linked) await tx.authAccount.create({ data: { provider: "github", providerAccountId, userId, login } });
    else await tx.authAccount.update({ where: { provider_providerAccountId: { provider: "github", providerAccountId } }, data: { login } });
    await tx.user.update({ where: { id: userId }, data: { lastSignInAt: new Date() } });
    await recordAudit(tx, {
      actor: { type: "user", userId, label },
      action: "auth.signed_in",
      entityType: "user",
      entityId: userId,
      metadata: { method: "github", linked: !linked },
    });
  });
  return userId;
}
