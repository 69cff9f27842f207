-- CreateIndex
CREATE INDEX "Member_mergedIntoId_idx" ON "Member"("mergedIntoId");
