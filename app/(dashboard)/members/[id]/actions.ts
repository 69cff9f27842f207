"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { AppError, isAppError } from "@/lib/server/errors.ts";
import { formAction } from "@/lib/server/form-action.ts";
import { getMember } from "@/lib/server/members/get-member.ts";
import { lookupMember } from "@/lib/server/members/lookup-member.ts";
import { mergeMembers } from "@/lib/server/members/merge-members.ts";
import { updateMember } from "@/lib/server/members/update-member.ts";
import { formInput, text } from "@/lib/schemas/form-data.ts";
import { identityNoun } from "@/lib/schemas/member.ts";
import { ZSpace, normalizeHandle } from "@/lib/schemas/vocabulary.ts";
import { withoutLookAlikeIds, ZMemberForm } from "../form-data.ts";

const ZSaveMemberForm = ZMemberForm.extend({ memberId: z.string().catch(""), version: text });

export const saveMember = formAction("member.update")
  .inputSchema(formInput(ZSaveMemberForm))
  .stateAction(async ({ parsedInput, ctx: { actor } }) => {
    const { memberId } = parsedInput;
    try {
      await updateMember({ actor, input: parsedInput });
    } catch (error) {
      // Someone else saved first (a version conflict, not a taken handle): the edit page is drawn
      // again with what the record holds now, and the form, which keeps the version it read,
      // shows that beside what was typed.
      if (isAppError(error) && error.code === "conflict" && !error.fields) revalidatePath(`/members/${memberId}/edit`);
      throw withoutLookAlikeIds(error);
    }
    revalidatePath("/members");
    revalidatePath(`/members/${memberId}`);
    redirect(`/members/${memberId}?saved=updated`);
  });

/** A duplicate record, as step two of a merge shows it. */
type MergeCandidate = Pick<Awaited<ReturnType<typeof getMember>>, "id" | "displayName" | "identities">;

/** Step one of a merge: the duplicate record, found by one of its handles. */
export const findDuplicate = formAction("member.merge")
  .inputSchema(formInput(z.object({ targetId: text, space: text, handle: z.string().catch("") })))
  .stateAction(async ({ parsedInput: { targetId, space, handle }, ctx: { actor } }) => {
    const sourceId = await lookupMember({ actor, space, handle });
    if (!sourceId) {
      const known = ZSpace.safeParse(space);
      const message = `No member has the ${known.success ? identityNoun(known.data) : "handle"} ${normalizeHandle(handle)}`;
      throw new AppError("not_found", message, { handle: message });
    }
    if (sourceId === targetId) {
      throw new AppError("invalid", "This handle already belongs to this member", { handle: "This handle already belongs to this member" });
    }
    const source = await getMember({ actor, memberId: sourceId });
    const candidate: MergeCandidate = { id: source.id, displayName: source.displayName, identities: source.identities };
    return { data: candidate };
  });

/** Step two: merge the duplicate into this member, with the reason. */
export const mergeDuplicate = formAction("member.merge")
  .inputSchema(formInput(z.object({ sourceId: text, targetId: text, reason: text })))
  .stateAction(async ({ parsedInput, ctx: { actor } }) => {
    const merged = await mergeMembers({ actor, input: parsedInput });
    revalidatePath("/members");
    revalidatePath(`/members/${merged.targetId}`);
    const breaches = merged.breachesChanged.map((b) =>
      b.after ? `case ${b.caseNumber} now breaches the Warning of case ${b.after}` : `case ${b.caseNumber} no longer breaches a Warning`,
    );
    return `The duplicate record was merged into ${merged.targetName}${breaches.length ? `; ${breaches.join("; ")}` : ""}`;
  });
