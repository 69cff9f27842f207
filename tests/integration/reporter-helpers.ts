import { decryptReporter, type ReporterIdentity } from "@/lib/server/crypto/reporter-identity.ts";
import type { TestDatabase } from "./harness.ts";

/**
 * A case's reporter as stored: encrypted in the row, so a test reads it back with the database's
 * own keys (a read, never a write).
 */
export async function storedReporter(db: TestDatabase, caseId: string): Promise<ReporterIdentity | null> {
  const row = await db.prisma.case.findUniqueOrThrow({ where: { id: caseId }, select: { reporterEncrypted: true } });
  return row.reporterEncrypted ? decryptReporter(db.dataKeys!, caseId, row.reporterEncrypted) : null;
}
