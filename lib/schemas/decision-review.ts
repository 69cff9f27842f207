import { z } from "zod";
import "./zod-config.ts";

/** Keeping a decision flagged for review: the team's reason is required and kept. */
export const ZReviewDecisionSchema = z.object({
  decisionId: z.uuid("Unknown decision"),
  reason: z
    .string({ error: "Give the reason for keeping the decision" })
    .trim()
    .min(10, "Give the reason for keeping the decision (at least 10 characters)")
    .max(5_000, "Use at most 5000 characters")
    // The database cannot store NUL, and other control characters are never meant.
    .refine((v) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(v), "Remove the invisible control characters from the reason"),
});
export type TReviewDecision = z.input<typeof ZReviewDecisionSchema>;
