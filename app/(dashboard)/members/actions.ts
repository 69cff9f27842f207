"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction, type ActionResult } from "@/lib/server/action-result.ts";
import { requireActor } from "@/lib/server/auth.ts";
import { createMember } from "@/lib/server/members/create-member.ts";
import { memberInputFromForm } from "./form-data.ts";

export async function addMember(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
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
