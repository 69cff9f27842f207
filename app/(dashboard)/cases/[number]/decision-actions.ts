"use server";

import { revalidatePath } from "next/cache";
import { isForm, NOT_A_FORM, runAction, type ActionResult } from "@/lib/server/action-result.ts";
import { requireActor } from "@/lib/server/auth.ts";
import { recordDecision } from "@/lib/server/decisions/record-decision.ts";
import { reverseDecision } from "@/lib/server/decisions/reverse-decision.ts";
import { reviewDecision } from "@/lib/server/decisions/review-decision.ts";
import { LEVEL_LABELS } from "@/lib/schemas/vocabulary.ts";

function text(form: FormData, key: string): string | undefined {
  const value = form.get(key);
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

export async function decideCase(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  if (!isForm(form)) return NOT_A_FORM;
  return runAction(async () => {
    const actor = await requireActor("decision.create");
    const level = text(form, "level");
    const days = text(form, "noContactPreset") === "custom" ? text(form, "noContactDays") : text(form, "noContactPreset");
    const decision = await recordDecision({
      actor,
      input: {
        caseId: form.get("caseId"),
        version: form.get("version"),
        level,
        rationale: form.get("rationale") ?? "",
        justification: text(form, "justification"),
        publicSummary: text(form, "publicSummary"),
        noContact:
          level === "warning"
            ? {
                days: days ?? "",
                startsAt: text(form, "noContactStartsAt"),
                protectedMemberIds: form.getAll("protectedMemberIds").map(String),
                protect: form.getAll("protect").map(String),
              }
            : undefined,
      },
    });
    revalidatePath(`/cases/${decision.caseNumber}`);
    return `Decision recorded: ${decision.level ? LEVEL_LABELS[decision.level] : "No action"}`;
  }, form);
}

export async function reverseCaseDecision(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  if (!isForm(form)) return NOT_A_FORM;
  return runAction(async () => {
    const actor = await requireActor("decision.reverse");
    await reverseDecision({ actor, input: { decisionId: form.get("decisionId"), reason: form.get("reason") ?? "" } });
    revalidatePath("/cases/[number]", "page");
    return "The decision was reversed";
  }, form);
}

export async function reviewCaseDecision(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  if (!isForm(form)) return NOT_A_FORM;
  return runAction(async () => {
    const actor = await requireActor("decision.create");
    await reviewDecision({ actor, input: { decisionId: form.get("decisionId"), reason: form.get("reason") ?? "" } });
    revalidatePath("/cases/[number]", "page");
    revalidatePath("/");
    return "Reviewed: the decision was kept";
  }, form);
}
