"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/server/action-result.ts";
import { requireActor } from "@/lib/server/auth.ts";
import { createUser } from "@/lib/server/users/create-user.ts";
import { updateUser } from "@/lib/server/users/update-user.ts";

export async function addTeamMember(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const actor = await requireActor("user.manage");
    const user = await createUser({
      actor,
      input: { email: form.get("email"), name: form.get("name"), role: form.get("role"), password: form.get("password") || undefined },
    });
    revalidatePath("/team");
    return `${user.name} was added as ${user.role}`;
  }, form);
}

export async function changeRole(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const actor = await requireActor("user.manage");
    const user = await updateUser({ actor, input: { userId: form.get("userId"), role: form.get("role") } });
    revalidatePath("/team");
    return `${user.name} is now ${user.role}`;
  });
}

export async function setActive(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const actor = await requireActor("user.manage");
    const user = await updateUser({ actor, input: { userId: form.get("userId"), active: form.get("active") === "true" } });
    revalidatePath("/team");
    return `${user.name} was ${user.active ? "reactivated" : "deactivated"}`;
  });
}
