"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/server/form-action.ts";
import { createUser } from "@/lib/server/users/create-user.ts";
import { linkUserMember } from "@/lib/server/users/link-user-member.ts";
import { updateUser } from "@/lib/server/users/update-user.ts";
import { formInput, optionalText, text } from "@/lib/schemas/form-data.ts";

/** An empty password field means no password (GitHub sign-in only); spaces are a password, and refused as one if too short. */
const password = z.preprocess((v) => (v === "" ? undefined : v), z.unknown());

/** The Add team member form: the member record only when a handle is typed. */
const ZAddTeamMemberForm = z
  .object({
    email: text,
    name: text,
    role: text,
    password,
    member: z.object({ space: text, handle: optionalText }).optional(),
  })
  .transform(({ member, ...f }) => ({ ...f, member: member?.handle ? { space: member.space, handle: member.handle } : undefined }));

export const addTeamMember = formAction("user.manage")
  .inputSchema(formInput(ZAddTeamMemberForm))
  .stateAction(async ({ parsedInput, ctx: { actor } }) => {
    const user = await createUser({ actor, input: parsedInput });
    revalidatePath("/team");
    return `${user.name} was added as ${user.role}${user.member ? `, linked to ${user.memberCreated ? "a new member record, " : ""}${user.member.displayName}` : ""}`;
  });

export const changeRole = formAction("user.manage")
  .inputSchema(formInput(z.object({ userId: text, role: text })))
  .stateAction(async ({ parsedInput, ctx: { actor } }) => {
    const user = await updateUser({ actor, input: parsedInput });
    revalidatePath("/team");
    return `${user.name} is now ${user.role}`;
  });

export const setActive = formAction("user.manage")
  .inputSchema(formInput(z.object({ userId: text, active: text }).transform((f) => ({ userId: f.userId, active: f.active === "true" }))))
  .stateAction(async ({ parsedInput, ctx: { actor } }) => {
    const user = await updateUser({ actor, input: parsedInput });
    revalidatePath("/team");
    return `${user.name} was ${user.active ? "reactivated" : "deactivated"}`;
  });

/** Link by a suggested member's id, or by a handle typed in the link form (`create` makes the record when nobody holds it). */
const ZLinkMemberForm = z
  .object({
    userId: text,
    memberId: optionalText,
    member: z.object({ space: text, handle: text }).default({ space: "", handle: "" }),
    create: text,
  })
  .transform((f) => ({
    userId: f.userId,
    member: f.memberId !== undefined ? { memberId: f.memberId } : { space: f.member.space, handle: f.member.handle },
    create: f.create === "true",
  }));

export const linkMember = formAction("user.manage")
  .inputSchema(formInput(ZLinkMemberForm))
  .stateAction(async ({ parsedInput, ctx: { actor } }) => {
    const result = await linkUserMember({ actor, input: parsedInput });
    revalidatePath("/team");
    if (result.change === "unchanged") return `${result.userName} was already linked to ${result.member?.displayName}`;
    const unassigned = result.unassigned.length ? ` Unassigned from ${result.unassigned.join(", ")}: they are a party to it.` : "";
    return `${result.userName} is linked to ${result.created ? "a new member record, " : ""}${result.member?.displayName}.${unassigned}`;
  });

export const unlinkMember = formAction("user.manage")
  .inputSchema(formInput(z.object({ userId: text })))
  .stateAction(async ({ parsedInput, ctx: { actor } }) => {
    const result = await linkUserMember({ actor, input: { userId: parsedInput.userId, member: null } });
    revalidatePath("/team");
    return `${result.userName} is no longer linked to a member record`;
  });
