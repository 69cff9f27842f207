import "server-only";
import { CASE_PAGE_SIZE, ZCaseListQuery, type TCaseListQuery, type TCaseListRow } from "@/lib/schemas/case.ts";
import { normalizeHandle, ZCaseNumber } from "@/lib/schemas/vocabulary.ts";
import { getDb } from "../db.ts";
import type { PrismaClient } from "../db.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { ignoredParam, parseListQuery, type IgnoredParam } from "../list-query.ts";
import { assertCan, type Actor } from "../permissions.ts";
import { hiddenBreaches } from "./breach-visibility.ts";
import { visibleCasesWhere } from "./visibility.ts";
import { endOfUtcDay } from "@/lib/policy/durations.ts";
// Free text matches at most this many members by name or handle; enough for any real search.
const MAX_MEMBER_MATCHES = 500;

export type CaseListRow = TCaseListRow;

export type CaseList = {
  rows: CaseListRow[];
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
  query: TCaseListQuery;
  /** Parameters that were not understood and were left out (the page says so). */
  ignored: IgnoredParam[];
};

const EXPECTED = {
  status: "a case status",
  level: "a decision level",
  space: "a community space",
  standard: "a standard of the Code of Conduct",
  assignee: "a team member, “me” or “unassigned”",
  dates: "“logged” or “occurred”",
  from: "a date like 2026-01-31",
  to: "a date like 2026-01-31",
  q: "a search of at most 200 characters",
  sort: "a column to sort by",
  dir: "“asc” or “desc”",
  page: "a page number",
};

function orderBy(query: TCaseListQuery): Prisma.CaseOrderByWithRelationInput[] {
  const dir = query.dir;
  switch (query.sort) {
    case "number":
      return [{ year: dir }, { sequence: dir }];
    case "occurred":
      return [{ occurredAt: dir }, { number: dir }];
    case "status":
      return [{ status: dir }, { createdAt: "desc" }, { number: "desc" }];
    case "logged":
      return [{ createdAt: dir }, { number: dir }];
  }
}

type ListRecord = Omit<CaseListRow, "level" | "breach"> & {
  breachOfDecisionId: string | null;
  level: TCaseListRow["level"] | null;
  decided: boolean;
};

/** The listed columns of these cases, in the given order: one query (relations by joins, the standing level by a subquery per row). */
async function loadListRows(db: PrismaClient, actor: Actor, ids: string[]): Promise<CaseListRow[]> {
  const found = await db.$queryRaw<ListRecord[]>`
    SELECT c.id, c.number, c.status::text AS status, c.space::text AS space, c.standards, c."occurredAt", c."createdAt",
           c."breachOfDecisionId", m."displayName" AS "subjectName", u.name AS "assigneeName", last.level, last.id IS NOT NULL AS decided
      FROM "Case" c
      JOIN "Member" m ON m.id = c."subjectId"
      LEFT JOIN "User" u ON u.id = c."assigneeId"
      LEFT JOIN LATERAL (
        SELECT d.id, d.level::text AS level FROM "Decision" d
         WHERE d."caseId" = c.id AND NOT EXISTS (SELECT 1 FROM "DecisionReversal" r WHERE r."decisionId" = d.id)
         ORDER BY d."decidedAt" DESC LIMIT 1
      ) last ON TRUE
     WHERE c.id IN (${Prisma.join(ids.map((id) => Prisma.sql`${id}::uuid`))})`;
  const byId = new Map(found.map((c) => [c.id, c]));
  const breachHidden = await hiddenBreaches(
    db,
    actor,
    found.map((c) => ({ caseId: c.id, breachOfDecisionId: c.breachOfDecisionId })),
  );
  return ids.flatMap((id) => {
    const c = byId.get(id);
    if (!c) return [];
    return [
      {
        id: c.id,
        number: c.number,
        status: c.status,
        space: c.space,
        standards: c.standards,
        subjectName: c.subjectName,
        // undefined: never decided; null: decided with no action.
        level: c.decided ? c.level : undefined,
        breach: c.breachOfDecisionId !== null && !breachHidden.has(c.id),
        assigneeName: c.assigneeName,
        occurredAt: c.occurredAt,
        createdAt: c.createdAt,
      },
    ];
  });
}

