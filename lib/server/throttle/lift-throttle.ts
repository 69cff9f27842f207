import "server-only";
import { z } from "zod";
import { auditActorOf, recordAudit } from "../audit.ts";
import { getDb } from "../db.ts";
import { AppError } from "../errors.ts";
import { assertCan, type Actor } from "../permissions.ts";
import { parseInput } from "../zod-errors.ts";
import { addressKey, clearKey } from "./sign-in-throttle.ts";

const ZLiftThrottle = z.object({ entryId: z.uuid({ message: "Choose a throttle to lift" }) }).strict();

/**
 * An admin lifts a sign-in throttle (an account's or an address's), named by its row in
 * the security log: its failures, waits and strikes are forgotten on every instance, and
 * the lifting is audited (by account id, or by address).
 */
export async function liftThrottle({ actor, input }: { actor: Actor; input: unknown }) {
  assertCan(actor, "security.manage");
  const { entryId } = parseInput(ZLiftThrottle, input);
  const db = await getDb();
  const entry = await db.securityLogEntry.findUnique({ where: { id: entryId } });
  if (!entry || entry.kind !== "throttled" || (entry.scope !== "account" && entry.scope !== "address")) {
    throw new AppError("not_found", "This throttle does not exist");
  }
  const same =
    entry.scope === "account" ? { scope: "account", identifierHash: entry.identifierHash } : { scope: "address", address: entry.address };
  const key = entry.scope === "account" ? `acct:${entry.identifierHash}` : addressKey(entry.address ?? undefined).key;
  await clearKey(key);
  const user = entry.userId ? await db.user.findUnique({ where: { id: entry.userId }, select: { id: true, name: true } }) : null;
  await db.$transaction(async (tx) => {
    await tx.securityLogEntry.updateMany({ where: { kind: "throttled", liftedAt: null, ...same }, data: { liftedAt: new Date() } });
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "auth.throttle_lifted",
      entityType: user ? "user" : undefined,
      entityId: user?.id,
      metadata: entry.scope === "account" ? { scope: "account" } : { scope: "address", address: entry.address },
    });
  });
  return { scope: entry.scope as "account" | "address", userName: user?.name ?? null, address: entry.address };
}
