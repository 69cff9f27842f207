"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { requireActor } from "@/lib/server/auth.ts";
import { createCase } from "@/lib/server/cases/create-case.ts";
import { findMemberByHandle } from "@/lib/server/cases/find-member-by-handle.ts";
import { isAppError } from "@/lib/server/errors.ts";
import { formAction } from "@/lib/server/form-action.ts";
import { checkbox, formInput, group, handleRows, lines, many, optionalText, text } from "@/lib/schemas/form-data.ts";
import { lookAlikeMessage, quoteHandle, type THandleLookup } from "@/lib/schemas/member.ts";

/**
 * The Log a case form, as createCase's input (lib/schemas/case.ts ZCreateCaseSchema): its fields
 * are named by their path in that input (`subject.handle`, `reporter.member.handle`,
 * `involved.0.handle`), so the schema's errors land on them.
 */
const ZLogCaseForm = z
  .object({
    subject: group({ space: text, handle: text, displayName: optionalText }),
    reporter: group({ kind: optionalText, member: group({ space: text, handle: text }), name: optionalText, email: optionalText }),
    involved: handleRows,
    space: text,
    occurredAt: text,
    standards: many,
    description: text,
    evidence: lines,
    restricted: checkbox,
  })
  .transform(({ reporter: r, ...f }) => ({
    ...f,
    reporter:
      r.kind === "member"
        ? { kind: r.kind, member: r.member }
        : r.kind === "contact"
          ? { kind: r.kind, name: r.name, email: r.email }
          : r.kind === "anonymous"
            ? { kind: r.kind }
            : undefined,
  }));

export const logCase = formAction("case.create")
  .inputSchema(formInput(ZLogCaseForm))
  .stateAction(async ({ parsedInput, ctx: { actor } }) => {
    const { number } = await createCase({ actor, input: parsedInput });
    redirect(`/cases/${number}`);
  });

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
