"use server";

import { revalidatePath } from "next/cache";
import { isForm, NOT_A_FORM, runAction, type ActionResult } from "@/lib/server/action-result.ts";
import { requireActor } from "@/lib/server/auth.ts";
import { createUser } from "@/lib/server/users/create-user.ts";
import { linkUserMember } from "@/lib/server/users/link-user-member.ts";
import { updateUser } from "@/lib/server/users/update-user.ts";

export async function addTeamMember(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  if (!isForm(form)) return NOT_A_FORM;
  return runAction(async () => {
    const actor = await requireActor("user.manage");
    const user = await createUser({
      actor,
      input: {
        email: form.get("email"),
        name: form.get("name"),
        role: form.get("role"),
        password: form.get("password") || undefined,
        member: String(form.get("memberHandle") ?? "").trim()
          ? { space: form.get("memberSpace"), handle: form.get("memberHandle") }
          : undefined,
      },
    });
    revalidatePath("/team");
    return `${user.name} was added as ${user.role}${user.member ? `, linked to ${user.memberCreated ? "a new member record, " : ""}${user.member.displayName}` : ""}`;
  }, form);
}

export async function changeRole(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  if (!isForm(form)) return NOT_A_FORM;
  return runAction(async () => {
    const actor = await requireActor("user.manage");
    const user = await updateUser({ actor, input: { userId: form.get("userId"), role: form.get("role") } });
    revalidatePath("/team");
    return `${user.name} is now ${user.role}`;
  });
}

export async function setActive(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  if (!isForm(form)) return NOT_A_FORM;
  return runAction(async () => {
    const actor = await requireActor("user.manage");
    const user = await updateUser({ actor, input: { userId: form.get("userId"), active: form.get("active") === "true" } });
    revalidatePath("/team");
    return `${user.name} was ${user.active ? "reactivated" : "deactivated"}`;
  });
}

export async function linkMember(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  if (!isForm(form)) return NOT_A_FORM;
  return runAction(async () => {
    const actor = await requireActor("user.manage");
    const memberId = form.get("memberId");
    const result = await linkUserMember({
      actor,
      input: {
        userId: form.get("userId"),
        member: typeof memberId === "string" ? { memberId } : { space: form.get("space"), handle: form.get("handle") ?? "" },
        create: form.get("create") === "true",
      },
    });
    revalidatePath("/team");
    if (result.change === "unchanged") return `${result.userName} was already linked to ${result.member?.displayName}`;
    const unassigned = result.unassigned.length ? ` Unassigned from ${result.unassigned.join(", ")}: they are a party to it.` : "";
    return `${result.userName} is linked to ${result.created ? "a new member record, " : ""}${result.member?.displayName}.${unassigned}`;
  }, form);
}

export async function unlinkMember(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  if (!isForm(form)) return NOT_A_FORM;
  return runAction(async () => {
    const actor = await requireActor("user.manage");
    const result = await linkUserMember({ actor, input: { userId: form.get("userId"), member: null } });
    revalidatePath("/team");
    return `${result.userName} is no longer linked to a member record`;
  });
}
