import "server-only";
import { buildNoticeText, noticeText, type NoticeProtected } from "@/lib/exports/decision-notice.ts";
import { caseAccess, mayWorkCase } from "@/lib/policy/case-access.ts";
import { ZDecisionRef } from "@/lib/schemas/export.ts";
import type { TLevel } from "@/lib/schemas/vocabulary.ts";
import { CASE_PARTIES_SELECT, partiesOf, viewerOf, visibleCasesWhere } from "../cases/visibility.ts";
import { getDb } from "../db.ts";
import { AppError } from "../errors.ts";
import { assertCan, type Actor } from "../permissions.ts";
import { parseInput } from "../zod-errors.ts";

export type DecisionNotice = {
  decisionId: string;
  caseNumber: string;
  level: TLevel;
  subject: string;
  /** The whole message: subject line, then body. */
  text: string;
  memberNotifiedAt: Date | null;
  /** Whether this user may record that the notice was sent (not viewers, not recused moderators). */
  mayMarkSent: boolean;
};

/**
 * The notice to send the member about a standing decision, from the guidelines' wording for
 * its level. Anyone who may read the case may read it: it never names the reporter (unless
 * they are also an involved person, and then not as the reporter).
 */
export async function buildDecisionNotice({ actor, input }: { actor: Actor; input: unknown }): Promise<DecisionNotice> {
  assertCan(actor, "case.view");
  const { decisionId } = parseInput(ZDecisionRef, input);
  const db = await getDb();
  const d = await db.decision.findFirst({
    where: { id: decisionId, case: visibleCasesWhere(actor) },
    select: {
      id: true,
      level: true,
      rationale: true,
      decidedAt: true,
      noContactStartsAt: true,
      noContactEndsAt: true,
      memberNotifiedAt: true,
      reversal: { select: { id: true } },
      protections: { select: { member: { select: { id: true, displayName: true, user: { select: { id: true } } } } } },
      case: {
        select: {
          number: true,
          space: true,
          standards: true,
          occurredAt: true,
          ...CASE_PARTIES_SELECT,
          subject: { select: { displayName: true } },
        },
      },
    },
  });
  if (!d) throw new AppError("not_found", "This decision does not exist");
  if (d.reversal) throw new AppError("rule", "This decision was reversed: there is no notice to send");
  if (!d.level) throw new AppError("rule", "This decision took no action: there is no notice to send");
  const involved = new Set(d.case.involved.map((i) => i.memberId));
  const access = caseAccess(viewerOf(actor), partiesOf(d.case));
  const protectedPeople: NoticeProtected[] = d.protections.map(({ member }) =>
    member.id === d.case.reporterMemberId && !involved.has(member.id)
      ? { kind: "reporter" }
      : { kind: "named", name: member.displayName, coreTeam: member.user !== null && !involved.has(member.id) },
  );
  const notice = buildNoticeText({
    caseNumber: d.case.number,
    memberName: d.case.subject.displayName,
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
    decisionId: d.id,
    caseNumber: d.case.number,
    level: d.level,
    subject: notice.subject,
    text: noticeText(notice),
    memberNotifiedAt: d.memberNotifiedAt,
    mayMarkSent: mayWorkCase(actor.role, access),
  };
}
