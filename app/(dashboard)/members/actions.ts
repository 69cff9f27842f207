"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireActor } from "@/lib/server/auth.ts";
import { isAppError } from "@/lib/server/errors.ts";
import { formAction } from "@/lib/server/form-action.ts";
import { createMember } from "@/lib/server/members/create-member.ts";
import { findHandleLookAlikes } from "@/lib/server/members/find-look-alikes.ts";
import { formInput } from "@/lib/schemas/form-data.ts";
import { lookAlikeMessage } from "@/lib/schemas/member.ts";
import { withoutLookAlikeIds, ZMemberForm } from "./form-data.ts";

export const addMember = formAction("member.update")
  .inputSchema(formInput(ZMemberForm))
  .stateAction(async ({ parsedInput, ctx: { actor } }) => {
    const member = await createMember({ actor, input: parsedInput }).catch((error: unknown) => {
      throw withoutLookAlikeIds(error);
    });
    revalidatePath("/members");
    redirect(`/members/${member.id}?saved=added`);
  });

/** A look-alike, as the member form warns of it. */
export type FormLookAlike = { memberId: string; displayName: string; message: string };

/**
 * For the member form's warning as an identity is typed: the listed members whose handle in this
 * space only looks like it (the record being edited left out). The save refuses such a handle
 * unless its row says "This is a different person".
 */
export async function checkHandle(space: string, handle: string, memberId?: string): Promise<FormLookAlike[]> {
  let found: Awaited<ReturnType<typeof findHandleLookAlikes>>;
  try {
    const actor = await requireActor("member.update");
    found = await findHandleLookAlikes({ actor, space, handle, exceptMemberId: memberId });
  } catch (error) {
    // A role without the permission (or a hand-made call) learns nothing: no warning.
    if (isAppError(error)) return [];
    throw error;
  }
  return found.map((l) => ({
    memberId: l.memberId,
    displayName: l.displayName,
    message: lookAlikeMessage(l),
  }));
}
