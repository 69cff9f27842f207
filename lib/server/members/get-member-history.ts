import "server-only";
import { z } from "zod";
import { activeNoContactTerms, standingOf, type Standing } from "@/lib/policy/ladder.ts";
import type { THistoryCase, THistoryDecision } from "@/lib/schemas/member.ts";
import type { TSpace } from "@/lib/schemas/vocabulary.ts";
import { getDb } from "../db.ts";
import { AppError } from "../errors.ts";
import { assertCan, type Actor, type SystemActor } from "../permissions.ts";
import { followMerges } from "./follow-merges.ts";
import { IDENTITY_ORDER } from "./identity-order.ts";
import { ladderHistoryOf, loadMemberCases } from "./load-member-cases.ts";
import { summarizeMemberEvent } from "./summarize-member-event.ts";

const DAY = 24 * 60 * 60 * 1000;

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

export type MemberAuditEntry = { seq: string; occurredAt: Date; action: string; actorLabel: string; summary: string };

type Identity = { space: TSpace; handle: string };

type MemberEventRow = {
  seq: bigint;
  occurredAt: Date;
  action: string;
  actorLabel: string;
  before: unknown;
  after: unknown;
  metadata: unknown;
};

export type MemberHistory =
  /** The record was merged: it lives on in targetId. */
  | { kind: "merged"; id: string; targetId: string }
  /** The viewer's own record: identities only, since cases about them are hidden from them. */
  | { kind: "own"; id: string; displayName: string; identities: Identity[]; note: typeof OWN_RECORD_NOTE }
  | {
      kind: "full";
      id: string;
      displayName: string;
      identities: Identity[];
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
    SELECT seq, "occurredAt", action, "actorLabel", before, after, metadata FROM "AuditEvent"
     WHERE "entityType" = 'member'
       AND "entityId" IN (SELECT ${memberId} UNION ALL SELECT id::text FROM "Member" WHERE "mergedIntoId" = ${memberId}::uuid)
     ORDER BY seq`);
  const [member, identities, mergedFrom] = await Promise.all([
    db.member.findUnique({ where: { id: memberId }, select: { id: true, displayName: true, mergedIntoId: true } }),
    db.memberIdentity.findMany({ where: { memberId }, orderBy: IDENTITY_ORDER, select: { space: true, handle: true } }),
    db.member.findMany({
      where: { mergedIntoId: memberId },
      orderBy: { mergedAt: "asc" },
      select: { id: true, displayName: true, mergedAt: true },
    }),
  ]);
  if (!member) throw new AppError("not_found", "This member does not exist");
  if (member.mergedIntoId) {
    const targetId = await followMerges(db, member.mergedIntoId);
    if (!targetId) throw new AppError("not_found", "This member does not exist");
    return { kind: "merged", id: member.id, targetId };
  }
  if (member.id === ownMemberId) {
    return { kind: "own", id: member.id, displayName: member.displayName, identities, note: OWN_RECORD_NOTE };
  }

  const [cases, events] = await Promise.all([casesQuery, eventsQuery]);

  const now = new Date();
  // The member is not the viewer (handled above): no case about them is hidden, so the cases
  // hold their whole ladder history.
  const history = ladderHistoryOf(cases);
  const terms = activeNoContactTerms(history, now).sort((a, b) => a.noContact.endsAt.getTime() - b.noContact.endsAt.getTime());
  const protectedIds = [...new Set(terms.flatMap((t) => t.noContact.protectedMemberIds))];
  const [people, termCases] = terms.length
    ? await Promise.all([
        // A merged record's duplicate protection stays on the Warning: its person is listed once, as the record merged into.
        db.member.findMany({ where: { id: { in: protectedIds }, mergedIntoId: null }, select: { id: true, displayName: true } }),
        // A Warning may protect the case's reporter; naming them here would reveal who reported.
        db.case.findMany({
          where: { id: { in: terms.map((t) => t.caseId) } },
          select: { id: true, reporterMemberId: true, involved: { select: { memberId: true } } },
        }),
      ])
    : [[], []];
  const names = new Map(people.map((p) => [p.id, p.displayName]));
  const confidential = new Map(
    termCases.map((c) => [
      c.id,
      c.reporterMemberId && !c.involved.some((i) => i.memberId === c.reporterMemberId) ? c.reporterMemberId : null,
    ]),
  );

  return {
    kind: "full",
    id: member.id,
    displayName: member.displayName,
    identities,
    standing: standingOf(history, now),
    // protectedMemberIds stay here: the page names protected people only through noContact.
    cases: cases.map((c) => ({ ...c, decisions: c.decisions.map(({ protectedMemberIds: _ids, ...d }) => d) })),
    noContact: terms.map((t) => ({
      decisionId: t.id,
      caseNumber: t.caseNumber,
      startsAt: t.noContact.startsAt,
      endsAt: t.noContact.endsAt,
      daysLeft: Math.max(0, Math.ceil((t.noContact.endsAt.getTime() - now.getTime()) / DAY)),
      protectedPeople: t.noContact.protectedMemberIds
        .filter((id) => names.has(id) || id === confidential.get(t.caseId))
        .map((id) =>
          id === confidential.get(t.caseId)
            ? { id: null, displayName: "The reporter (confidential)" }
            : { id, displayName: names.get(id) ?? "Unknown member" },
        )
        .sort((a, b) => a.displayName.localeCompare(b.displayName)),
    })),
    audit: events.map((e) => ({
      seq: e.seq.toString(),
      occurredAt: e.occurredAt,
      action: e.action,
      actorLabel: e.actorLabel,
      summary: summarizeMemberEvent(e),
    })),
    mergedFrom,
  };
}
