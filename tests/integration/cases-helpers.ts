import { randomUUID } from "node:crypto";
import type { TestDatabase } from "./harness.ts";
import { unique } from "./harness.ts";
import { createCase } from "@/lib/server/cases/create-case.ts";
import type { Actor } from "@/lib/server/permissions.ts";
import { createUser } from "@/lib/server/users/create-user.ts";
import { linkUserMember } from "@/lib/server/users/link-user-member.ts";
import { normalizeHandle, type TRole } from "@/lib/schemas/vocabulary.ts";

/* Shared set-up for the case integration tests: every record is new and unique per test. */

export const system = { system: true as const, label: "test" };
const DAY = 24 * 60 * 60 * 1000;
export const daysAgo = (n: number) => new Date(Date.now() - n * DAY);

export async function newMember(db: TestDatabase, name = "Member") {
  const handle = unique("gh");
  const member = await db.prisma.member.create({
    data: {
      displayName: `${name} ${handle}`,
      identities: { create: { space: "github", handle, handleNormalized: normalizeHandle(handle) } },
    },
    select: { id: true, displayName: true },
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

/** An earlier Warning against the member, written directly: its no-contact period protects `protectedIds`. */
export async function recordWarning(
  db: TestDatabase,
  actor: Actor,
  subjectId: string,
  protectedIds: string[],
  period: { startsAt: Date; endsAt: Date },
  options: { reversed?: boolean } = {},
) {
  const earlier = await logCase(actor, subjectId, { occurredAt: daysAgo(60).toISOString() });
  const decision = await db.prisma.decision.create({
    data: {
      caseId: earlier.id,
      level: "warning",
      recommendedLevel: "warning",
      rationale: "Repeated hostile messages after a Reminder: a Warning with a no-contact period.",
      decidedById: actor.id,
      decidedAt: period.startsAt,
      noContactStartsAt: period.startsAt,
      noContactEndsAt: period.endsAt,
      protections: { create: protectedIds.map((memberId) => ({ memberId })) },
      ...(options.reversed ? { reversal: { create: { id: randomUUID(), reason: "On appeal", reversedById: actor.id } } } : {}),
    },
    select: { id: true },
  });
  return { decisionId: decision.id, caseNumber: earlier.number };
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
