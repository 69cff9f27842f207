import "server-only";
import { transparencyCsv, transparencyMarkdown } from "@/lib/exports/transparency.ts";
import { ZTransparencyFormat, ZTransparencyInput } from "@/lib/schemas/export.ts";
import { auditActorOf, recordAudit } from "../audit.ts";
import { getDb } from "../db.ts";
import { assertCan, type Actor } from "../permissions.ts";
import { parseInput } from "../zod-errors.ts";
import { getTransparencyReport } from "./get-transparency-report.ts";

/** The transparency report as a CSV or Markdown download, recorded in the audit trail first. */
export async function exportTransparencyReport({ actor, input, format: rawFormat }: { actor: Actor; input: unknown; format: unknown }) {
  assertCan(actor, "export.create");
  const options = parseInput(ZTransparencyInput, input);
  const format = parseInput(ZTransparencyFormat, rawFormat);
  const report = await getTransparencyReport({ actor, input: options });
  const db = await getDb();
  await db.$transaction((tx) =>
    recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "export.created",
      metadata: { kind: "transparency-report", mode: "public", format, filters: options, rows: report.rows.length },
    }),
  );
  const body = format === "csv" ? transparencyCsv(report) : transparencyMarkdown(report, new Date());
  return {
    body,
    filename: `transparency-report-${options.period}-${options.year}.${format === "csv" ? "csv" : "md"}`,
    contentType: format === "csv" ? "text/csv; charset=utf-8" : "text/markdown; charset=utf-8",
  };
}
