"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { isForm, NOT_A_FORM, runAction, type ActionResult } from "@/lib/server/action-result.ts";
import { requireActor } from "@/lib/server/auth.ts";
import { isAppError } from "@/lib/server/errors.ts";
import { createMember } from "@/lib/server/members/create-member.ts";
import { findHandleLookAlikes } from "@/lib/server/members/find-look-alikes.ts";
import { lookAlikeMessage } from "@/lib/schemas/member.ts";
import { memberInputFromForm } from "./form-data.ts";

export async function addMember(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  if (!isForm(form)) return NOT_A_FORM;
  let createdId: string | undefined;
  const result = await runAction(async () => {
    const actor = await requireActor("member.update");
    const member = await createMember({ actor, input: memberInputFromForm(form) });
    createdId = member.id;
    revalidatePath("/members");
  }, form);
  if (result.ok && createdId) redirect(`/members/${createdId}?saved=added`);
  return result;
}

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
