import "server-only";
import { randomUUID } from "node:crypto";
import { findBreach } from "@/lib/policy/ladder.ts";
import { ZCreateCaseSchema } from "@/lib/schemas/case.ts";
import type { TMemberRef } from "@/lib/schemas/member.ts";
import { normalizeHandle } from "@/lib/schemas/vocabulary.ts";
import { auditActorOf, recordAudit } from "../audit.ts";
import { getDb, type Tx } from "../db.ts";
import { lockLadders } from "../decisions/ladder-lock.ts";
import { followMerges } from "../members/follow-merges.ts";
import { AppError } from "../errors.ts";
import { loadLadderHistory } from "../members/load-ladder-history.ts";
import { resolveMemberRef } from "../members/resolve-member-ref.ts";
import { assertCan, type Actor, type SystemActor } from "../permissions.ts";
import { parseInput } from "../zod-errors.ts";
import { memberIdOf, userIdOf } from "./case-guard.ts";
import { encryptCaseReporter } from "./case-reporter.ts";
import { nextCaseNumber } from "./next-case-number.ts";

export type CreatedCase = { id: string; number: string; breach: { decisionId: string; caseNumber: string } | null };

/**
 * Logs a case: resolves (or creates) the members it names, takes the next number of the
 * year, flags a breach of an active Warning's no-contact terms, and records it all in one
 * transaction. The reporter's identity is stored on the case only, encrypted (case-reporter.ts),
 * never in the audit trail.
 *
 * `options.loggedAt` is for the demo seed only (prisma/demo-community.ts), which replays a
 * story that happened in the past: it sets the year the case is numbered in and the time
 * its rows are stamped with. The app never passes it: a case is logged now.
 */
export async function createCase(
  { actor, input }: { actor: Actor | SystemActor; input: unknown },
  options: { loggedAt?: Date } = {},
): Promise<CreatedCase> {
  assertCan(actor, "case.create");
  const data = parseInput(ZCreateCaseSchema, input);
  const audit = auditActorOf(actor);
  const userId = userIdOf(actor);
  // A restricted case starts with whoever logs it as its team: someone must be able to see it.
  const team = data.restricted && !("system" in actor) ? { id: actor.id, name: actor.name } : null;
  if (data.restricted && !team) throw new AppError("invalid", "A restricted case is logged by a team member, who is put on its team");
  // Without loggedAt, the database stamps the rows (its default: now).
  const stamp = options.loggedAt ? { createdAt: options.loggedAt } : {};
  const db = await getDb();
  return db.$transaction(async (tx) => {
    // The number first: the counter row is locked until commit, so creations queue here
    // before taking any other lock (the audit chain's), and never deadlock one another.
    const { year, sequence, number } = await nextCaseNumber(tx, (options.loggedAt ?? new Date()).getUTCFullYear());

    // The subject's ladder lock before anything is written (the audit chain's lock is held until
    // commit): a reversal or merge changing their history waits for this case, or this case for it,
    // so its breach is computed on the history as it stands. A new member has no history to guard.
    const existing = await existingMemberId(tx, data.subject);
    if (existing) await lockLadders(tx, [existing]);
    const subject = await resolveMemberRef(tx, data.subject, audit);
    const reporterMember =
      data.reporter.kind === "member" ? await resolveMemberRef(tx, data.reporter.member, audit, { asReporter: true }) : null;
    const involved = new Map<string, string>();
    for (const ref of data.involved) {
      const member = await resolveMemberRef(tx, ref, audit);
      involved.set(member.id, member.displayName);
    }
    if (involved.has(subject.id)) {
      throw new AppError("invalid", "The subject cannot also be an involved person", {
        involved: `${subject.displayName} is the subject of this case: remove them from the involved people`,
      });
    }
    if (team && memberIdOf(actor) === subject.id) {
      throw new AppError("rule", "A case about you cannot be restricted to a team of you: log it unrestricted, or ask someone else to", {
        restricted: "A case about you cannot be restricted to a team of you",
      });
    }
    if (reporterMember?.id === subject.id) {
      throw new AppError("invalid", "The subject cannot be the reporter", { reporter: "The subject of a case cannot be its reporter" });
    }

    // A reporter who is a member and was contacted again is as much a party to a breach as those involved.
    const parties = reporterMember ? [...involved.keys(), reporterMember.id] : [...involved.keys()];
    const breach = findBreach(await loadLadderHistory(tx, subject.id), parties, data.occurredAt);
    // The reporter is encrypted, bound to the case's id: the id is chosen here.
    const caseId = randomUUID();
    const reporter = encryptCaseReporter(
      caseId,
      reporterMember
        ? { memberId: reporterMember.id }
        : data.reporter.kind === "contact"
          ? { name: data.reporter.name, contact: data.reporter.email }
          : null,
    );
    const created = await tx.case.create({
      data: {
        id: caseId,
        number,
        year,
        sequence,
        status: "new",
        subjectId: subject.id,
        reporterKind: data.reporter.kind,
        ...reporter,
        space: data.space,
        occurredAt: data.occurredAt,
        standards: data.standards,
        description: data.description,
        loggedById: userId,
        breachOfDecisionId: breach?.decisionId ?? null,
        ...(team
          ? {
              restricted: true,
              team: { create: { userId: team.id, addedById: team.id, ...(options.loggedAt ? { addedAt: options.loggedAt } : {}) } },
            }
          : {}),
        involved: { create: [...involved.keys()].map((memberId) => ({ memberId })) },
        evidence: { create: data.evidence.map((url) => ({ url, addedById: userId, ...stamp })) },
        statusChanges: { create: { from: null, to: "new", actorId: userId, ...stamp } },
        ...stamp,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actor: audit,
      action: "case.created",
      entityType: "case",
      entityId: created.id,
      after: {
        number,
        status: "new",
        subject: { id: subject.id, name: subject.displayName },
        // Confidential: only the kind of reporter, never who.
        reporterKind: data.reporter.kind,
        involved: [...involved].map(([id, name]) => ({ id, name })),
        space: data.space,
        occurredAt: data.occurredAt.toISOString(),
        standards: data.standards,
        description: data.description,
        evidence: data.evidence,
        breachOf: breach ? { decisionId: breach.decisionId, caseNumber: breach.caseNumber } : null,
        ...(team ? { restricted: true, team: [team] } : {}),
      },
    });
    return { id: created.id, number, breach: breach ? { decisionId: breach.decisionId, caseNumber: breach.caseNumber } : null };
  });
}

/** The member a reference names, if one exists already (read only: nothing is created here). */
async function existingMemberId(tx: Tx, ref: TMemberRef): Promise<string | null> {
  if ("memberId" in ref) return followMerges(tx, ref.memberId);
  const identity = await tx.memberIdentity.findUnique({
    where: { space_handleNormalized: { space: ref.space, handleNormalized: normalizeHandle(ref.handle) } },
    select: { memberId: true },
  });
  return identity ? followMerges(tx, identity.memberId) : null;
}
