import "server-only";
import type { Prisma } from "../generated/prisma/client.ts";
import type { Actor } from "../permissions.ts";

/**
 * A moderator who is the subject of a case never sees it, anywhere: every query that
 * lists or loads cases for a user goes through this filter.
 */
export function visibleCasesWhere(actor: Pick<Actor, "memberId">): Prisma.CaseWhereInput {
  return actor.memberId ? { subjectId: { not: actor.memberId } } : {};
}
