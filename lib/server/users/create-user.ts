import "server-only";
import { ZCreateUserSchema, type TCreateUser } from "@/lib/schemas/user.ts";
import { auditActorOf, recordAudit } from "../audit.ts";
import { getDb } from "../db.ts";
import { AppError } from "../errors.ts";
import { hashPassword } from "../passwords.ts";
import { assertCan, type Actor, type SystemActor } from "../permissions.ts";
import { parseInput } from "../zod-errors.ts";
import { applyMemberLink } from "./link-user-member.ts";

export async function createUser({ actor, input }: { actor: Actor | SystemActor; input: TCreateUser | unknown }) {
  assertCan(actor, "user.manage");
  const data = parseInput(ZCreateUserSchema, input);
  const passwordHash = data.password ? await hashPassword(data.password) : null;
  const db = await getDb();
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: data.email, name: data.name, role: data.role, passwordHash },
        select: { id: true, email: true, name: true, role: true, active: true },
      });
      await recordAudit(tx, {
        actor: auditActorOf(actor),
        action: "user.created",
        entityType: "user",
        entityId: user.id,
        after: { email: user.email, name: user.name, role: user.role, active: user.active, hasPassword: !!passwordHash },
      });
      // The conflict-of-interest rules hold from the account's first request.
      const link = data.member ? await applyMemberLink(tx, actor, { userId: user.id, member: data.member, create: true }) : null;
      return { ...user, member: link?.member ?? null, memberCreated: link?.created ?? false };
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") {
      const taken = await db.user.count({ where: { email: data.email } });
      if (taken)
        throw new AppError("conflict", `A user with the email ${data.email} already exists`, { email: "This email is already in use" });
      throw new AppError("conflict", "This member record was just linked to another account: try again", {
        member: "Just linked to another account",
      });
    }
    throw error;
  }
}
