import "server-only";
import { getCase } from "../cases/get-case.ts";
import { getDecisionContext } from "../decisions/get-decision-context.ts";
import type { Actor } from "../permissions.ts";

const iso = (d: Date) => d.toISOString();

/** GET /cases/{number}: the case as the owner may see it, never the reporter (not even the kind), notes or audit trail. */
export async function apiGetCase(actor: Actor, number: string) {
  const c = await getCase({ actor, number });
  const ctx = await getDecisionContext({ actor, caseId: c.id });
  return {
    id: c.id,
    number: c.number,
    status: c.status,
    version: c.version,
    access: c.access,
    space: c.space,
    occurredAt: iso(c.occurredAt),
    loggedAt: iso(c.createdAt),
    standards: c.standards,
    description: c.description,
    subject: { id: c.subject.id, displayName: c.subject.name, identities: c.subject.identities },
    involved: c.involved.map((i) => ({ id: i.id, displayName: i.name, identities: i.identities })),
    evidence: c.evidence.map((e) => e.url),
    breach: c.breach ? { caseNumber: c.breach.caseNumber } : null,
    // The reasons can name a breach, and through it a protected reporter: only for who decides.
    recommendation: ctx.mayDecide ? { level: ctx.recommendation.level, reasons: ctx.recommendation.reasons } : null,
    decisions: ctx.decisions.map((d) => ({
      id: d.id,
      level: d.level,
      recommendedLevel: d.recommendedLevel,
      decidedAt: iso(d.decidedAt),
      noContact: d.noContact ? { startsAt: iso(d.noContact.startsAt), endsAt: iso(d.noContact.endsAt) } : null,
      reversed: d.reversal !== null,
    })),
  };
}
