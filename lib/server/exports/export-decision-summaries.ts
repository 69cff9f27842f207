import "server-only";
import { summaryCellText, summaryColumns, toSummaryRow, type DecisionSummarySource } from "@/lib/exports/decision-summary.ts";
import { csv, jsonArray, markdownTable } from "@/lib/exports/formats.ts";
import { createPseudonyms } from "@/lib/exports/pseudonyms.ts";
import { caseAccess } from "@/lib/policy/case-access.ts";
import { ZDecisionExportInput, type TDecisionExportInput } from "@/lib/schemas/export.ts";
import type { TLevel, TSpace } from "@/lib/schemas/vocabulary.ts";
import { auditActorOf, recordAudit } from "../audit.ts";
import { readReporter, type ReporterIdentity } from "../cases/case-reporter.ts";
import { viewerOf, visibleCasesSql } from "../cases/visibility.ts";
import { getDb } from "../db.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { assertCan, type Actor } from "../permissions.ts";
import { parseInput } from "../zod-errors.ts";
import { endOfUtcDay } from "@/lib/policy/durations.ts";

const BATCH = 2000;

export type DecisionSummariesExport = {
  stream: ReadableStream<Uint8Array>;
  rows: number;
  filter: TDecisionExportInput;
  filename: string;
  contentType: string;
};

/** The WHERE clause of the export, as SQL: the same filters as the page, and never a case the actor is the subject of. */
function whereFor(actor: Actor, f: TDecisionExportInput): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  parts.push(visibleCasesSql(actor, "c"));
  if (f.space) parts.push(Prisma.sql`c.space = ${f.space}::"Space"`);
  if (f.standard) parts.push(Prisma.sql`${f.standard} = ANY(c.standards)`);
  if (f.status) parts.push(Prisma.sql`c.status = ${f.status}::"CaseStatus"`);
  if (f.level) parts.push(f.level === "none" ? Prisma.sql`d.level IS NULL` : Prisma.sql`d.level = ${f.level}::"Level"`);
  if (f.from) parts.push(Prisma.sql`d."decidedAt" >= ${new Date(`${f.from}T00:00:00Z`)}`);
  // "to" is a whole day: up to its end.
  if (f.to) parts.push(Prisma.sql`d."decidedAt" < ${endOfUtcDay(f.to)}`);
  return parts.length ? Prisma.join(parts, " AND ") : Prisma.sql`TRUE`;
}

type SummaryRecord = {
  id: string;
  level: TLevel | null;
  rationale: string;
  publicSummary: string | null;
  decidedAt: Date;
  noContactStartsAt: Date | null;
  noContactEndsAt: Date | null;
  moderator: string | null;
  reversedAt: Date | null;
  number: string;
  space: TSpace;
  standards: string[];
  memberId: string;
  memberName: string;
};

type FullRecord = SummaryRecord & {
  caseId: string;
  subjectId: string;
  reporterKind: "member" | "contact" | "anonymous";
  reporterEncrypted: string | null;
  involved: { id: string; name: string }[] | null;
};

/**
 * One batch of the export in one query: the decision, its case, member, moderator and
 * reversal by joins (and, for a full export, the encrypted reporter and the involved people),
 * after the keyset cursor (decidedAt, id). Enums are read as text so both drivers return plain
 * strings.
 */
function batchQuery(where: Prisma.Sql, cursor: { decidedAt: Date; id: string } | null, full: boolean, limit: number): Prisma.Sql {
  const after = cursor ? Prisma.sql`AND (d."decidedAt", d.id) > (${cursor.decidedAt}, ${cursor.id}::uuid)` : Prisma.empty;
  const fullColumns = full
    ? Prisma.sql`, c.id AS "caseId", c."subjectId", c."reporterKind"::text AS "reporterKind", c."reporterEncrypted",
        (SELECT json_agg(json_build_object('id', im.id, 'name', im."displayName"))
           FROM "CaseInvolvement" ci JOIN "Member" im ON im.id = ci."memberId"
          WHERE ci."caseId" = c.id AND im."mergedIntoId" IS NULL) AS involved`
    : Prisma.empty;
  return Prisma.sql`
    SELECT d.id, d.level::text AS level, d.rationale, d."publicSummary", d."decidedAt", d."noContactStartsAt", d."noContactEndsAt",
           u.name AS moderator, r."reversedAt", c.number, c.space::text AS space, c.standards, m.id AS "memberId", m."displayName" AS "memberName"
           ${fullColumns}
      FROM "Decision" d
      JOIN "Case" c ON c.id = d."caseId"
      JOIN "Member" m ON m.id = c."subjectId"
      LEFT JOIN "User" u ON u.id = d."decidedById"
      LEFT JOIN "DecisionReversal" r ON r."decisionId" = d.id
     WHERE ${where} ${after}
     ORDER BY d."decidedAt", d.id
     LIMIT ${limit}`;
}

