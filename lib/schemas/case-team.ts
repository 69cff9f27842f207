import { z } from "zod";
import { ZCaseNumber } from "./vocabulary.ts";

/*
 * Case teams (need to know): a restricted case is seen only by the team members named on it.
 * An admin outside the team sees only its number and status, and may join by giving a reason,
 * which is kept and shown to the case team.
 */

export const MIN_JOIN_REASON_LENGTH = 10;
export const MAX_CASE_TEAM_SIZE = 50;

/** How a case the reader may not see is named where the ladder or a breach refers to it. */
export const RESTRICTED_CASE_PHRASE = "a case restricted to its case team";
/** Stands in for such a case's number where a text reads "case NUMBER". */
export const RESTRICTED_CASE_NUMBER = "restricted to its case team";

// Text Postgres cannot store (NUL) or that is not Unicode at all (a lone surrogate).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

const ZCaseId = z.uuid("Unknown case");
const ZUserId = z.uuid("Choose a team member");
const ZVersion = z.coerce
  .number({ error: "Reload the page: the case version is missing" })
  .int()
  .min(1, "Reload the page: the case version is missing");

/** A form's "true"/"false"/"on" or a JSON boolean. */
const ZFlag = z.preprocess(
  (v) => (v === "true" || v === "on" ? true : v === "false" ? false : v),
  z.boolean({ error: "Choose whether the case is restricted" }),
);

export const ZRestrictCaseSchema = z.object({
  caseId: ZCaseId,
  version: ZVersion,
  restricted: ZFlag,
  /** Turning it on: who else is on the initial team (the person restricting it always is). */
  team: z
    .array(ZUserId, { error: "Choose team members from the list" })
    .max(MAX_CASE_TEAM_SIZE, `Name at most ${MAX_CASE_TEAM_SIZE} people`)
    .default([])
    .transform((ids) => [...new Set(ids)]),
});
export type TRestrictCase = z.input<typeof ZRestrictCaseSchema>;

export const ZCaseTeamMemberSchema = z.object({ caseId: ZCaseId, userId: ZUserId });
export type TCaseTeamMember = z.input<typeof ZCaseTeamMemberSchema>;

export const ZJoinReason = z
  .string({ error: "Say why you need to see this case" })
  .trim()
  .min(MIN_JOIN_REASON_LENGTH, `Say why you need to see this case (at least ${MIN_JOIN_REASON_LENGTH} characters)`)
  .max(2000, "Use at most 2000 characters")
  .refine((s) => !CONTROL.test(s), { error: "Remove the control characters from the reason" })
  .refine((s) => !LONE_SURROGATE.test(s), { error: "The reason holds characters that are not valid text" });

export const ZJoinRestrictedCaseSchema = z.object({
  number: ZCaseNumber,
  reason: ZJoinReason,
});
export type TJoinRestrictedCase = z.input<typeof ZJoinRestrictedCaseSchema>;
