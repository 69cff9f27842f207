-- DropForeignKey
ALTER TABLE "Case" DROP CONSTRAINT "Case_reporterMemberId_fkey";

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "reporterBlindIndex" TEXT,
ADD COLUMN     "reporterEncrypted" TEXT;

-- CreateIndex
CREATE INDEX "Case_reporterBlindIndex_idx" ON "Case"("reporterBlindIndex");

-- Reporters are encrypted at rest (lib/server/crypto/reporter-identity.ts): the key is outside the
-- database, so SQL cannot encrypt the existing rows. The app does it at its next start, before it
-- serves anything (lib/server/cases/encrypt-legacy-reporters.ts): it writes "reporterEncrypted"
-- and "reporterBlindIndex" and empties the three clear columns. From now on nothing may write them
-- again: NOT VALID checks every inserted or updated row without checking the rows the app has yet
-- to encrypt. A later release drops the columns once every database has started on this one.
ALTER TABLE "Case" ADD CONSTRAINT "Case_reporter_not_in_clear"
  CHECK ("reporterMemberId" IS NULL AND "reporterName" IS NULL AND "reporterContact" IS NULL) NOT VALID;

-- A Warning that protects a case's reporter only as its reporter (not named among the people it
-- protects) kept that member's id in a row of its own, marked "named" = false: a clear link from
-- the case to its reporter's member record. Such a protection is now read from the case's
-- encrypted reporter and the Warning's protected roles ('reporter' in "protectedRoles"), which
-- every such row already has (migration protected_roles and record-decision wrote them together),
-- so these rows say nothing the case does not, and go. Triggers are set aside for this one
-- statement only: a migration that makes protections append-only may have run before this one.
ALTER TABLE "NoContactProtection" DISABLE TRIGGER USER;
DELETE FROM "NoContactProtection" p
 USING "Decision" d
 WHERE d.id = p."decisionId" AND NOT p."named" AND 'reporter' = ANY(d."protectedRoles");
ALTER TABLE "NoContactProtection" ENABLE TRIGGER USER;
-- Every protection left names its member: none is a reporter's alone.
ALTER TABLE "NoContactProtection" ADD CONSTRAINT "NoContactProtection_named" CHECK ("named") NOT VALID;
