-- AlterTable
ALTER TABLE "AuthAccount" ADD COLUMN     "login" TEXT;

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "changedAfterDecisionAt" TIMESTAMP(3),
ADD COLUMN     "restricted" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Decision" ADD COLUMN     "mandatory" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "reporterOnly" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "MemberIdentity" ADD COLUMN     "retiredAt" TIMESTAMP(3),
ADD COLUMN     "retiredById" UUID,
ADD COLUMN     "skeleton" TEXT;

-- CreateTable
CREATE TABLE "CaseTeamMember" (
    "caseId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "addedById" UUID,
    "joinReason" TEXT,
    "addedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removedAt" TIMESTAMP(3),

    CONSTRAINT "CaseTeamMember_pkey" PRIMARY KEY ("caseId","userId")
);

-- CreateTable
CREATE TABLE "DecisionReview" (
    "id" UUID NOT NULL,
    "decisionId" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "reviewedById" UUID,
    "reviewedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DecisionReview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DecisionNotice" (
    "id" UUID NOT NULL,
    "decisionId" UUID NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "sentById" UUID,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DecisionNotice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CaseTeamMember_userId_idx" ON "CaseTeamMember"("userId");

-- CreateIndex
CREATE INDEX "DecisionReview_decisionId_idx" ON "DecisionReview"("decisionId");

-- CreateIndex
CREATE INDEX "DecisionNotice_decisionId_idx" ON "DecisionNotice"("decisionId");

-- CreateIndex
CREATE INDEX "MemberIdentity_skeleton_idx" ON "MemberIdentity"("skeleton");

-- AddForeignKey
ALTER TABLE "CaseTeamMember" ADD CONSTRAINT "CaseTeamMember_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseTeamMember" ADD CONSTRAINT "CaseTeamMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseTeamMember" ADD CONSTRAINT "CaseTeamMember_addedById_fkey" FOREIGN KEY ("addedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DecisionReview" ADD CONSTRAINT "DecisionReview_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "Decision"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DecisionReview" ADD CONSTRAINT "DecisionReview_reviewedById_fkey" FOREIGN KEY ("reviewedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DecisionNotice" ADD CONSTRAINT "DecisionNotice_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "Decision"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DecisionNotice" ADD CONSTRAINT "DecisionNotice_sentById_fkey" FOREIGN KEY ("sentById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Nothing is lost: identities are retired, never deleted; reviews and sent notices are kept as
-- written (a notice holds the exact text the member was sent); leaving a case team keeps the row.
CREATE FUNCTION "reject_record_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'Records of "%" are kept as written: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER "MemberIdentity_no_delete" BEFORE DELETE ON "MemberIdentity" FOR EACH ROW EXECUTE FUNCTION "reject_record_delete"();
CREATE TRIGGER "MemberIdentity_no_truncate" BEFORE TRUNCATE ON "MemberIdentity" FOR EACH STATEMENT EXECUTE FUNCTION "reject_record_delete"();
CREATE TRIGGER "CaseTeamMember_no_delete" BEFORE DELETE ON "CaseTeamMember" FOR EACH ROW EXECUTE FUNCTION "reject_record_delete"();
CREATE TRIGGER "DecisionReview_kept" BEFORE UPDATE OR DELETE ON "DecisionReview" FOR EACH ROW EXECUTE FUNCTION "reject_record_change"();
CREATE TRIGGER "DecisionNotice_kept" BEFORE UPDATE OR DELETE ON "DecisionNotice" FOR EACH ROW EXECUTE FUNCTION "reject_record_change"();

-- A Permanent ban recorded on a case that breached a Warning was mandatory.
UPDATE "Decision" d SET "mandatory" = true
  FROM "Case" c
 WHERE c.id = d."caseId" AND c."breachOfDecisionId" IS NOT NULL
   AND d.level = 'permanent_ban' AND d."recommendedLevel" = 'permanent_ban';