/**
 * The cases the actor may see, filtered, sorted and one page at a time. Built for 100k
 * cases: every filter and sort has an index, only the listed columns are read, the page's
 * rows and their relations come in one joined query, and reporter fields are never selected.
 */
export async function listCases({ actor, query: raw }: { actor: Actor; query: unknown }): Promise<CaseList> {
  assertCan(actor, "case.view");
  // A parameter that is not understood is left out and named, never a failure.
  const strings = Object.fromEntries(
    Object.entries((raw ?? {}) as Record<string, unknown>).flatMap(([k, v]) =>
      typeof v === "string" ? [[k, v]] : typeof v === "number" ? [[k, String(v)]] : [],
    ),
  );
  const { query, ignored } = parseListQuery(ZCaseListQuery, strings, EXPECTED);
  for (const key of ["from", "to"] as const) {
    // A day that does not exist (31 February) is not a date either, though Date would roll it over.
    const day = query[key];
    if (day && new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day) {
      ignored.push(ignoredParam(key, day, EXPECTED[key]));
      query[key] = undefined;
    }
  }
  const db = await getDb();

  const and: Prisma.CaseWhereInput[] = [visibleCasesWhere(actor)];
  if (query.status) and.push({ status: query.status });
  if (query.space) and.push({ space: query.space });
  if (query.standard) and.push({ standards: { has: query.standard } });
  if (query.level) and.push({ decisions: { some: { level: query.level, reversal: { is: null } } } });
  if (query.assignee === "unassigned") and.push({ assigneeId: null });
  else if (query.assignee === "me") and.push({ assigneeId: actor.id });
  else if (query.assignee) and.push({ assigneeId: query.assignee });
  const dateColumn = query.dates === "occurred" ? "occurredAt" : "createdAt";
  if (query.from) and.push({ [dateColumn]: { gte: new Date(`${query.from}T00:00:00Z`) } });
  if (query.to) and.push({ [dateColumn]: { lt: endOfUtcDay(query.to) } });
  if (query.q && ZCaseNumber.safeParse(query.q).success) {
    // A whole case number: the unique index answers it.
    and.push({ number: query.q });
  } else if (query.q) {
    // Without a trigram index this scans descriptions: about 0.2 s at 100k cases.
    const q = query.q;
    const handle = normalizeHandle(q);
    // Members first (a small table): then the cases match by subject id, not by a join per row.
    // Never a reporter-only record: matching one would tell who reported the cases it finds.
    const members = await db.member.findMany({
      where: {
        reporterOnly: false,
        OR: [
          { displayName: { contains: q, mode: "insensitive" } },
          ...(handle ? [{ identities: { some: { handleNormalized: { contains: handle } } } }] : []),
        ],
      },
      select: { id: true },
      take: MAX_MEMBER_MATCHES,
    });
    and.push({
      OR: [
        { number: { contains: q } },
        { description: { contains: q, mode: "insensitive" } },
        ...(members.length ? [{ subjectId: { in: members.map((m) => m.id) } }] : []),
      ],
    });
  }
  const where: Prisma.CaseWhereInput = { AND: and };

  // The page's ids first (the sort and OFFSET read one narrow column), counted at the same time;
  // then the 25 rows with their relations. Loading relations in the paged query itself would
  // evaluate them for every skipped row.
  const pageIds = (page: number) =>
    db.case.findMany({ where, orderBy: orderBy(query), skip: (page - 1) * CASE_PAGE_SIZE, take: CASE_PAGE_SIZE, select: { id: true } });
  const [total, requested] = await Promise.all([db.case.count({ where }), pageIds(query.page)]);
  const pageCount = Math.max(1, Math.ceil(total / CASE_PAGE_SIZE));
  const page = Math.min(query.page, pageCount);
  const ids = (page === query.page ? requested : await pageIds(page)).map((c) => c.id);
  const rows = ids.length ? await loadListRows(db, actor, ids) : [];
  return {
    rows,
    total,
    page,
    pageCount,
    pageSize: CASE_PAGE_SIZE,
    query: { ...query, page },
    ignored,
  };
}
