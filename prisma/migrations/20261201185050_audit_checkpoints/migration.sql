-- CreateTable
CREATE TABLE "AuditCheckpoint" (
    "id" BIGSERIAL NOT NULL,
    "seq" BIGINT NOT NULL,
    "hash" TEXT NOT NULL,
    "signedAt" TIMESTAMP(3) NOT NULL,
    "keyId" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "reason" TEXT NOT NULL,

    CONSTRAINT "AuditCheckpoint_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AuditCheckpoint_signedAt_idx" ON "AuditCheckpoint"("signedAt");

-- CreateIndex
CREATE INDEX "AuditCheckpoint_seq_idx" ON "AuditCheckpoint"("seq");

-- Checkpoints are kept as signed: never changed, never removed.
CREATE TRIGGER "AuditCheckpoint_kept" BEFORE UPDATE OR DELETE ON "AuditCheckpoint" FOR EACH ROW EXECUTE FUNCTION "reject_record_change"();
CREATE TRIGGER "AuditCheckpoint_no_truncate" BEFORE TRUNCATE ON "AuditCheckpoint" FOR EACH STATEMENT EXECUTE FUNCTION "reject_record_delete"();
