import "server-only";
import type { TCaseStatus } from "@/lib/schemas/vocabulary.ts";
import { getDb } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { assertCan, type Actor } from "../permissions.ts";
import type { RestrictedCaseStub } from "./get-restricted-case-stub.ts";

const LIMIT = 100;

export type RestrictedCaseStubs = { rows: RestrictedCaseStub[]; total: number };

/**
 * For an admin: the restricted cases whose team they are not on (never one about their own
 * member record), newest number first, as stubs: number and status only. Anyone else has none.
 */
export async function listRestrictedCaseStubs({ actor }: { actor: Actor }): Promise<RestrictedCaseStubs> {
  assertCan(actor, "case.view");
  if (actor.role !== "admin") return { rows: [], total: 0 };
  // caseAccess's "stub": restricted, not on its team, not its subject.
  const where: Prisma.CaseWhereInput = {
    restricted: true,
    team: { none: { userId: actor.id, removedAt: null } },
    ...(actor.memberId ? { subjectId: { not: actor.memberId } } : {}),
  };
  const db = await getDb();
  const [total, rows] = await Promise.all([
    db.case.count({ where }),
    db.case.findMany({ where, orderBy: [{ year: "desc" }, { sequence: "desc" }], take: LIMIT, select: { number: true, status: true } }),
  ]);
  return { rows: rows.map((r) => ({ number: r.number, status: r.status as TCaseStatus, restricted: true as const })), total };
}
