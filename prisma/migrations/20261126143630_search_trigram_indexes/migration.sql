-- Free-text case search matches numbers, descriptions, names and handles with (I)LIKE '%…%':
-- trigram indexes answer it without reading every row. pg_trgm ships with PostgreSQL (contrib)
-- and the app's PGlite loads it; it is a trusted extension, so the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "Case_number_trgm_idx" ON "Case" USING GIN ("number" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Case_description_trgm_idx" ON "Case" USING GIN ("description" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Member_displayName_trgm_idx" ON "Member" USING GIN ("displayName" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "MemberIdentity_handleNormalized_trgm_idx" ON "MemberIdentity" USING GIN ("handleNormalized" gin_trgm_ops);
