import "server-only";
import type { z } from "zod";
import { API_DECISIONS_PAGE_SIZE, type ZApiDecisionsQuery } from "@/lib/schemas/api.ts";
import { visibleCasesWhere } from "../cases/visibility.ts";
import { getDb } from "../db.ts";
import { AppError } from "../errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { assertCan, type Actor } from "../permissions.ts";
import { endOfUtcDay } from "@/lib/policy/durations.ts";
const badCursor = () =>
  new AppError("invalid", "This cursor is not valid: start again without it", { cursor: "Not a cursor from this API" });

function encodeCursor(d: { decidedAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify([d.decidedAt.toISOString(), d.id])).toString("base64url");
}

function decodeCursor(cursor: string): { decidedAt: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    const decidedAt = new Date(String(at));
    if (typeof id !== "string" || !/^[0-9a-f-]{36}$/i.test(id) || Number.isNaN(decidedAt.getTime())) throw badCursor();
    return { decidedAt, id };
  } catch {
    throw badCursor();
  }
}

/**
 * GET /decisions: decision summaries, newest first, with internal redaction: never the
 * reporter, the involved people or the rationale (which may name them). Cases about the
 * owner are left out, as everywhere.
 */
export async function listDecisions(actor: Actor, query: z.infer<typeof ZApiDecisionsQuery>) {
  assertCan(actor, "case.view");
  const limit = query.limit ?? API_DECISIONS_PAGE_SIZE;
  const and: Prisma.DecisionWhereInput[] = [{ case: visibleCasesWhere(actor) }];
  if (query.from) and.push({ decidedAt: { gte: new Date(`${query.from}T00:00:00Z`) } });
  if (query.to) and.push({ decidedAt: { lt: endOfUtcDay(query.to) } });
  if (query.level) and.push({ level: query.level === "none" ? null : query.level });
  if (query.cursor) {
    const c = decodeCursor(query.cursor);
    and.push({ OR: [{ decidedAt: { lt: c.decidedAt } }, { decidedAt: c.decidedAt, id: { lt: c.id } }] });
  }
  const db = await getDb();
  const rows = await db.decision.findMany({
    where: { AND: and },
    orderBy: [{ decidedAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: {
      id: true,
      level: true,
      recommendedLevel: true,
      decidedAt: true,
      noContactStartsAt: true,
      noContactEndsAt: true,
      publicSummary: true,
      reversal: { select: { id: true } },
      case: { select: { number: true, space: true, standards: true, subject: { select: { id: true, displayName: true } } } },
    },
  });
  const page = rows.slice(0, limit);
  return {
    decisions: page.map((d) => ({
      id: d.id,
      caseNumber: d.case.number,
      level: d.level,
      recommendedLevel: d.recommendedLevel,
      deviation: d.level !== d.recommendedLevel,
      decidedAt: d.decidedAt.toISOString(),
      space: d.case.space,
      standards: d.case.standards,
      subject: d.case.subject,
      noContact:
        d.noContactStartsAt && d.noContactEndsAt
          ? { startsAt: d.noContactStartsAt.toISOString(), endsAt: d.noContactEndsAt.toISOString() }
          : null,
      publicSummary: d.publicSummary,
      reversed: d.reversal !== null,
    })),
    nextCursor: rows.length > limit ? encodeCursor(page.at(-1)!) : null,
  };
}
