import "server-only";
import { getDb } from "../db.ts";
import { assertCan, type Actor } from "../permissions.ts";

export async function listUsers({ actor }: { actor: Actor }) {
  assertCan(actor, "user.manage");
  const db = await getDb();
  return db.user.findMany({
    orderBy: [{ active: "desc" }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      active: true,
      lastSignInAt: true,
      createdAt: true,
      member: { select: { displayName: true } },
    },
  });
}
