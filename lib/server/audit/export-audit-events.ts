import "server-only";
import { csvRow } from "@/lib/format/csv.ts";
import { ZAuditFilterSchema } from "@/lib/schemas/audit.ts";
import { auditActorOf, recordAudit } from "../audit.ts";
import { getDb } from "../db.ts";
import { assertCan, type Actor } from "../permissions.ts";
import { parseInput } from "../zod-errors.ts";
import { AUDIT_EVENT_COLUMNS } from "./chain.ts";
import { describeAuditRow } from "@/lib/audit/describe.ts";
import { auditWhereFor, redactAuditEvents } from "./list-audit-events.ts";

const BATCH = 2000;
const COLUMNS = AUDIT_EVENT_COLUMNS;

/**
 * Streams the filtered audit events as CSV or JSON Lines, in chain order, a batch at a
 * time (bounded memory). The export itself is recorded in the chain first.
 */
export async function exportAuditEvents({ actor, input, format }: { actor: Actor; input: unknown; format: "csv" | "jsonl" }) {
  assertCan(actor, "audit.view");
  const filter = parseInput(ZAuditFilterSchema, input);
  const db = await getDb();
  const where = await auditWhereFor(actor, { ...filter, page: undefined });
  const rows = await db.auditEvent.count({ where });
  await db.$transaction((tx) =>
    recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "export.created",
      metadata: { kind: "audit", format, filters: { ...filter, page: undefined }, rows },
    }),
  );
  const encoder = new TextEncoder();
  let after = -1n;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (format === "csv" && !headerSent) {
        headerSent = true;
        // The stored fields, then the event's sentence (lib/audit/describe.ts) for a reader of the file.
        controller.enqueue(encoder.encode(csvRow([...COLUMNS, "sentence"])));
        return;
      }
      const batch = await db.auditEvent.findMany({ where: { AND: [where, { seq: { gt: after } }] }, orderBy: { seq: "asc" }, take: BATCH });
      if (batch.length === 0) {
        controller.close();
        return;
      }
      after = batch[batch.length - 1]!.seq;
      let chunk = "";
      // Numbers of cases this admin may not see, named in events they may, are replaced (a
      // replaced row no longer matches its hash: npm run audit:verify checks the chain itself).
      for (const e of await redactAuditEvents(db, actor, batch)) {
        const record = { ...e, seq: e.seq.toString(), occurredAt: e.occurredAt.toISOString() };
        chunk +=
          format === "csv"
            ? csvRow([
                ...COLUMNS.map((c) =>
                  c === "before" || c === "after" || c === "metadata" ? (record[c] === null ? "" : JSON.stringify(record[c])) : record[c],
                ),
                describeAuditRow(e).sentence,
              ])
            : `${JSON.stringify(record)}\n`;
      }
      controller.enqueue(encoder.encode(chunk));
    },
  });
}
