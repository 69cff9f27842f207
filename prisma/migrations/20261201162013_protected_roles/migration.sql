-- AlterTable
ALTER TABLE "Decision" ADD COLUMN     "protectedAssigneeId" UUID,
ADD COLUMN     "protectedRoles" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "NoContactProtection" ADD COLUMN     "named" BOOLEAN NOT NULL DEFAULT true;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_protectedAssigneeId_fkey" FOREIGN KEY ("protectedAssigneeId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Warnings recorded before: the reporter and the deciding moderator they protect, by role.
UPDATE "Decision" d SET "protectedRoles" = array_append(d."protectedRoles", 'reporter')
  FROM "Case" c
 WHERE c.id = d."caseId" AND c."reporterMemberId" IS NOT NULL
   AND EXISTS (SELECT 1 FROM "NoContactProtection" p WHERE p."decisionId" = d.id AND p."memberId" = c."reporterMemberId")
   AND NOT EXISTS (SELECT 1 FROM "CaseInvolvement" i WHERE i."caseId" = c.id AND i."memberId" = c."reporterMemberId");
UPDATE "NoContactProtection" p SET "named" = false
  FROM "Decision" d JOIN "Case" c ON c.id = d."caseId"
 WHERE d.id = p."decisionId" AND p."memberId" = c."reporterMemberId" AND 'reporter' = ANY(d."protectedRoles");
UPDATE "Decision" d SET "protectedRoles" = array_append(d."protectedRoles", 'decider')
  FROM "User" u
 WHERE u.id = d."decidedById" AND u."memberId" IS NOT NULL
   AND EXISTS (SELECT 1 FROM "NoContactProtection" p WHERE p."decisionId" = d.id AND p."memberId" = u."memberId");
