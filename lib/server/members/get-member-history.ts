import "server-only";
import { z } from "zod";
import { activeNoContactTerms, standingOf, type Standing } from "@/lib/policy/ladder.ts";
import { protectedPeople } from "@/lib/policy/protected-people.ts";
import type { THistoryCase, THistoryDecision } from "@/lib/schemas/member.ts";
import type { TSpace } from "@/lib/schemas/vocabulary.ts";
import { getDb } from "../db.ts";
import { AppError } from "../errors.ts";
import { assertCan, type Actor, type SystemActor } from "../permissions.ts";
import { followMerges } from "./follow-merges.ts";
import { IDENTITY_ORDER, splitIdentities } from "./identity-order.ts";
import { ladderHistoryOf, loadMemberCases } from "./load-member-cases.ts";
import { describeAuditRow } from "@/lib/audit/describe.ts";
import { DAY } from "@/lib/policy/durations.ts";

export const OWN_RECORD_NOTE = "Cases about you are not shown to you";

export type HistoryDecision = THistoryDecision;
export type HistoryCase = THistoryCase;

export type NoContactTerm = {
  decisionId: string;
  caseNumber: string;
  startsAt: Date;
  endsAt: Date;
  daysLeft: number;
  /** id is null for a confidential reporter: named nowhere on a member page. */
  protectedPeople: { id: string | null; displayName: string }[];
};

/** One event about the record: its sentence says who did what (lib/audit/describe.ts). */
export type MemberAuditEntry = { seq: string; occurredAt: Date; action: string; actorLabel: string; sentence: string };

type Identity = { space: TSpace; handle: string };
/** An identity removed from the record: it still leads here ("was @x until …"). */
type RetiredIdentity = Identity & { retiredAt: Date };

type MemberEventRow = {
  seq: bigint;
  occurredAt: Date;
  action: string;
  actorType: string;
  actorLabel: string;
  before: unknown;
  after: unknown;
  metadata: unknown;
};

export type MemberHistory =
  /** The record was merged: it lives on in targetId. */
  | { kind: "merged"; id: string; targetId: string }
  /** The viewer's own record: identities only, since cases about them are hidden from them. */
  | {
      kind: "own";
      id: string;
      displayName: string;
      identities: Identity[];
      retiredIdentities: RetiredIdentity[];
      note: typeof OWN_RECORD_NOTE;
    }
  | {
      kind: "full";
      id: string;
      displayName: string;
      identities: Identity[];
      retiredIdentities: RetiredIdentity[];
      standing: Standing;
      cases: HistoryCase[];
      noContact: NoContactTerm[];
      audit: MemberAuditEntry[];
      mergedFrom: { id: string; displayName: string; mergedAt: Date | null }[];
    };

/**
 * A member's enforcement history: identities, standing, every case about them with its
 * decisions and reversals in time order, breaches, active no-contact terms and the
 * audit trail of the record. Cases the member reported are never listed: a reporter
 * stays confidential. A moderator never sees cases about themselves.
 */
