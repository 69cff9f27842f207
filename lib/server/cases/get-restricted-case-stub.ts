import "server-only";
import { caseAccess } from "@/lib/policy/case-access.ts";
import { ZCaseNumber, type TCaseStatus } from "@/lib/schemas/vocabulary.ts";
import { getDb } from "../db.ts";
import { assertCan, type Actor } from "../permissions.ts";
import { caseNotFound } from "./case-guard.ts";
import { CASE_PARTIES_SELECT, partiesOf, viewerOf } from "./visibility.ts";

export type RestrictedCaseStub = { number: string; status: TCaseStatus; restricted: true };

/**
 * What an admin outside a restricted case's team may know of it: that it exists, its number
 * and its status. Nothing else (not its subject, dates, space or counts). Anyone else, and an
 * admin who can see the whole case, is answered "not found": they use getCase.
 */
export async function getRestrictedCaseStub({ actor, number }: { actor: Actor; number: string }): Promise<RestrictedCaseStub> {
  assertCan(actor, "case.view");
  if (!ZCaseNumber.safeParse(number).success) throw caseNotFound();
  const db = await getDb();
  const c = await db.case.findUnique({ where: { number }, select: { id: true, number: true, status: true, ...CASE_PARTIES_SELECT } });
  if (!c || caseAccess(viewerOf(actor), partiesOf(c)) !== "stub") throw caseNotFound();
  return { number: c.number, status: c.status, restricted: true };
}
