import "server-only";
import { caseAccess } from "@/lib/policy/case-access.ts";
import { ZCaseNumber, type TCaseStatus, type TSpace } from "@/lib/schemas/vocabulary.ts";
import { getDb } from "../db.ts";
import { assertCan, type Actor } from "../permissions.ts";
import { accessOrNotFound, caseNotFound } from "./case-guard.ts";
import { redactHiddenCaseRefs } from "./restricted-case-refs.ts";
import { hiddenBreaches, withoutBreach } from "./breach-visibility.ts";
import { CASE_PARTIES_SELECT, partiesOf, viewerOf, visibleCasesWhere } from "./visibility.ts";

export type CaseNoteView = {
  id: string;
  body: string;
  authorId: string;
  authorName: string;
  createdAt: Date;
  /** Earlier texts of this note, newest first: an edit never loses what was written. */
  revisions: { id: string; body: string; authorName: string; createdAt: Date }[];
};

export type CaseAuditEntry = {
  seq: string;
  occurredAt: Date;
  actorType: string;
  actorLabel: string;
  action: string;
  before: unknown;
  after: unknown;
  metadata: unknown;
};

export type CaseDetail = Awaited<ReturnType<typeof getCase>>;

/**
 * One case as the actor may see it: "full" or "recused" access; a case whose subject is
 * the actor answers as missing. The reporter appears only as a kind: their identity is
 * read by revealReporter alone.
 */
export async function getCase({ actor, number }: { actor: Actor; number: string }) {
  assertCan(actor, "case.view");
  if (!ZCaseNumber.safeParse(number).success) throw caseNotFound();
  const db = await getDb();
  const c = await db.case.findFirst({
    where: { AND: [{ number }, visibleCasesWhere(actor)] },
    select: {
      id: true,
      number: true,
      status: true,
      version: true,
      space: true,
      occurredAt: true,
      standards: true,
      description: true,
      createdAt: true,
      updatedAt: true,
      ...CASE_PARTIES_SELECT,
      reporterKind: true,
      subject: {
        select: { id: true, displayName: true, identities: { select: { space: true, handle: true }, orderBy: { space: "asc" } } },
      },
      involved: {
        where: { member: { mergedIntoId: null } },
        select: {
          memberId: true,
          member: {
            select: { id: true, displayName: true, identities: { select: { space: true, handle: true }, orderBy: { space: "asc" } } },
          },
        },
      },
      assignee: { select: { id: true, name: true } },
      loggedBy: { select: { name: true } },
      breachOfDecision: {
        select: { id: true, noContactEndsAt: true, case: { select: { id: true, number: true, ...CASE_PARTIES_SELECT } } },
      },
      evidence: {
        orderBy: { createdAt: "asc" },
        select: { id: true, url: true, note: true, createdAt: true, addedBy: { select: { name: true } } },
      },
      notes: {
        orderBy: { createdAt: "asc" },
        select: { id: true, body: true, authorId: true, supersedesId: true, createdAt: true, author: { select: { name: true } } },
      },
      statusChanges: {
        orderBy: { createdAt: "asc" },
        select: { id: true, from: true, to: true, reason: true, createdAt: true, actor: { select: { name: true } } },
      },
      decisions: { select: { id: true } },
    },
  });
  if (!c) throw caseNotFound();
  const access = accessOrNotFound(actor, c);

  const rawEvents = await db.auditEvent.findMany({
    where: {
      OR: [
        { entityType: "case", entityId: c.id },
        ...(c.decisions.length ? [{ entityType: "decision", entityId: { in: c.decisions.map((d) => d.id) } }] : []),
      ],
    },
    orderBy: { seq: "asc" },
    select: { seq: true, occurredAt: true, actorType: true, actorLabel: true, action: true, before: true, after: true, metadata: true },
  });
  // Another case named in these events (the Warning a breach is of) may be restricted from the actor.
  // A breach that would tell who reported the Warning's case is shown only to who may reveal them.
  const breachHidden = (await hiddenBreaches(db, actor, [{ caseId: c.id, breachOfDecisionId: c.breachOfDecision?.id ?? null }])).has(c.id);
  const events = await redactHiddenCaseRefs(db, actor, breachHidden ? withoutBreach(rawEvents) : rawEvents);
  const breachedCase = c.breachOfDecision?.case;
  const breachNamed = breachedCase ? ["full", "recused"].includes(caseAccess(viewerOf(actor), partiesOf(breachedCase))) : false;

  return {
    id: c.id,
    number: c.number,
    status: c.status as TCaseStatus,
    version: c.version,
    access,
    space: c.space as TSpace,
    occurredAt: c.occurredAt,
    standards: c.standards,
    description: c.description,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    loggedByName: c.loggedBy?.name ?? null,
    subject: { id: c.subject.id, name: c.subject.displayName, identities: c.subject.identities },
    involved: c.involved.map((i) => ({ id: i.member.id, name: i.member.displayName, identities: i.member.identities })),
    // Confidential: the kind only.
    reporter: { kind: c.reporterKind },
    assignee: c.assignee,
    breach:
      c.breachOfDecision && !breachHidden
        ? {
            decisionId: c.breachOfDecision.id,
            /** null when that case is restricted to a case team the actor is not on: the breach still stands. */
            caseNumber: breachNamed ? c.breachOfDecision.case.number : null,
            noContactEndsAt: c.breachOfDecision.noContactEndsAt,
          }
        : null,
    evidence: c.evidence.map((e) => ({ id: e.id, url: e.url, note: e.note, createdAt: e.createdAt, addedByName: e.addedBy?.name ?? null })),
    notes: notesWithRevisions(c.notes),
    statusHistory: c.statusChanges.map((s) => ({
      id: s.id,
      from: s.from as TCaseStatus | null,
      to: s.to as TCaseStatus,
      reason: s.reason,
      createdAt: s.createdAt,
      actorName: s.actor?.name ?? null,
    })),
    audit: events.map((e): CaseAuditEntry => ({
      seq: e.seq.toString(),
      occurredAt: e.occurredAt,
      actorType: e.actorType,
      actorLabel: e.actorLabel,
      action: e.action,
      before: e.before,
      after: e.after,
      metadata: e.metadata,
    })),
  };
}

type NoteRow = { id: string; body: string; authorId: string; supersedesId: string | null; createdAt: Date; author: { name: string } };

/** The current notes (those no edit superseded), each with the chain of texts it replaced. */
function notesWithRevisions(rows: NoteRow[]): CaseNoteView[] {
  const byId = new Map(rows.map((n) => [n.id, n]));
  const superseded = new Set(rows.map((n) => n.supersedesId).filter((id): id is string => id !== null));
  const current = rows.filter((n) => !superseded.has(n.id));
  const notes = current.map((n) => {
    const revisions: CaseNoteView["revisions"] = [];
    for (
      let prev = n.supersedesId ? byId.get(n.supersedesId) : undefined;
      prev;
      prev = prev.supersedesId ? byId.get(prev.supersedesId) : undefined
    ) {
      revisions.push({ id: prev.id, body: prev.body, authorName: prev.author.name, createdAt: prev.createdAt });
    }
    return { id: n.id, body: n.body, authorId: n.authorId, authorName: n.author.name, createdAt: n.createdAt, revisions };
  });
  // In the order the notes were first written: an edit does not move a note to the end.
  const firstWritten = (n: CaseNoteView) => (n.revisions.at(-1)?.createdAt ?? n.createdAt).getTime();
  return notes.sort((a, b) => firstWritten(a) - firstWritten(b));
}
