import { z } from "zod";
import { PROTECTED_ROLES } from "@/lib/policy/protected-people.ts";
import { ZLevel } from "./vocabulary.ts";

/** Presets for a Warning's no-contact period, in days; any other length is allowed too. */
export const NO_CONTACT_PRESETS = [30, 90, 180, 365] as const;

export const ZNoContactInput = z.object({
  days: z.coerce
    .number({ error: "Enter the length in days" })
    .int("Use whole days")
    .min(1, "At least 1 day")
    .max(3650, "At most 3650 days (10 years)"),
  startsAt: z.coerce.date({ error: "Enter a valid start date" }).optional(),
  protectedMemberIds: z.array(z.uuid("Unknown person")).max(100, "At most 100 people"),
  /**
   * People protected by their role in the case rather than by id: the reporter (whose identity
   * the page never holds), the deciding moderator and the assignee (through their linked member
   * records). The server resolves each one.
   */
  protect: z
    .array(z.enum(PROTECTED_ROLES, { error: "Protect the reporter, the deciding moderator or the assignee" }))
    .max(PROTECTED_ROLES.length)
    .optional(),
});
export type TNoContactInput = z.infer<typeof ZNoContactInput>;

export const ZRecordDecisionSchema = z.object({
  caseId: z.uuid("Unknown case"),
  version: z.coerce.number().int(),
  /** A ladder level, or "none" for a decision with no action. */
  level: z.union([ZLevel, z.literal("none")], { error: "Choose a level" }),
  rationale: z.string().trim().max(20_000, "Use at most 20000 characters"),
  justification: z.string().trim().max(20_000, "Use at most 20000 characters").optional(),
  publicSummary: z.string().trim().max(5_000, "Use at most 5000 characters").optional(),
  noContact: ZNoContactInput.optional(),
});
export type TRecordDecision = z.infer<typeof ZRecordDecisionSchema>;

export const ZReverseDecisionSchema = z.object({
  decisionId: z.uuid("Unknown decision"),
  reason: z.string().trim().min(10, "Give the reason for the reversal (at least 10 characters)").max(5_000, "Use at most 5000 characters"),
});
export type TReverseDecision = z.infer<typeof ZReverseDecisionSchema>;
