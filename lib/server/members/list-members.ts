import "server-only";
import { standingOf, type Standing } from "@/lib/policy/ladder.ts";
import { MEMBERS_PAGE_SIZE, ZListMembersSchema, type TListMembers } from "@/lib/schemas/member.ts";
import { normalizeHandle, type TSpace } from "@/lib/schemas/vocabulary.ts";
import { visibleCasesWhere } from "../cases/visibility.ts";
import { getDb } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { assertCan, type Actor, type SystemActor } from "../permissions.ts";
import { parseInput } from "../zod-errors.ts";
import { IDENTITY_ORDER, splitIdentities } from "./identity-order.ts";
import { loadLadderHistories } from "./load-ladder-histories.ts";

export type MemberRow = {
  id: string;
  displayName: string;
  identities: { space: TSpace; handle: string }[];
  /** Handles the member no longer uses: a search by an old handle still finds them. */
  retiredIdentities: { space: TSpace; handle: string; retiredAt: Date }[];
  /** null on the viewer's own record: their standing would tell them about cases hidden from them. */
  standing: Standing | null;
  /** Cases about the member; null on the viewer's own record. */
  caseCount: number | null;
};

export type MemberList = { rows: MemberRow[]; total: number; page: number; pageCount: number; pageSize: number; q: string };

/**
 * Members, searched by name (contains, any case) or by any handle, retired ones too (prefix,
 * compared as handles are: normalizeHandle). Merged records are left out: they live on in the
 * record they were merged into. So are reporter-only records: a record that appeared the minute
 * a case was logged would tell who reported it.
 */
export async function listMembers({ actor, input }: { actor: Actor | SystemActor; input: TListMembers | unknown }): Promise<MemberList> {
  assertCan(actor, "member.view");
  const data = parseInput(ZListMembersSchema, input ?? {});
  const q = data.q ?? "";
  const handle = normalizeHandle(q);
  const search: Prisma.MemberWhereInput[] = [];
  if (q) search.push({ displayName: { contains: q, mode: "insensitive" } });
  if (handle) search.push({ identities: { some: { handleNormalized: { startsWith: handle } } } });
  const where: Prisma.MemberWhereInput = { mergedIntoId: null, reporterOnly: false, ...(search.length > 0 ? { OR: search } : {}) };

  const db = await getDb();
  const total = await db.member.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / MEMBERS_PAGE_SIZE));
  const page = Math.min(data.page, pageCount);
  const members = await db.member.findMany({
    where,
    orderBy: [{ displayName: "asc" }, { id: "asc" }],
    skip: (page - 1) * MEMBERS_PAGE_SIZE,
    take: MEMBERS_PAGE_SIZE,
    select: {
      id: true,
      displayName: true,
      identities: { orderBy: IDENTITY_ORDER, select: { space: true, handle: true, retiredAt: true } },
    },
  });

  // One query for the decisions of the whole page and one for its case counts.
  const ownMemberId = "system" in actor ? null : actor.memberId;
  const visible = "system" in actor ? {} : visibleCasesWhere(actor);
  const ids = members.map((m) => m.id);
  const histories = await loadLadderHistories(db, ids, visible);
  const counts = ids.length
    ? await db.case.groupBy({ by: ["subjectId"], where: { AND: [{ subjectId: { in: ids } }, visible] }, _count: { _all: true } })
    : [];
  const caseCounts = new Map(counts.map((c) => [c.subjectId, c._count._all]));
  const now = new Date();

  return {
    rows: members.map((m) => {
      const own = m.id === ownMemberId;
      return {
        id: m.id,
        displayName: m.displayName,
        ...splitIdentities(m.identities),
        standing: own ? null : standingOf(histories.get(m.id) ?? [], now),
        caseCount: own ? null : (caseCounts.get(m.id) ?? 0),
      };
    }),
    total,
    page,
    pageCount,
    pageSize: MEMBERS_PAGE_SIZE,
    q,
  };
}
