import "server-only";
import { AppError } from "../errors.ts";
import { getMemberHistory } from "../members/get-member-history.ts";
import { lookupMember } from "../members/lookup-member.ts";
import type { Actor } from "../permissions.ts";
import { apiStanding } from "./api-standing.ts";

/** GET /members/lookup: the member holding a handle, their standing and cases. */
export async function apiLookupMember(actor: Actor, query: { space: string; handle: string }) {
  const memberId = await lookupMember({ actor, space: query.space, handle: query.handle });
  if (!memberId) throw new AppError("not_found", "No member has this handle in this space");
  const history = await getMemberHistory({ actor, memberId, withAuditTrail: false });
  if (history.kind === "own") throw new AppError("forbidden", "This is your own member record: cases about you are not shown to you");
  if (history.kind !== "full") throw new AppError("not_found", "No member has this handle in this space");
  return {
    id: history.id,
    displayName: history.displayName,
    identities: history.identities,
    standing: apiStanding(history.standing),
    cases: history.cases.map((c) => {
      const standing = c.decisions.filter((d) => d.reversal === null).at(-1);
      return {
        number: c.number,
        status: c.status,
        openedAt: c.loggedAt.toISOString(),
        ...(standing ? { decision: { level: standing.level, decidedAt: standing.decidedAt.toISOString() } } : {}),
      };
    }),
  };
}
