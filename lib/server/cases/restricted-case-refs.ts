import "server-only";
import type { LadderDecision, Recommendation } from "@/lib/policy/ladder.ts";
import { RESTRICTED_CASE_NUMBER, RESTRICTED_CASE_PHRASE } from "@/lib/schemas/case-team.ts";
import type { PrismaClient, Tx } from "../db.ts";
import type { Actor, SystemActor } from "../permissions.ts";
import { visibleCasesWhere } from "./visibility.ts";

/*
 * A case the reader may not see can still matter to one they can: an earlier decision counts
 * on the ladder, a Warning's no-contact terms can be breached. The rule holds; only the other
 * case's number (and ids) are not shown: it is "a case restricted to its case team".
 */

const CASE_NUMBER = /\b\d{4}-\d{4,}\b/g;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Which of these cases the actor may not see. */
export async function hiddenCaseIds(db: Tx | PrismaClient, actor: Actor | SystemActor, caseIds: string[]): Promise<Set<string>> {
  if ("system" in actor || caseIds.length === 0) return new Set();
  const rows = await db.case.findMany({
    where: { AND: [{ id: { in: [...new Set(caseIds)] } }, { NOT: visibleCasesWhere(actor) }] },
    select: { id: true },
  });
  return new Set(rows.map((r) => r.id));
}

/** The ladder history with the numbers of cases the actor may not see replaced: every decision still counts. */
export async function nameableHistory(db: Tx | PrismaClient, actor: Actor | SystemActor, history: LadderDecision[]) {
  const hidden = await hiddenCaseIds(
    db,
    actor,
    history.map((d) => d.caseId),
  );
  return hidden.size ? history.map((d) => (hidden.has(d.caseId) ? { ...d, caseNumber: RESTRICTED_CASE_NUMBER } : d)) : history;
}

/** The recommendation's reasons naming such a case as "a case restricted to its case team". */
export function nameableRecommendation(recommendation: Recommendation): Recommendation {
  const stand = `case ${RESTRICTED_CASE_NUMBER}`;
  return { ...recommendation, reasons: recommendation.reasons.map((r) => r.split(stand).join(RESTRICTED_CASE_PHRASE)) };
}

function collect(value: unknown, numbers: Set<string>, ids: Set<string>): void {
  if (typeof value === "string") {
    for (const m of value.matchAll(CASE_NUMBER)) numbers.add(m[0]);
    if (UUID.test(value)) ids.add(value.toLowerCase());
  } else if (Array.isArray(value)) value.forEach((v) => collect(v, numbers, ids));
  else if (value && typeof value === "object") Object.values(value).forEach((v) => collect(v, numbers, ids));
}

function replace(value: unknown, numbers: Set<string>, ids: Set<string>): unknown {
  if (typeof value === "string") {
    if (ids.has(value.toLowerCase())) return null;
    return value
      .replace(/\bcase (\d{4}-\d{4,})\b/g, (all, n: string) => (numbers.has(n) ? RESTRICTED_CASE_PHRASE : all))
      .replace(CASE_NUMBER, (n) => (numbers.has(n) ? RESTRICTED_CASE_NUMBER : n));
  }
  if (Array.isArray(value)) return value.map((v) => replace(v, numbers, ids));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replace(v, numbers, ids)]));
  return value;
}

/**
 * Audit entries as the actor may read them: numbers and ids of cases (and their decisions)
 * they may not see, named in another case's events (a breach, a recommendation's reasons),
 * are replaced.
 */
export async function redactHiddenCaseRefs<T extends { before: unknown; after: unknown; metadata?: unknown }>(
  db: Tx | PrismaClient,
  actor: Actor | SystemActor,
  entries: T[],
): Promise<T[]> {
  if ("system" in actor) return entries;
  const numbers = new Set<string>();
  const ids = new Set<string>();
  for (const e of entries) collect([e.before, e.after, e.metadata], numbers, ids);
  if (numbers.size === 0 && ids.size === 0) return entries;
  const hidden = await db.case.findMany({
    where: {
      AND: [
        { OR: [{ number: { in: [...numbers] } }, { id: { in: [...ids] } }, { decisions: { some: { id: { in: [...ids] } } } }] },
        { NOT: visibleCasesWhere(actor) },
      ],
    },
    select: { id: true, number: true, decisions: { select: { id: true } } },
  });
  if (hidden.length === 0) return entries;
  const hiddenNumbers = new Set(hidden.map((c) => c.number));
  const hiddenIds = new Set(hidden.flatMap((c) => [c.id, ...c.decisions.map((d) => d.id)]));
  return entries.map((e) => ({
    ...e,
    before: replace(e.before, hiddenNumbers, hiddenIds),
    after: replace(e.after, hiddenNumbers, hiddenIds),
    ...("metadata" in e ? { metadata: replace(e.metadata, hiddenNumbers, hiddenIds) } : {}),
  }));
}
