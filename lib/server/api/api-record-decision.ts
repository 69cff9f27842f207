import "server-only";
import type { TApiRecordDecision } from "@/lib/schemas/api.ts";
import { ZCaseNumber } from "@/lib/schemas/vocabulary.ts";
import { getDb } from "../db.ts";
import { getDecisionContext } from "../decisions/get-decision-context.ts";
import { recordDecision } from "../decisions/record-decision.ts";
import { AppError } from "../errors.ts";
import { getMemberHistory } from "../members/get-member-history.ts";
import { lookupMember } from "../members/lookup-member.ts";
import type { Actor } from "../permissions.ts";
import { apiStanding } from "./api-standing.ts";
import { renameFields } from "./handle-api.ts";

const notFound = () => new AppError("not_found", "This case does not exist");

/**
 * POST /cases/{number}/decision: recordDecision with the protected people named by handle.
 * The ladder rules, recusal and versioning are recordDecision's, exactly as on the page.
 */
export async function apiRecordDecision(actor: Actor, number: string, body: TApiRecordDecision) {
  if (!ZCaseNumber.safeParse(number).success) throw notFound();
  const row = await (await getDb()).case.findUnique({ where: { number }, select: { id: true } });
  if (!row) throw notFound();
  // Loads the case as the actor may see it: a case about the owner answers as missing.
  const ctx = await getDecisionContext({ actor, caseId: row.id });

  let protectedMemberIds: string[] | undefined;
  if (body.noContact) {
    const fields: Record<string, string> = {};
    protectedMemberIds = [];
    for (const [i, ref] of body.noContact.protected.entries()) {
      const id = await lookupMember({ actor, space: ref.space, handle: ref.handle });
      if (id) protectedMemberIds.push(id);
      else fields[`noContact.protected.${i}`] = `No member has the ${ref.space} handle ${ref.handle}`;
    }
    if (Object.keys(fields).length > 0) throw new AppError("invalid", Object.values(fields).join("; "), fields);
  }

  const decision = await recordDecision({
    actor,
    input: {
      caseId: ctx.caseId,
      version: body.version ?? ctx.version,
      level: body.level,
      rationale: body.rationale,
      justification: body.justification,
      publicSummary: body.publicSummary,
      noContact: body.noContact
        ? {
            days: body.noContact.days,
            startsAt: body.noContact.startsAt,
            protectedMemberIds: protectedMemberIds ?? [],
            protect: body.noContact.protect,
          }
        : undefined,
    },
  }).catch((error: unknown) => renameFields(error, (key) => key.replace(/^noContact\.protectedMemberIds/, "noContact.protected")));

  const history = await getMemberHistory({ actor, memberId: ctx.subject.id, withAuditTrail: false });
  if (history.kind !== "full") throw new AppError("not_found", "This member does not exist");
  return {
    decision: {
      id: decision.id,
      caseNumber: decision.caseNumber,
      level: decision.level,
      recommended: decision.recommended,
      deviation: decision.deviation,
      decidedAt: decision.decidedAt.toISOString(),
      noContact:
        decision.noContactStartsAt && decision.noContactEndsAt
          ? { startsAt: decision.noContactStartsAt.toISOString(), endsAt: decision.noContactEndsAt.toISOString() }
          : null,
    },
    standing: apiStanding(history.standing),
  };
}
