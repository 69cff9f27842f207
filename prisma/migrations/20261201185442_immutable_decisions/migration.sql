-- Decisions are immutable: a decision, its reversal, every version of a note, every status
-- change and every no-contact protection stays as written, whatever the client. What happens
-- later is a new row (a reversal, a review, a sent notice) or the one column a decision sets
-- once ("memberNotifiedAt", when its notice is marked as sent). The database refuses the rest.

-- Every refusal says which rule it enforces, through Prisma too: with SQLSTATE 23001
-- (restrict_violation) Prisma's PostgreSQL adapter replaces the message with "Foreign key
-- constraint violated", so the earlier refusals now raise 23000 (integrity_constraint_violation),
-- the same words as before.
CREATE OR REPLACE FUNCTION "reject_audit_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'The audit trail is append-only: % on "AuditEvent" is not allowed', TG_OP
    USING ERRCODE = 'integrity_constraint_violation';
END;
$$;

CREATE OR REPLACE FUNCTION "reject_record_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'Records are never deleted: % on "%" is not allowed', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'integrity_constraint_violation';
END;
$$;

CREATE OR REPLACE FUNCTION "reject_record_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'Records of "%" are kept as written: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'integrity_constraint_violation';
END;
$$;

-- A decision changes only by getting its notice time, once: NULL to a time, never again.
-- Every other column is compared, so a column added later is covered too.
CREATE FUNCTION "decision_kept"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  other "Decision";
BEGIN
  other := NEW;
  other."memberNotifiedAt" := OLD."memberNotifiedAt";
  IF other IS DISTINCT FROM OLD OR NEW."memberNotifiedAt" IS NULL THEN
    RAISE EXCEPTION 'Decisions are immutable: UPDATE on "Decision" may only set "memberNotifiedAt", once (a change of outcome is a reversal)'
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF OLD."memberNotifiedAt" IS NOT NULL THEN
    RAISE EXCEPTION 'Decisions are immutable: "memberNotifiedAt" is set once, and this decision''s notice was already marked as sent'
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "Decision_kept" BEFORE UPDATE ON "Decision" FOR EACH ROW EXECUTE FUNCTION "decision_kept"();

-- A no-contact protection stays on its decision. A merge moves it, and only that: its member to
-- the record the member was merged into (the merge marks the duplicate first, in the same
-- transaction), nothing else changed.
CREATE FUNCTION "no_contact_protection_kept"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  other "NoContactProtection";
BEGIN
  other := NEW;
  other."memberId" := OLD."memberId";
  IF other IS NOT DISTINCT FROM OLD
     AND NEW."memberId" = (SELECT m."mergedIntoId" FROM "Member" m WHERE m.id = OLD."memberId") THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'No-contact protections are kept as decided: UPDATE on "NoContactProtection" is not allowed (only a merge moves one, to the record its member was merged into)'
    USING ERRCODE = 'integrity_constraint_violation';
END;
$$;

CREATE TRIGGER "NoContactProtection_kept" BEFORE UPDATE ON "NoContactProtection" FOR EACH ROW EXECUTE FUNCTION "no_contact_protection_kept"();
CREATE TRIGGER "NoContactProtection_no_delete" BEFORE DELETE ON "NoContactProtection" FOR EACH ROW EXECUTE FUNCTION "reject_record_delete"();

-- Reversals, notes (an edit is a new row superseding the old one) and status changes: as written.
CREATE TRIGGER "DecisionReversal_kept" BEFORE UPDATE ON "DecisionReversal" FOR EACH ROW EXECUTE FUNCTION "reject_record_change"();
CREATE TRIGGER "CaseNote_kept" BEFORE UPDATE ON "CaseNote" FOR EACH ROW EXECUTE FUNCTION "reject_record_change"();
CREATE TRIGGER "CaseStatusChange_kept" BEFORE UPDATE OR DELETE ON "CaseStatusChange" FOR EACH ROW EXECUTE FUNCTION "reject_record_change"();

-- TRUNCATE fires no row trigger: each of these tables refuses it too.
CREATE TRIGGER "DecisionReversal_no_truncate" BEFORE TRUNCATE ON "DecisionReversal" FOR EACH STATEMENT EXECUTE FUNCTION "reject_record_delete"();
CREATE TRIGGER "CaseNote_no_truncate" BEFORE TRUNCATE ON "CaseNote" FOR EACH STATEMENT EXECUTE FUNCTION "reject_record_delete"();
CREATE TRIGGER "CaseStatusChange_no_truncate" BEFORE TRUNCATE ON "CaseStatusChange" FOR EACH STATEMENT EXECUTE FUNCTION "reject_record_delete"();
CREATE TRIGGER "NoContactProtection_no_truncate" BEFORE TRUNCATE ON "NoContactProtection" FOR EACH STATEMENT EXECUTE FUNCTION "reject_record_delete"();
CREATE TRIGGER "DecisionReview_no_truncate" BEFORE TRUNCATE ON "DecisionReview" FOR EACH STATEMENT EXECUTE FUNCTION "reject_record_delete"();
CREATE TRIGGER "DecisionNotice_no_truncate" BEFORE TRUNCATE ON "DecisionNotice" FOR EACH STATEMENT EXECUTE FUNCTION "reject_record_delete"();
CREATE TRIGGER "CaseTeamMember_no_truncate" BEFORE TRUNCATE ON "CaseTeamMember" FOR EACH STATEMENT EXECUTE FUNCTION "reject_record_delete"();

-- The functions that read tables name them without a schema: a session's temporary table of the
-- same name ("AuditEvent", "Member", …) would otherwise come first in the search path, and the
-- app's role may create temporary tables. Each such function searches the migrations' schema
-- only, temporary tables last.
DO $$
BEGIN
  EXECUTE format('ALTER FUNCTION "audit_event_append"() SET search_path = %I, pg_temp', current_schema());
  EXECUTE format('ALTER FUNCTION "decision_kept"() SET search_path = %I, pg_temp', current_schema());
  EXECUTE format('ALTER FUNCTION "no_contact_protection_kept"() SET search_path = %I, pg_temp', current_schema());
END;
$$;
