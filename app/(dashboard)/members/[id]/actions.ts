"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { isForm, NOT_A_FORM, runAction, type ActionResult } from "@/lib/server/action-result.ts";
import { requireActor } from "@/lib/server/auth.ts";
import { AppError, isAppError } from "@/lib/server/errors.ts";
import { getMember } from "@/lib/server/members/get-member.ts";
import { lookupMember } from "@/lib/server/members/lookup-member.ts";
import { mergeMembers } from "@/lib/server/members/merge-members.ts";
import { updateMember } from "@/lib/server/members/update-member.ts";
import { identityNoun } from "@/lib/schemas/member.ts";
import { ZSpace, normalizeHandle } from "@/lib/schemas/vocabulary.ts";
import { memberInputFromForm } from "../form-data.ts";

type Identity = Awaited<ReturnType<typeof getMember>>["identities"][number];
export type SaveMemberResult =
  ActionResult | (Extract<ActionResult, { ok: false }> & { current?: { displayName: string; identities: Identity[] } });

export async function saveMember(_prev: SaveMemberResult | null, form: FormData): Promise<SaveMemberResult> {
  if (!isForm(form)) return NOT_A_FORM;
  const memberId = String(form.get("memberId") ?? "");
  let stale = false;
  const result = await runAction(async () => {
    const actor = await requireActor("member.update");
    try {
      await updateMember({ actor, input: { memberId, version: form.get("version"), ...memberInputFromForm(form) } });
    } catch (error) {
      // A version conflict (not a taken handle): the form shows what the record holds now.
      stale = isAppError(error) && error.code === "conflict" && !error.fields;
      throw error;
    }
    revalidatePath("/members");
    revalidatePath(`/members/${memberId}`);
  }, form);
  if (result.ok) redirect(`/members/${memberId}?saved=updated`);
  if (stale) {
    const member = await getMember({ actor: await requireActor("member.view"), memberId });
    return { ...result, current: { displayName: member.displayName, identities: member.identities } };
  }
  return result;
}

type Candidate = { id: string; displayName: string; identities: Identity[] };

/** Step one of a merge: the duplicate record, found by one of its handles. */
export async function findDuplicate(form: FormData): Promise<{ ok: true; candidate: Candidate } | Extract<ActionResult, { ok: false }>> {
  if (!isForm(form)) return NOT_A_FORM;
  let candidate: Candidate | undefined;
  const result = await runAction(async () => {
    const actor = await requireActor("member.merge");
    const targetId = String(form.get("targetId") ?? "");
    const space = ZSpace.safeParse(form.get("space"));
    const handle = String(form.get("handle") ?? "");
    const sourceId = await lookupMember({ actor, space: form.get("space"), handle });
    if (!sourceId) {
      const message = `No member has the ${space.success ? identityNoun(space.data) : "handle"} ${normalizeHandle(handle)}`;
      throw new AppError("not_found", message, { handle: message });
    }
    if (sourceId === targetId) {
      throw new AppError("invalid", "This handle already belongs to this member", { handle: "This handle already belongs to this member" });
    }
    const source = await getMember({ actor, memberId: sourceId });
    candidate = { id: source.id, displayName: source.displayName, identities: source.identities };
  });
  return result.ok && candidate ? { ok: true, candidate } : (result as Extract<ActionResult, { ok: false }>);
}

/** Step two: merge the duplicate into this member, with the reason. */
export async function mergeDuplicate(form: FormData): Promise<ActionResult> {
  if (!isForm(form)) return NOT_A_FORM;
  return runAction(async () => {
    const actor = await requireActor("member.merge");
    const merged = await mergeMembers({
      actor,
      input: { sourceId: form.get("sourceId"), targetId: form.get("targetId"), reason: form.get("reason") },
    });
    revalidatePath("/members");
    revalidatePath(`/members/${merged.targetId}`);
    const breaches = merged.breachesChanged.map((b) =>
      b.after ? `case ${b.caseNumber} now breaches the Warning of case ${b.after}` : `case ${b.caseNumber} no longer breaches a Warning`,
    );
    return `The duplicate record was merged into ${merged.targetName}${breaches.length ? `; ${breaches.join("; ")}` : ""}`;
  }, form);
}
