import type { THistoryCase } from "@/lib/schemas/member.ts";
import { LEVELS, LEVEL_LABELS } from "@/lib/schemas/vocabulary.ts";
import { formatCount } from "@/lib/format/numbers.ts";

const PLURAL: Record<(typeof LEVELS)[number], string> = {
  reminder: "Reminders",
  warning: "Warnings",
  permanent_ban: "Permanent bans",
};

/**
 * What a member's history holds, in one line for the top of a long list: the decisions that
 * stand, by ladder level, then those decided with no action and those reversed.
 * "2 Reminders · 1 Warning · 1 reversed"; null when nothing was decided yet.
 */
export function decisionCounts(cases: Pick<THistoryCase, "decisions">[]): string | null {
  const standing = new Map<string, number>();
  let noAction = 0;
  let reversed = 0;
  for (const decision of cases.flatMap((c) => c.decisions)) {
    if (decision.reversal) reversed += 1;
    else if (decision.level === null) noAction += 1;
    else standing.set(decision.level, (standing.get(decision.level) ?? 0) + 1);
  }
  const parts = LEVELS.flatMap((level) => {
    const n = standing.get(level) ?? 0;
    return n ? [`${formatCount(n)} ${n === 1 ? LEVEL_LABELS[level] : PLURAL[level]}`] : [];
  });
  if (noAction) parts.push(`${formatCount(noAction)} with no action`);
  if (reversed) parts.push(`${formatCount(reversed)} reversed`);
  return parts.length ? parts.join(" · ") : null;
}
