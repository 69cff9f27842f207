"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { recordDecision } from "@/lib/server/decisions/record-decision.ts";
import { reverseDecision } from "@/lib/server/decisions/reverse-decision.ts";
import { reviewDecision } from "@/lib/server/decisions/review-decision.ts";
import { formAction } from "@/lib/server/form-action.ts";
import { formInput, many, optionalText, text } from "@/lib/schemas/form-data.ts";
import { LEVEL_LABELS } from "@/lib/schemas/vocabulary.ts";

/** The decision form as recordDecision's input: the no-contact period only for a Warning, its length from the preset or the custom field. */
const ZDecisionForm = z
  .object({
    caseId: text,
    version: text,
    level: optionalText,
    rationale: text,
    justification: optionalText,
    publicSummary: optionalText,
    noContactPreset: optionalText,
    noContactDays: optionalText,
    noContactStartsAt: optionalText,
    protectedMemberIds: many,
    protect: many,
  })
  .transform((f) => ({
    caseId: f.caseId,
    version: f.version,
    level: f.level,
    rationale: f.rationale,
    justification: f.justification,
    publicSummary: f.publicSummary,
    noContact:
      f.level === "warning"
        ? {
            days: (f.noContactPreset === "custom" ? f.noContactDays : f.noContactPreset) ?? "",
            startsAt: f.noContactStartsAt,
            protectedMemberIds: f.protectedMemberIds,
            protect: f.protect,
          }
        : undefined,
  }));

export const decideCase = formAction("decision.create")
  .inputSchema(formInput(ZDecisionForm))
  .stateAction(async ({ parsedInput, ctx: { actor } }) => {
    const decision = await recordDecision({ actor, input: parsedInput });
    revalidatePath(`/cases/${decision.caseNumber}`);
    return `Decision recorded: ${decision.level ? LEVEL_LABELS[decision.level] : "No action"}`;
  });

const ZDecisionReason = z.object({ decisionId: text, reason: text });

export const reverseCaseDecision = formAction("decision.reverse")
  .inputSchema(formInput(ZDecisionReason))
  .stateAction(async ({ parsedInput, ctx: { actor } }) => {
    await reverseDecision({ actor, input: parsedInput });
    revalidatePath("/cases/[number]", "page");
    return "The decision was reversed";
  });

export const reviewCaseDecision = formAction("decision.create")
  .inputSchema(formInput(ZDecisionReason))
  .stateAction(async ({ parsedInput, ctx: { actor } }) => {
    await reviewDecision({ actor, input: parsedInput });
    revalidatePath("/cases/[number]", "page");
    revalidatePath("/");
    return "Reviewed: the decision was kept";
  });
