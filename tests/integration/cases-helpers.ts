import type { TestDatabase } from "./harness.ts";
import { unique } from "./harness.ts";
import { createCase } from "@/lib/server/cases/create-case.ts";
import { recordDecision } from "@/lib/server/decisions/record-decision.ts";
import { reverseDecision } from "@/lib/server/decisions/reverse-decision.ts";
import { createMember } from "@/lib/server/members/create-member.ts";
import type { Actor } from "@/lib/server/permissions.ts";
import { createUser } from "@/lib/server/users/create-user.ts";
import { linkUserMember } from "@/lib/server/users/link-user-member.ts";
import type { TLevel, TRole } from "@/lib/schemas/vocabulary.ts";
import { DAY } from "@/lib/policy/durations.ts";

/* Shared set-up for the case integration tests: every record is new and unique per test. */

export const system = { system: true as const, label: "test" };
export const daysAgo = (n: number) => new Date(Date.now() - n * DAY);

/** A member with one GitHub handle, added through the Members page's domain function. */
export async function newMember(_db: TestDatabase, name = "Member") {
  const handle = unique("gh");
  const member = await createMember({
    actor: system,
    input: { displayName: `${name} ${handle}`, identities: [{ space: "github", handle }] },
  });
  return { ...member, handle };
}

export async function newActor(db: TestDatabase, role: TRole, options: { memberId?: string } = {}): Promise<Actor> {
  const user = await createUser({ actor: system, input: { email: `${unique()}@example.org`, name: `${role} ${unique()}`, role } });
  if (options.memberId) {
    await linkUserMember({ actor: system, input: { userId: user.id, member: { memberId: options.memberId } } });
  }
  return { id: user.id, role, name: user.name, memberId: options.memberId ?? null };
}

/** A valid case input against `subjectId`, with a unique word in its description to find it by. */
export function caseInput(subjectId: string, overrides: Record<string, unknown> = {}) {
  return {
    subject: { memberId: subjectId },
    reporter: { kind: "anonymous" },
    involved: [],
    space: "github",
    occurredAt: daysAgo(1).toISOString(),
    standards: ["unprofessional"],
    description: `Dismissive comment ${unique("w")}`,
    evidence: [],
    ...overrides,
  };
}

export async function logCase(actor: Actor, subjectId: string, overrides: Record<string, unknown> = {}) {
  const created = await createCase({ actor, input: caseInput(subjectId, overrides) });
  return created;
}

const RATIONALE = "Repeated hostile messages after a Reminder: a decision along the ladder.";

/**
 * Decides a case through the app (recordDecision, as the decision form does): any level, with a
 * justification in case it is not the recommended one; a Warning's no-contact period from
 * `noContact.startsAt` (which may lie in the past) for `days`.
 */
export async function decide(
  actor: Actor,
  c: { id: string },
  level: TLevel | "none",
  options: { noContact?: { startsAt: Date; days: number; protect: string[] }; version?: number } = {},
) {
  return recordDecision({
    actor,
    input: {
      caseId: c.id,
      version: options.version ?? 1,
      level,
      rationale: RATIONALE,
      justification: "Chosen by the test against the recommendation when they differ.",
      noContact: options.noContact
        ? { days: options.noContact.days, startsAt: options.noContact.startsAt, protectedMemberIds: options.noContact.protect }
        : undefined,
    },
  });
}

/** Reverses a decision as a new admin (reverseDecision needs the admin role), through the app. */
export async function reverse(db: TestDatabase, decisionId: string, reason = "On appeal: the evidence did not hold up.") {
  return reverseDecision({ actor: await newActor(db, "admin"), input: { decisionId, reason } });
}

/**
 * An earlier Warning against the member, recorded through the app on a case of its own: its
 * no-contact period starts at `period.startsAt` (in the past, if need be) and lasts until
 * `period.endsAt` (rounded to whole days), protecting `protectedIds`. The app refuses a period
 * that has already ended, so a test that needs one outside an incident puts the incident
 * before the period's start instead.
 */
export async function recordWarning(
  db: TestDatabase,
  actor: Actor,
  subjectId: string,
  protectedIds: string[],
  period: { startsAt: Date; endsAt: Date },
  options: { reversed?: boolean } = {},
) {
  const occurredAt = new Date(Math.min(daysAgo(60).getTime(), period.startsAt.getTime() - DAY));
  const earlier = await logCase(actor, subjectId, { occurredAt: occurredAt.toISOString() });
  const days = Math.round((period.endsAt.getTime() - period.startsAt.getTime()) / DAY);
  const decision = await decide(actor, earlier, "warning", { noContact: { startsAt: period.startsAt, days, protect: protectedIds } });
  if (options.reversed) await reverse(db, decision.id);
  return { decisionId: decision.id, caseNumber: earlier.number, caseId: earlier.id };
}

/** Everything a refused mutation must leave untouched. */
export async function snapshot(db: TestDatabase, caseId?: string) {
  const p = db.prisma;
  const [cases, members, events, notes, statusChanges, evidence, involvements, row] = await Promise.all([
    p.case.count(),
    p.member.count(),
    p.auditEvent.count(),
    p.caseNote.count(),
    p.caseStatusChange.count(),
    p.evidenceLink.count(),
    p.caseInvolvement.count(),
    caseId ? p.case.findUnique({ where: { id: caseId } }) : Promise.resolve(null),
  ]);
  return { cases, members, events, notes, statusChanges, evidence, involvements, row };
}
