import "server-only";
import { summaryCellText, summaryColumns, toSummaryRow, type DecisionSummarySource } from "@/lib/exports/decision-summary.ts";
import { csv, jsonArray, markdownTable } from "@/lib/exports/formats.ts";
import { createPseudonyms } from "@/lib/exports/pseudonyms.ts";
import { caseAccess } from "@/lib/policy/case-access.ts";
import { ZDecisionExportInput, type TDecisionExportInput } from "@/lib/schemas/export.ts";
import { auditActorOf, recordAudit } from "../audit.ts";
import { visibleCasesWhere } from "../cases/visibility.ts";
import { getDb } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { assertCan, type Actor } from "../permissions.ts";
import { parseInput } from "../zod-errors.ts";

const BATCH = 500;
const DAY = 24 * 60 * 60 * 1000;

export type DecisionSummariesExport = {
  stream: ReadableStream<Uint8Array>;
  rows: number;
  filter: TDecisionExportInput;
  filename: string;
  contentType: string;
};

function whereFor(actor: Actor, f: TDecisionExportInput): Prisma.DecisionWhereInput {
  const caseWhere: Prisma.CaseWhereInput[] = [visibleCasesWhere(actor)];
  if (f.space) caseWhere.push({ space: f.space });
  if (f.standard) caseWhere.push({ standards: { has: f.standard } });
  if (f.status) caseWhere.push({ status: f.status });
  const decidedAt: Prisma.DateTimeFilter = {};
  if (f.from) decidedAt.gte = new Date(`${f.from}T00:00:00Z`);
  // "to" is a whole day: up to its end.
  if (f.to) decidedAt.lt = new Date(new Date(`${f.to}T00:00:00Z`).getTime() + DAY);
  return {
    case: { AND: caseWhere },
    ...(f.level ? { level: f.level === "none" ? null : f.level } : {}),
    ...(f.from || f.to ? { decidedAt } : {}),
  };
}

function reporterLabel(c: {
  reporterKind: "member" | "contact" | "anonymous";
  reporterName: string | null;
  reporterContact: string | null;
  reporterMember: { displayName: string } | null;
}): string {
  if (c.reporterKind === "anonymous") return "Anonymous";
  if (c.reporterKind === "member") return c.reporterMember?.displayName ?? "A member";
  const name = c.reporterName ?? "An outside contact";
  return c.reporterContact ? `${name} <${c.reporterContact}>` : name;
}

const filterLabel = (f: TDecisionExportInput) => ({
  from: f.from,
  to: f.to,
  level: f.level,
  space: f.space,
  standard: f.standard,
  status: f.status,
});

/**
 * Streams the decision summaries the actor may see, for a date range and filters, as CSV,
 * a JSON array or a Markdown table, redacted by mode. Rows are read a batch at a time
 * (keyset pagination on decidedAt, id) and written as text chunks: memory stays bounded
 * however many decisions match. The export is recorded in the audit trail, with its
 * filters, mode, format, row count (and reason for a full export), before any row is sent.
 */