export async function getMemberHistory({
  actor,
  memberId,
  withAuditTrail = true,
}: {
  actor: Actor | SystemActor;
  memberId: string;
  /** false when the caller shows no audit trail (the API): its events are then not read, and `audit` is empty. */
  withAuditTrail?: boolean;
}): Promise<MemberHistory> {
  assertCan(actor, "member.view");
  if (!z.uuid().safeParse(memberId).success) throw new AppError("not_found", "This member does not exist");
  const db = await getDb();
  const ownMemberId = "system" in actor ? null : actor.memberId;
  // Everything the page shows depends only on the member's id: read it all at once (in parallel
  // on PostgreSQL). The cases and events are wasted only for a merged, missing or own record.
  const started = <T>(query: Promise<T>) => {
    query.catch(() => {}); // awaited below, unless the record turns out merged, missing or the viewer's
    return query;
  };
  const casesQuery = started(loadMemberCases(db, memberId, actor));
  // The record's own events and those of the records merged into it.
  const eventsQuery = !withAuditTrail
    ? Promise.resolve<MemberEventRow[]>([])
    : started(db.$queryRaw<MemberEventRow[]>`
    SELECT seq, "occurredAt", action, "actorType", "actorLabel", before, after, metadata FROM "AuditEvent"
     WHERE "entityType" = 'member'
       AND "entityId" IN (SELECT ${memberId} UNION ALL SELECT id::text FROM "Member" WHERE "mergedIntoId" = ${memberId}::uuid)
     ORDER BY seq`);
  const [member, identityRows, mergedFrom] = await Promise.all([
    db.member.findUnique({ where: { id: memberId }, select: { id: true, displayName: true, mergedIntoId: true, reporterOnly: true } }),
    db.memberIdentity.findMany({ where: { memberId }, orderBy: IDENTITY_ORDER, select: { space: true, handle: true, retiredAt: true } }),
    db.member.findMany({
      where: { mergedIntoId: memberId },
      orderBy: { mergedAt: "asc" },
      select: { id: true, displayName: true, mergedAt: true },
    }),
  ]);
  // A record that exists only as a case's confidential reporter has no page: its existence alone
  // would tell who reported (the reveal on the case shows who they are, audited).
  if (!member || (member.reporterOnly && !("system" in actor))) throw new AppError("not_found", "This member does not exist");
  if (member.mergedIntoId) {
    const targetId = await followMerges(db, member.mergedIntoId);
    if (!targetId) throw new AppError("not_found", "This member does not exist");
    return { kind: "merged", id: member.id, targetId };
  }
  const { identities, retiredIdentities } = splitIdentities(identityRows);
  if (member.id === ownMemberId) {
    return { kind: "own", id: member.id, displayName: member.displayName, identities, retiredIdentities, note: OWN_RECORD_NOTE };
  }

  const [cases, events] = await Promise.all([casesQuery, eventsQuery]);

  const now = new Date();
  // The member is not the viewer (handled above): no case about them is hidden, so the cases
  // hold their whole ladder history.
  const history = ladderHistoryOf(cases);
  const terms = activeNoContactTerms(history, now).sort((a, b) => a.noContact.endsAt.getTime() - b.noContact.endsAt.getTime());
  // How each term's protected people are named: never the confidential reporter by name.
  const termDecisions = terms.length
    ? await db.decision.findMany({
        where: { id: { in: terms.map((t) => t.id) } },
        select: {
          id: true,
          protectedRoles: true,
          decidedBy: { select: { name: true, memberId: true } },
          protectedAssignee: { select: { name: true, memberId: true } },
          protections: {
            where: { member: { mergedIntoId: null } },
            select: { named: true, member: { select: { id: true, displayName: true } } },
          },
          case: { select: { involved: { select: { memberId: true } } } },
        },
      })
    : [];
  const peopleOf = new Map(
    termDecisions.map((d) => [
      d.id,
      protectedPeople({
        protectedMembers: d.protections.map((p) => ({ ...p.member, named: p.named })),
        roles: d.protectedRoles,
        involvedMemberIds: d.case.involved.map((i) => i.memberId),
        decider: d.decidedBy,
        assignee: d.protectedAssignee,
      }).map((p) => ({ id: p.memberId, displayName: p.label })),
    ]),
  );

  return {
    kind: "full",
    id: member.id,
    displayName: member.displayName,
    identities,
    retiredIdentities,
    standing: standingOf(history, now),
    // protectedMemberIds stay here: the page names protected people only through noContact.
    cases: cases.map((c) => ({ ...c, decisions: c.decisions.map(({ protectedMemberIds: _ids, ...d }) => d) })),
    noContact: terms.map((t) => ({
      decisionId: t.id,
      caseNumber: t.caseNumber,
      startsAt: t.noContact.startsAt,
      endsAt: t.noContact.endsAt,
      daysLeft: Math.max(0, Math.ceil((t.noContact.endsAt.getTime() - now.getTime()) / DAY)),
      protectedPeople: peopleOf.get(t.id) ?? [],
    })),
    audit: events.map((e) => ({
      seq: e.seq.toString(),
      occurredAt: e.occurredAt,
      action: e.action,
      actorLabel: e.actorLabel,
      sentence: describeAuditRow(e, { entityName: member.displayName }).sentence,
    })),
    mergedFrom,
  };
}
