import "server-only";
import { caseAccess, RECUSED_MESSAGE, type CaseAccess } from "@/lib/policy/case-access.ts";
import { CASE_PARTIES_SELECT, partiesOf, viewerOf, type CasePartiesRow } from "./visibility.ts";
import { CASE_CONFLICT_MESSAGE } from "@/lib/schemas/case.ts";
import type { Tx } from "../db.ts";
import { AppError } from "../errors.ts";
import type { Actor, SystemActor } from "../permissions.ts";

/*
 * The checks every case mutation shares: the case exists for this actor (a subject never
 * learns it exists), the actor is not recused, and the version they read is still current.
 */

export function memberIdOf(actor: Actor | SystemActor): string | null {
  return "system" in actor ? null : actor.memberId;
}

export function userIdOf(actor: Actor | SystemActor): string | null {
  return "system" in actor ? null : actor.id;
}

export function caseNotFound(): AppError {
  return new AppError("not_found", "This case does not exist");
}

export function caseConflict(): AppError {
  return new AppError("conflict", CASE_CONFLICT_MESSAGE);
}

/**
 * The access the actor has to a case with these parties. "hidden" answers exactly like a
 * missing case; so does "stub" (an admin outside a restricted case's team), which only
 * getRestrictedCaseStub shows.
 */
export function accessOrNotFound(actor: Actor | SystemActor, row: CasePartiesRow): Exclude<CaseAccess, "hidden" | "stub"> {
  const access = caseAccess(viewerOf(actor), partiesOf(row));
  if (access === "hidden" || access === "stub") throw caseNotFound();
  return access;
}

/** For edits and reveals: a recused moderator may read the case but not work it. */
export function assertNotRecused(access: Exclude<CaseAccess, "hidden" | "stub">): void {
  if (access === "recused") throw new AppError("forbidden", RECUSED_MESSAGE);
}

/**
 * The fields every case edit reads before it writes (parties for recusal, status, version),
 * with the row locked until the transaction ends.
 */
export async function loadCaseForWork(tx: Tx, actor: Actor | SystemActor, caseId: string) {
  // Lock the row first: every case edit then takes its locks in one order (case row, then the
  // audit chain), so concurrent edits queue instead of deadlocking.
  await tx.$executeRaw`SELECT 1 FROM "Case" WHERE "id" = ${caseId}::uuid FOR UPDATE`;
  const found = await tx.case.findUnique({
    where: { id: caseId },
    select: {
      id: true,
      number: true,
      version: true,
      status: true,
      ...CASE_PARTIES_SELECT,
    },
  });
  if (!found) throw caseNotFound();
  assertNotRecused(accessOrNotFound(actor, found));
  return found;
}

/**
 * Writes a versioned change to the case row: only if nobody changed it since the actor
 * read `version`; a stale edit throws the conflict, and the transaction writes nothing.
 */
export async function writeCaseVersion(
  tx: Tx,
  caseId: string,
  version: number,
  data: Parameters<Tx["case"]["updateMany"]>[0]["data"],
): Promise<number> {
  const { count } = await tx.case.updateMany({ where: { id: caseId, version }, data: { ...data, version: { increment: 1 } } });
  if (count === 0) {
    const exists = await tx.case.count({ where: { id: caseId } });
    throw exists ? caseConflict() : caseNotFound();
  }
  return version + 1;
}
