import "server-only";
import { caseAccess, mayRevealReporter } from "@/lib/policy/case-access.ts";
import type { PrismaClient, Tx } from "../db.ts";
import type { Actor, SystemActor } from "../permissions.ts";
import { reporterMemberIdOf } from "./case-reporter.ts";
import { CASE_PARTIES_SELECT, partiesOf, viewerOf } from "./visibility.ts";

/*
 * A breach can tell who reported a case. When the only person a new case shares with a Warning's
 * protected people is that Warning's confidential reporter (protected by role, without being
 * named: no protection row holds them, their id is read from the Warning's encrypted reporter), the
 * breach flag on the new case, beside its involved people, says which of them reported the
 * Warning's case. Such a breach still counts on the ladder everywhere (the recommendation, the
 * mandatory ban), but it is shown only to someone who may reveal that reporter anyway: a
 * moderator or admin with full access to the Warning's case. Anyone else sees no breach.
 */

export type BreachRow = { caseId: string; breachOfDecisionId: string | null };

/** The cases among these whose breach the actor may not be shown. */
export async function hiddenBreaches(db: Tx | PrismaClient, actor: Actor | SystemActor, rows: BreachRow[]): Promise<Set<string>> {
  const breaching = rows.filter((r): r is { caseId: string; breachOfDecisionId: string } => r.breachOfDecisionId !== null);
  if ("system" in actor || breaching.length === 0) return new Set();
  const [warnings, cases] = await Promise.all([
    db.decision.findMany({
      where: { id: { in: [...new Set(breaching.map((r) => r.breachOfDecisionId))] } },
      select: {
        id: true,
        protections: { select: { memberId: true } },
        protectedRoles: true,
        case: { select: { id: true, ...CASE_PARTIES_SELECT } },
      },
    }),
    db.case.findMany({
      where: { id: { in: breaching.map((r) => r.caseId) } },
      select: { id: true, reporterEncrypted: true, involved: { select: { memberId: true } } },
    }),
  ]);
  const warningById = new Map(warnings.map((w) => [w.id, w]));
  const caseById = new Map(cases.map((c) => [c.id, c]));
  const hidden = new Set<string>();
  for (const row of breaching) {
    const warning = warningById.get(row.breachOfDecisionId);
    const c = caseById.get(row.caseId);
    if (!warning || !c) continue;
    const reporterId = reporterMemberIdOf(c);
    const parties = new Set([...c.involved.map((i) => i.memberId), ...(reporterId ? [reporterId] : [])]);
    // Someone the Warning names is involved: the breach says nothing about who reported.
    if (warning.protections.some((p) => parties.has(p.memberId))) continue;
    // Otherwise the breach rests on the Warning's reporter alone (protected by role, never by name).
    const warningParties = partiesOf(warning.case);
    const reporter = warning.protectedRoles.includes("reporter") ? warningParties.reporterMemberId : null;
    if (!reporter || !parties.has(reporter)) continue;
    const access = caseAccess(viewerOf(actor), warningParties);
    if (!mayRevealReporter(actor.role, access)) hidden.add(row.caseId);
  }
  return hidden;
}

/** Audit entries of a case whose breach is not shown: the breach is left out of them. */
export function withoutBreach<T extends { action: string; before: unknown; after: unknown }>(entries: T[]): T[] {
  const strip = (v: unknown) => {
    if (!v || typeof v !== "object" || Array.isArray(v)) return v;
    const { breachOf: _b, ...rest } = v as Record<string, unknown>;
    return rest;
  };
  return entries.filter((e) => e.action !== "case.breach_changed").map((e) => ({ ...e, before: strip(e.before), after: strip(e.after) }));
}