/** The reporter as a full export names them: decrypted here, one row at a time. */
function reporterLabel(kind: FullRecord["reporterKind"], reporter: ReporterIdentity | null, memberNames: Map<string, string>): string {
  if (kind === "anonymous") return "Anonymous";
  if (kind === "member") return (reporter?.memberId && memberNames.get(reporter.memberId)) || "A member";
  const name = reporter?.name ?? "An outside contact";
  return reporter?.contact ? `${name} <${reporter.contact}>` : name;
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
export async function exportDecisionSummaries({
  actor,
  input,
  batchSize = BATCH,
}: {
  actor: Actor;
  input: unknown;
  /** Rows per query; tests make it small to cross batch boundaries. */
  batchSize?: number;
}): Promise<DecisionSummariesExport> {
  assertCan(actor, "export.create");
  const filter = parseInput(ZDecisionExportInput, input);
  if (filter.mode === "full") assertCan(actor, "export.full");
  const full = filter.mode === "full";
  const db = await getDb();
  const where = whereFor(actor, filter);
  const [{ rows }] = await db.$queryRaw<[{ rows: number }]>`
    SELECT count(*)::int AS rows FROM "Decision" d JOIN "Case" c ON c.id = d."caseId" WHERE ${where}`;
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
      const batch = await db.$queryRaw<FullRecord[]>(batchQuery(where, cursor, full, batchSize));
      if (batch.length === 0) {
        if (filter.format === "json") controller.enqueue(encoder.encode(jsonArray.end(sent)));
        controller.close();
        return;
      }
      const last = batch[batch.length - 1]!;
      cursor = { decidedAt: last.decidedAt, id: last.id };
      // A full export decrypts each row's reporter, and names the members among them in one query per batch.
      const reporters = new Map(
        full ? batch.map((d) => [d.id, readReporter({ id: d.caseId, reporterEncrypted: d.reporterEncrypted })]) : [],
      );
      const reporterIds = [...new Set([...reporters.values()].flatMap((r) => (r?.memberId ? [r.memberId] : [])))];
      const memberNames = new Map(
        reporterIds.length
          ? (await db.member.findMany({ where: { id: { in: reporterIds } }, select: { id: true, displayName: true } })).map((m) => [
              m.id,
              m.displayName,
            ])
          : [],
      );
      let chunk = "";
      for (const d of batch) {
        const source: DecisionSummarySource = {
          decisionId: d.id,
          caseNumber: d.number,
          decidedAt: d.decidedAt,
          level: d.level,
          standards: d.standards,
          space: d.space,
          rationale: d.rationale,
          publicSummary: d.publicSummary,
          noContact: d.noContactStartsAt && d.noContactEndsAt ? { startsAt: d.noContactStartsAt, endsAt: d.noContactEndsAt } : null,
          member: { id: d.memberId, name: d.memberName },
          moderator: d.moderator,
          reversedAt: d.reversedAt,
        };
        if (full) {
          const involved = d.involved ?? [];
          // Restricted cases the actor is not on never reach here (visibleCasesSql).
          const reporter = reporters.get(d.id) ?? null;
          const access = caseAccess(viewerOf(actor), {
            subjectId: d.subjectId,
            reporterMemberId: reporter?.memberId ?? null,
            involvedMemberIds: involved.map((i) => i.id),
          });
          // A recused admin never sees the reporter of that case, even in a full export.
          source.reporter =
            access !== "full"
              ? "Withheld (you are recused from this case)"
              : d.reporterEncrypted && !reporter
                ? "Unreadable (its encryption key is not available)"
                : reporterLabel(d.reporterKind, reporter, memberNames);
          source.involved = involved.map((i) => i.name).sort((a, b) => a.localeCompare(b));
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
