import "server-only";
import { buildNoticeText, noticeText, type NoticeProtected } from "@/lib/exports/decision-notice.ts";
import { caseAccess, mayWorkCase } from "@/lib/policy/case-access.ts";
import { ZDecisionRef } from "@/lib/schemas/export.ts";
import { normalizeHandle, type TLevel } from "@/lib/schemas/vocabulary.ts";
import { CASE_PARTIES_SELECT, partiesOf, viewerOf, visibleCasesWhere } from "../cases/visibility.ts";
import { getDb, type PrismaClient, type Tx } from "../db.ts";
import { AppError } from "../errors.ts";
import { assertCan, type Actor } from "../permissions.ts";
import { parseInput } from "../zod-errors.ts";

export type DecisionNotice = {
  decisionId: string;
  caseNumber: string;
  level: TLevel;
  subject: string;
  /** The message only (the subject line apart). */
  body: string;
  /** The whole message: subject line, then body. */
  text: string;
  memberNotifiedAt: Date | null;
  /**
   * Once sent, the notice is the text that was sent, as kept then: never rebuilt from the case
   * as it is now. `kept` is false only for a notice marked as sent before texts were kept.
   */
  sent: { at: Date; by: string | null; kept: boolean } | null;
  /** Whether this user may record that the notice was sent (not viewers, not recused moderators). */
  mayMarkSent: boolean;
};

const NOTICE_SELECT = {
  id: true,
  level: true,
  rationale: true,
  decidedAt: true,
  noContactStartsAt: true,
  noContactEndsAt: true,
  memberNotifiedAt: true,
  reversal: { select: { id: true } },
  notices: {
    orderBy: { sentAt: "desc" },
    take: 1,
    select: { subject: true, body: true, sentAt: true, sentBy: { select: { name: true } } },
  },
  // A merged record's duplicate row stays on the Warning; its person is the record it was merged into.
  protections: {
    where: { member: { mergedIntoId: null } },
    select: { named: true, member: { select: { id: true, displayName: true, user: { select: { id: true } } } } },
  },
  protectedRoles: true,
  case: {
    select: {
      id: true,
      number: true,
      space: true,
      standards: true,
      occurredAt: true,
      ...CASE_PARTIES_SELECT,
      subject: { select: { displayName: true, identities: { select: { handleNormalized: true } } } },
    },
  },
} as const;

/**
 * Loads the decision's notice as this actor may read it, inside a transaction or not: the kept
 * text once it was sent, otherwise built now from the guidelines' wording for its level
 * (`fresh` builds it now whatever was kept: what markNoticeSent stores).
 */
export async function loadDecisionNotice(
  db: Tx | PrismaClient,
  actor: Actor,
  decisionId: string,
  options: { fresh?: boolean } = {},
): Promise<DecisionNotice> {
  const d = await db.decision.findFirst({ where: { id: decisionId, case: visibleCasesWhere(actor) }, select: NOTICE_SELECT });
  if (!d) throw new AppError("not_found", "This decision does not exist");
  const access = caseAccess(viewerOf(actor), partiesOf(d.case));
  if (access === "hidden" || access === "stub") throw new AppError("not_found", "This decision does not exist");
  if (!d.level) throw new AppError("rule", "This decision took no action: there is no notice to send");
  const kept = options.fresh ? undefined : d.notices[0];
  const base = {
    decisionId: d.id,
    caseNumber: d.case.number,
    level: d.level,
    memberNotifiedAt: d.memberNotifiedAt,
    mayMarkSent: mayWorkCase(actor.role, access) && !d.reversal && !d.memberNotifiedAt,
  };
  if (kept) {
    // What the member was told, exactly: even if the decision was reversed since.
    return {
      ...base,
      subject: kept.subject,
      body: kept.body,
      text: noticeText(kept),
      sent: { at: kept.sentAt, by: kept.sentBy?.name ?? null, kept: true },
    };
  }
  // A reversed decision has no notice to send; one sent before texts were kept is still shown (rebuilt, and labelled so).
  if (d.reversal && (options.fresh || !d.memberNotifiedAt))
    throw new AppError("rule", "This decision was reversed: there is no notice to send");
  const involved = new Set(d.case.involved.map((i) => i.memberId));
  // Someone protected only as the reporter has no row (the role says so) and is never named: the notice says
  // "the person who reported this", exactly as when the reporter is also named for another reason.
  const protectedPeople: NoticeProtected[] = d.protections
    .filter((p) => p.named)
    .map(({ member }) => ({ kind: "named", name: member.displayName, coreTeam: member.user !== null && !involved.has(member.id) }));
  if (d.protectedRoles.includes("reporter")) protectedPeople.push({ kind: "reporter" });
  const notice = buildNoticeText({
    caseNumber: d.case.number,
    // A record created from a handle alone carries the handle as its name: greet without one.
    memberName: d.case.subject.identities.some((i) => i.handleNormalized === normalizeHandle(d.case.subject.displayName))
      ? null
      : d.case.subject.displayName,
    level: d.level,
    rationale: d.rationale,
    standards: d.case.standards,
    space: d.case.space,
    occurredAt: d.case.occurredAt,
    decidedAt: d.decidedAt,
    noContact:
      d.noContactStartsAt && d.noContactEndsAt
        ? { startsAt: d.noContactStartsAt, endsAt: d.noContactEndsAt, protected: protectedPeople }
        : null,
  });
  return {
    ...base,
    subject: notice.subject,
    body: notice.body,
    text: noticeText(notice),
    // Marked as sent before the text was kept: the text below is rebuilt, and says so.
    sent: d.memberNotifiedAt && !options.fresh ? { at: d.memberNotifiedAt, by: null, kept: false } : null,
  };
}

/**
 * The notice to send the member about a standing decision, from the guidelines' wording for
 * its level; once sent, the text that was sent. Anyone who may read the case may read it: it
 * never names the reporter (unless they are also an involved person, and then not as the
 * reporter).
 */
export async function buildDecisionNotice({ actor, input }: { actor: Actor; input: unknown }): Promise<DecisionNotice> {
  assertCan(actor, "case.view");
  const { decisionId } = parseInput(ZDecisionRef, input);
  return loadDecisionNotice(await getDb(), actor, decisionId);
}
