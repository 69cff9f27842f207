"use server";

import { redirect } from "next/navigation";
import { isForm, NOT_A_FORM, runAction, type ActionResult } from "@/lib/server/action-result.ts";
import { requireActor } from "@/lib/server/auth.ts";
import { createCase } from "@/lib/server/cases/create-case.ts";
import { findMemberByHandle } from "@/lib/server/cases/find-member-by-handle.ts";
import { isAppError } from "@/lib/server/errors.ts";
import { lookAlikeMessage, quoteHandle, type THandleLookup } from "@/lib/schemas/member.ts";

const text = (form: FormData, key: string): string => {
  const value = form.get(key);
  return typeof value === "string" ? value : "";
};
const optional = (form: FormData, key: string): string | undefined => text(form, key).trim() || undefined;

/** The Log a case form, as createCase's input (lib/schemas/case.ts ZCreateCaseSchema). */
function createCaseInput(form: FormData) {
  const kind = text(form, "reporterKind");
  const reporter =
    kind === "member"
      ? { kind, member: { space: text(form, "reporterSpace"), handle: text(form, "reporterHandle") } }
      : kind === "contact"
        ? { kind, name: optional(form, "contactName"), email: optional(form, "contactEmail") }
        : kind === "anonymous"
          ? { kind }
          : undefined;
  const spaces = form.getAll("involvedSpace");
  const involved = form
    .getAll("involvedHandle")
    .map((handle, i) => ({ space: spaces[i], handle }))
    .filter((row) => typeof row.handle === "string" && row.handle.trim() !== "");
  return {
    subject: { space: text(form, "subjectSpace"), handle: text(form, "subjectHandle"), displayName: optional(form, "subjectName") },
    reporter,
    involved,
    space: text(form, "space"),
    occurredAt: text(form, "occurredAt"),
    standards: form.getAll("standards"),
    description: text(form, "description"),
    evidence: text(form, "evidence")
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean),
    restricted: form.get("restricted") === "on",
  };
}

export async function logCase(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  if (!isForm(form)) return NOT_A_FORM;
  let number: string | undefined;
  const result = await runAction(async () => {
    const actor = await requireActor("case.create");
    number = (await createCase({ actor, input: createCaseInput(form) })).number;
  });
  if (result.ok && number) redirect(`/cases/${number}`);
  return result;
}

/**
 * Who a handle names, for the form's "existing member" / "new member" hint, and the listed
 * members whose handle only looks like it ("Looks like @noorh (Noor Haddad)", with their handle
 * to switch the field to).
 */
export async function lookupHandle(space: string, handle: string): Promise<THandleLookup> {
  let hint: Awaited<ReturnType<typeof findMemberByHandle>>;
  try {
    const actor = await requireActor("case.create");
    hint = await findMemberByHandle({ actor, space, handle });
  } catch (error) {
    // A role without the permission (or a hand-made call) learns nothing: no hint.
    if (isAppError(error)) return { name: null, lookAlikes: [] };
    throw error;
  }
  return {
    name: hint.member?.displayName ?? null,
    lookAlikes: hint.lookAlikes.map((l) => ({ handle: l.handle, quoted: quoteHandle(l.space, l.handle), message: lookAlikeMessage(l) })),
  };
}
