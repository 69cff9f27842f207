import "server-only";
import {
  decryptReporter,
  encryptReporter,
  reporterBlindIndexes,
  ReporterUnreadableError,
  type EncryptedReporter,
  type ReporterIdentity,
} from "../crypto/reporter-identity.ts";
import { appDataKeys } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";

/*
 * A case's reporter, as the app reads and writes it: encrypted in the row (reporterEncrypted),
 * with a blind index of a member reporter's id (reporterBlindIndex) for lookups. Nothing else
 * in the database links a case to its reporter. Reading needs the row's id: the ciphertext is
 * bound to its case.
 */

export type ReporterRow = { id: string; reporterEncrypted: string | null };

export { ReporterUnreadableError, type ReporterIdentity };

const told = new Set<string>();

/** The reporter, or null when anonymous; throws ReporterUnreadableError when it cannot be decrypted. */
export function readReporterOrThrow(row: ReporterRow): ReporterIdentity | null {
  return row.reporterEncrypted ? decryptReporter(appDataKeys(), row.id, row.reporterEncrypted) : null;
}

/**
 * The reporter, or null when anonymous or unreadable: a reporter under an abandoned key, or a
 * ciphertext altered in the database, counts as unknown (said once per case in the server log),
 * and everything else about the case keeps working.
 */
export function readReporter(row: ReporterRow): ReporterIdentity | null {
  try {
    return readReporterOrThrow(row);
  } catch (error) {
    if (!(error instanceof ReporterUnreadableError)) throw error;
    if (!told.has(row.id)) {
      told.add(row.id);
      console.warn(`[reporters] case ${row.id}: ${error.message}`);
    }
    return null;
  }
}

/** The member id of a reporter who is a member (null otherwise, or when unreadable). */
export function reporterMemberIdOf(row: ReporterRow): string | null {
  return readReporter(row)?.memberId ?? null;
}

/** The columns to write for this reporter on the case with this id (null: anonymous). */
export function encryptCaseReporter(
  caseId: string,
  identity: ReporterIdentity | null,
): EncryptedReporter | { reporterEncrypted: null; reporterBlindIndex: null } {
  if (!identity || (!identity.memberId && identity.name == null && identity.contact == null)) {
    return { reporterEncrypted: null, reporterBlindIndex: null };
  }
  return encryptReporter(appDataKeys(), caseId, identity);
}

/** Every value of reporterBlindIndex that names this member (one per key while a rotation runs). */
export function reporterBlindIndexesOf(memberIds: string | readonly string[]): string[] {
  const keys = appDataKeys();
  return (typeof memberIds === "string" ? [memberIds] : memberIds).flatMap((id) => reporterBlindIndexes(keys, id));
}

/** Cases that this member (or one of these members) reported. */
export function reportedByWhere(memberIds: string | readonly string[]): Prisma.CaseWhereInput {
  return { reporterBlindIndex: { in: reporterBlindIndexesOf(memberIds) } };
}