export async function exportDecisionSummaries({ actor, input }: { actor: Actor; input: unknown }): Promise<DecisionSummariesExport> {
  assertCan(actor, "export.create");
  const filter = parseInput(ZDecisionExportInput, input);
  if (filter.mode === "full") assertCan(actor, "export.full");
  const full = filter.mode === "full";
  const db = await getDb();
  const where = whereFor(actor, filter);
  const rows = await db.decision.count({ where });
  await db.$transaction((tx) =>
    recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "export.created",
      metadata: {
        kind: "decision-summaries",
        mode: filter.mode,
        format: filter.format,
        filters: filterLabel(filter),
        rows,
        ...(full ? { reason: filter.reason } : {}),
      },
    }),
  );

  const columns = summaryColumns(filter.mode);
  const headers = columns.map((c) => c.header);
  const pseudonyms = createPseudonyms();
  const encoder = new TextEncoder();
  let cursor: { decidedAt: Date; id: string } | null = null;
  let sent = 0;
  let started = false;

  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        const head =
          filter.format === "csv" ? csv.header(headers) : filter.format === "json" ? jsonArray.start : markdownTable.header(headers);
        controller.enqueue(encoder.encode(head));
        return;
      }
      const after: Prisma.DecisionWhereInput = cursor
        ? { OR: [{ decidedAt: { gt: cursor.decidedAt } }, { decidedAt: cursor.decidedAt, id: { gt: cursor.id } }] }
        : {};
      const batch = await db.decision.findMany({
        where: { AND: [where, after] },
        orderBy: [{ decidedAt: "asc" }, { id: "asc" }],
        take: BATCH,
        select: {
          id: true,
          level: true,
          rationale: true,
          publicSummary: true,
          decidedAt: true,
          noContactStartsAt: true,
          noContactEndsAt: true,
          decidedBy: { select: { name: true } },
          reversal: { select: { reversedAt: true } },
          case: {
            select: {
              number: true,
              space: true,
              standards: true,
              subject: { select: { id: true, displayName: true } },
              ...(full
                ? {
                    subjectId: true,
                    reporterKind: true,
                    reporterName: true,
                    reporterContact: true,
                    reporterMemberId: true,
                    reporterMember: { select: { displayName: true } },
                    involved: { select: { member: { select: { id: true, displayName: true } } } },
                  }
                : {}),
            },
          },
        },
      });
      if (batch.length === 0) {
        if (filter.format === "json") controller.enqueue(encoder.encode(jsonArray.end(sent)));
        controller.close();
        return;
      }
      const last = batch[batch.length - 1]!;
      cursor = { decidedAt: last.decidedAt, id: last.id };
      let chunk = "";
      for (const d of batch) {
        const source: DecisionSummarySource = {
          decisionId: d.id,
          caseNumber: d.case.number,
          decidedAt: d.decidedAt,
          level: d.level,
          standards: d.case.standards,
          space: d.case.space,
          rationale: d.rationale,
          publicSummary: d.publicSummary,
          noContact: d.noContactStartsAt && d.noContactEndsAt ? { startsAt: d.noContactStartsAt, endsAt: d.noContactEndsAt } : null,
          member: { id: d.case.subject.id, name: d.case.subject.displayName },
          moderator: d.decidedBy?.name ?? null,
          reversedAt: d.reversal?.reversedAt ?? null,
        };
        if (full) {
          const c = d.case as unknown as {
            subjectId: string;
            reporterKind: "member" | "contact" | "anonymous";
            reporterName: string | null;
            reporterContact: string | null;
            reporterMemberId: string | null;
            reporterMember: { displayName: string } | null;
            involved: { member: { id: string; displayName: string } }[];
          };
          const access = caseAccess(actor.memberId, {
            subjectId: c.subjectId,
            reporterMemberId: c.reporterMemberId,
            involvedMemberIds: c.involved.map((i) => i.member.id),
          });
          // A recused admin never sees the reporter of that case, even in a full export.
          source.reporter = access === "full" ? reporterLabel(c) : "Withheld (you are recused from this case)";
          source.involved = c.involved.map((i) => i.member.displayName).sort((a, b) => a.localeCompare(b));
        }
        const row = toSummaryRow(source, filter.mode, pseudonyms);
        if (filter.format === "json") chunk += jsonArray.element(row, sent);
        else {
          const cells = columns.map((c) => summaryCellText(row, c.key));
          chunk += filter.format === "csv" ? csv.row(cells) : markdownTable.row(cells);
        }
        sent += 1;
      }
      controller.enqueue(encoder.encode(chunk));
    },
  });

  const stamp = new Date().toISOString().slice(0, 10);
  const ext = filter.format === "csv" ? "csv" : filter.format === "json" ? "json" : "md";
  const contentType =
    filter.format === "csv"
      ? "text/csv; charset=utf-8"
      : filter.format === "json"
        ? "application/json; charset=utf-8"
        : "text/markdown; charset=utf-8";
  return { stream, rows, filter, filename: `decision-summaries-${filter.mode}-${stamp}.${ext}`, contentType };
}
