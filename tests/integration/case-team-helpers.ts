import { createCase } from "@/lib/server/cases/create-case.ts";
import { getDecisionContext } from "@/lib/server/decisions/get-decision-context.ts";
import { recordDecision } from "@/lib/server/decisions/record-decision.ts";
import { createMember } from "@/lib/server/members/create-member.ts";
import type { Actor } from "@/lib/server/permissions.ts";
import { caseInput, daysAgo, system } from "./cases-helpers.ts";
import { unique, type TestDatabase } from "./harness.ts";

/* Set-up for the case team tests: every record made through the app's own functions. */

export const RATIONALE = "Repeated hostile messages toward a newcomer in review: unwelcome behaviour under the guidelines.";

/** A new community member (through createMember), with a unique GitHub handle and a unique word in their name. */
export async function member(name = "Member") {
  const handle = unique("gh");
  const created = await createMember({
    actor: system,
    input: { displayName: `${name} ${unique("n")}`, identities: [{ space: "github", handle }] },
  });
  return { ...created, handle };
}

/** Logs a case through createCase; `restricted` puts the logger on its team. */
export async function logCase(actor: Actor, subjectId: string, overrides: Record<string, unknown> = {}) {
  return createCase({ actor, input: caseInput(subjectId, overrides) });
}

/** Records a decision as the page does: the recommendation and version read first. */
export async function decide(
  actor: Actor,
  caseId: string,
  input: {
    level: "reminder" | "warning" | "permanent_ban" | "none";
    justification?: string;
    noContact?: { days: number; startsAt?: Date; protectedMemberIds: string[] };
  },
) {
  const ctx = await getDecisionContext({ actor, caseId });
  const deviates = input.level !== ctx.recommendation.level;
  return recordDecision({
    actor,
    input: {
      caseId,
      version: ctx.version,
      rationale: RATIONALE,
      ...input,
      ...(deviates && !input.justification ? { justification: "The incident was more serious than a first reminder." } : {}),
    },
  });
}

/** The case's current version, as a page would have read it. */
export async function caseVersion(db: TestDatabase, caseId: string): Promise<number> {
  return (await db.prisma.case.findUniqueOrThrow({ where: { id: caseId }, select: { version: true } })).version;
}

/** Counts of everything a case-team mutation writes: a refused one leaves them as they were. */
export async function teamSnapshot(db: TestDatabase, caseId: string) {
  const p = db.prisma;
  const [events, team, row] = await Promise.all([
    p.auditEvent.count(),
    p.caseTeamMember.findMany({ where: { caseId }, orderBy: { userId: "asc" } }),
    p.case.findUnique({ where: { id: caseId }, select: { restricted: true, version: true, assigneeId: true } }),
  ]);
  return { events, team, row };
}

export { daysAgo, system };
