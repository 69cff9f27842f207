import "server-only";
import { markdownParagraphs } from "@/lib/exports/markdown.ts";
import { ZNoticeFormat } from "@/lib/schemas/export.ts";
import { auditActorOf, recordAudit } from "../audit.ts";
import { getDb } from "../db.ts";
import { assertCan, type Actor } from "../permissions.ts";
import { parseInput } from "../zod-errors.ts";
import { buildDecisionNotice } from "./build-decision-notice.ts";

/**
 * A decision notice as a .txt or .md download; the download is recorded in the audit trail.
 * Once sent, the file holds the text that was sent, kept as sent, and its name says when. The
 * .md holds the same text escaped as Markdown (names and the rationale are typed text: no HTML,
 * no Markdown syntax, links only to http(s)), so it renders as exactly the characters of the .txt.
 */
export async function exportDecisionNotice({ actor, input, format: rawFormat }: { actor: Actor; input: unknown; format: unknown }) {
  assertCan(actor, "export.create");
  const format = parseInput(ZNoticeFormat, rawFormat);
  const notice = await buildDecisionNotice({ actor, input });
  const db = await getDb();
  await db.$transaction((tx) =>
    recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "export.created",
      entityType: "decision",
      entityId: notice.decisionId,
      metadata: {
        kind: "decision-notice",
        mode: "internal",
        format,
        filters: { case: notice.caseNumber },
        rows: 1,
        ...(notice.sent ? { sentAt: notice.sent.at.toISOString(), kept: notice.sent.kept } : {}),
      },
    }),
  );
  const sentLabel = notice.sent ? `-sent-${notice.sent.at.toISOString().slice(0, 10)}` : "";
  return {
    body: format === "md" ? markdownParagraphs(notice.text) : notice.text,
    filename: `decision-notice-${notice.caseNumber}${sentLabel}.${format}`,
    contentType: format === "md" ? "text/markdown; charset=utf-8" : "text/plain; charset=utf-8",
    /** "Sent on DATE" for a sent notice (the download's label), else null. */
    sentAt: notice.sent?.at ?? null,
    kept: notice.sent?.kept ?? false,
  };
}
