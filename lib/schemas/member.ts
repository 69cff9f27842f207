import { z } from "zod";
import { SPACES, SPACE_LABELS, ZSpace, normalizeHandle, type TCaseStatus, type TLevel, type TSpace } from "./vocabulary.ts";

/** A UTF-16 surrogate without its other half: no character at all (the database refuses it too). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** NUL, line breaks, tabs and the other control characters. */
const CONTROL = /\p{Cc}/u;

/**
 * A handle as typed. It must name something once normalized (normalizeHandle): `@` alone, or only
 * zero-width characters, is no handle.
 */
export const ZHandle = z
  .string()
  .trim()
  .min(1, "Enter a handle")
  .max(200, "Use at most 200 characters")
  .superRefine((h, ctx) => {
    if (CONTROL.test(h)) {
      ctx.addIssue({ code: "custom", message: "A handle cannot contain control characters (NUL, tabs, line breaks)" });
    } else if (LONE_SURROGATE.test(h)) {
      ctx.addIssue({ code: "custom", message: "This handle holds a broken character (a lone UTF-16 surrogate): type it again" });
    } else {
      const normalized = normalizeHandle(h);
      if (normalized.length === 0) {
        const visible = h.replace(/[\s@]/g, "").length > 0;
        ctx.addIssue({ code: "custom", message: visible ? "This handle has only invisible characters: enter a handle" : "Enter a handle" });
      } else if (normalized.length > 200) {
        ctx.addIssue({ code: "custom", message: "Use at most 200 characters" });
      }
    }
  });

export const ZDisplayName = z.string().trim().min(1, "Enter a name").max(120, "Use at most 120 characters");

export const ZIdentityInput = z.object({ space: ZSpace, handle: ZHandle });
export type TIdentityInput = z.infer<typeof ZIdentityInput>;

/**
 * A reference to a community member: an existing record by id, or a handle in a space
 * (an unknown handle creates the member, named displayName or the handle itself).
 */
export const ZMemberRef = z.union([
  z.object({ memberId: z.uuid("Unknown member") }).strict(),
  z.object({ space: ZSpace, handle: ZHandle, displayName: ZDisplayName.optional() }).strict(),
]);
export type TMemberRef = z.infer<typeof ZMemberRef>;

/* Members: the forms and the server share these schemas. */

export const MAX_IDENTITIES = 20;
export const MEMBERS_PAGE_SIZE = 25;

/** How an identity reads in a sentence: "the GitHub handle alice", "the email address x@y.org". */
export function identityNoun(space: TSpace): string {
  return space === "email" ? "email address" : `${SPACE_LABELS[space]} handle`;
}

const ZIdentityRow = z.object({
  space: z.enum(SPACES, { error: "Choose a space" }),
  handle: ZHandle,
  /**
   * "This is a different person": the editor saw that the handle looks like another member's
   * (same skeleton) and confirms it is someone else. Without it such a handle is refused.
   */
  distinct: z.boolean().optional(),
});

/** A member's identities: 1 to 20, never the same handle twice in one space (`@Alice` = `alice`). */
export const ZIdentityList = z
  .array(ZIdentityRow, { error: "Add at least one identity" })
  .min(1, "Add at least one identity")
  .max(MAX_IDENTITIES, `Use at most ${MAX_IDENTITIES} identities`)
  .superRefine((rows, ctx) => {
    const seen = new Set<string>();
    rows.forEach((row, i) => {
      const key = `${row.space}:${normalizeHandle(row.handle)}`;
      if (seen.has(key)) {
        ctx.addIssue({ code: "custom", path: [i, "handle"], message: `This ${identityNoun(row.space)} is already listed above` });
      }
      seen.add(key);
    });
  });

export const ZCreateMemberSchema = z.object({ displayName: ZDisplayName, identities: ZIdentityList });
export type TCreateMember = z.infer<typeof ZCreateMemberSchema>;

export const ZUpdateMemberSchema = z.object({
  memberId: z.uuid("Unknown member"),
  /** The version the editor read: a save over a newer version is refused. */
  version: z.coerce
    .number({ error: "This form is out of date: reload the page" })
    .int()
    .min(1, "This form is out of date: reload the page"),
  displayName: ZDisplayName,
  identities: ZIdentityList,
});
export type TUpdateMember = z.infer<typeof ZUpdateMemberSchema>;

export const ZMergeMembersSchema = z
  .object({
    /** The duplicate record: it keeps its row, marked as merged. */
    sourceId: z.uuid("Choose the member to merge"),
    /** The record that remains. */
    targetId: z.uuid("Unknown member"),
    reason: z
      .string({ error: "Say why these records are the same person" })
      .trim()
      .min(1, "Say why these records are the same person")
      .max(2000, "Use at most 2000 characters"),
  })
  .refine((v) => v.sourceId !== v.targetId, { path: ["sourceId"], error: "A member cannot be merged into itself" });
export type TMergeMembers = z.infer<typeof ZMergeMembersSchema>;

export const ZListMembersSchema = z.object({
  q: z.string().trim().max(200, "Use at most 200 characters").optional(),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type TListMembers = z.input<typeof ZListMembersSchema>;

export const ZLookupMemberSchema = z.object({ space: z.enum(SPACES, { error: "Choose a space" }), handle: ZHandle });
export type TLookupMember = z.infer<typeof ZLookupMemberSchema>;

/** A decision as a member's history shows it. level null: decided with no action. */
export type THistoryDecision = {
  id: string;
  level: TLevel | null;
  decidedAt: Date;
  decidedBy: string | null;
  rationale: string;
  noContact: { startsAt: Date; endsAt: Date } | null;
  reversal: { reason: string; reversedAt: Date; reversedBy: string | null } | null;
};

/** A case about a member, as their history shows it, with its decisions in order. */
export type THistoryCase = {
  id: string;
  number: string;
  status: TCaseStatus;
  space: TSpace;
  standards: string[];
  occurredAt: Date;
  loggedAt: Date;
  /** Set when the case breaches the no-contact terms of a Warning: the case that Warning was decided in. */
  breachOf: { caseNumber: string } | null;
  decisions: THistoryDecision[];
};

/** A member whose handle only looks like the one typed (same space, same skeleton, another handle). */
export type TLookAlike = { memberId: string; displayName: string; space: TSpace; handle: string; retired: boolean };

/** A handle as a sentence quotes it: `@noorh`, or an email address as it is. */
export function quoteHandle(space: TSpace, handle: string): string {
  const bare = handle.trim().replace(/^@+/, "");
  return space === "email" ? bare : `@${bare}`;
}

/** "Looks like @noorh (Noor Haddad)"; a retired handle says whose it was. */
export function lookAlikeMessage(l: TLookAlike): string {
  return `Looks like ${quoteHandle(l.space, l.handle)} (${l.retired ? `a former handle of ${l.displayName}` : l.displayName})`;
}

/** What a form's handle hint learns about a handle typed: who it names (null: nobody listed) and its look-alikes. */
export type THandleLookup = {
  name: string | null;
  /** handle: the look-alike's, to switch the field to; quoted: as a sentence shows it (`@noorh`); message: "Looks like @noorh (Noor Haddad)". */
  lookAlikes: { handle: string; quoted: string; message: string }[];
};
