import "server-only";
import { getDb } from "../db.ts";
import { assertCan, type Actor } from "../permissions.ts";

/** Who a case can be assigned to: active admins and moderators. */
export async function listAssignableUsers({ actor }: { actor: Actor }) {
  assertCan(actor, "case.view");
  const db = await getDb();
  return db.user.findMany({
    where: { active: true, role: { in: ["admin", "moderator"] } },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}
