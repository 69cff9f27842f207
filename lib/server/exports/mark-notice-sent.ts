import "server-only";
import { createHash } from "node:crypto";
import { caseAccess, RECUSED_MESSAGE } from "@/lib/policy/case-access.ts";
import { formatDateTime } from "@/lib/format/dates.ts";
import { ZDecisionRef } from "@/lib/schemas/export.ts";
import { auditActorOf, recordAudit } from "../audit.ts";
import { CASE_PARTIES_SELECT, partiesOf, viewerOf, visibleCasesWhere } from "../cases/visibility.ts";
import { getDb } from "../db.ts";
import { AppError } from "../errors.ts";
import { assertCan, type Actor } from "../permissions.ts";
import { parseInput } from "../zod-errors.ts";
import { loadDecisionNotice } from "./build-decision-notice.ts";

const SENT_BY_SOMEONE_ELSE = "The notice was just marked as sent by someone else";

/**
 * Records that the decision notice was sent to the member (memberNotifiedAt), once, and keeps
 * the exact notice sent (subject line and body, as built at that moment) in a DecisionNotice
 * row, in the same transaction as its audit event: from then on every place that shows or
 * downloads the notice shows that text, whatever happens to the case later. Viewers cannot; a
 * recused moderator cannot; a reversed or no-action decision has no notice.
 */
export async function markNoticeSent({ actor, input }: { actor: Actor; input: unknown }) {
  assertCan(actor, "decision.create");
  const { decisionId } = parseInput(ZDecisionRef, input);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const d = await tx.decision.findFirst({
      where: { id: decisionId, case: visibleCasesWhere(actor) },
      select: {
        id: true,
        level: true,
        memberNotifiedAt: true,
        reversal: { select: { id: true } },
        case: { select: { id: true, number: true, ...CASE_PARTIES_SELECT } },
      },
    });
    if (!d) throw new AppError("not_found", "This decision does not exist");
    const access = caseAccess(viewerOf(actor), partiesOf(d.case));
    if (access === "recused") throw new AppError("forbidden", RECUSED_MESSAGE);
    if (d.reversal) throw new AppError("rule", "This decision was reversed: there is no notice to send");
    if (!d.level) throw new AppError("rule", "This decision took no action: there is no notice to send");
    if (d.memberNotifiedAt) {
      throw new AppError("conflict", `The notice was already marked as sent on ${formatDateTime(d.memberNotifiedAt)}`);
    }
    const at = new Date();
    // Conditional: of two people marking at once, one wins (its row lock held until commit) and the other is told.
    const updated = await tx.decision.updateMany({ where: { id: d.id, memberNotifiedAt: null }, data: { memberNotifiedAt: at } });
    if (updated.count !== 1) throw new AppError("conflict", SENT_BY_SOMEONE_ELSE);
    // The text as it reads now, under the decision's row lock: what the member is sent.
    const notice = await loadDecisionNotice(tx, actor, d.id, { fresh: true });
    const kept = await tx.decisionNotice.create({
      data: { decisionId: d.id, subject: notice.subject, body: notice.body, sentById: actor.id, sentAt: at },
      select: { id: true },
    });
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "decision.notice_sent",
      entityType: "decision",
      entityId: d.id,
      before: { memberNotifiedAt: null },
      after: { memberNotifiedAt: at.toISOString(), level: d.level, case: d.case.number, caseId: d.case.id, noticeId: kept.id },
      // The audit chain vouches for the kept text: a changed row would no longer match.
      metadata: { subject: notice.subject, textSha256: createHash("sha256").update(notice.text).digest("hex") },
    });
    return { decisionId: d.id, caseNumber: d.case.number, memberNotifiedAt: at, noticeId: kept.id, subject: notice.subject };
  });
}
