-- Nothing is lost: the audit trail is append-only, and cases, decisions, reversals and
-- notes are never deleted. The database itself enforces it, whatever the client.

CREATE FUNCTION "reject_audit_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'The audit trail is append-only: % on "AuditEvent" is not allowed', TG_OP
    USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER "AuditEvent_append_only"
  BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "reject_audit_change"();

CREATE TRIGGER "AuditEvent_no_truncate"
  BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "reject_audit_change"();

CREATE FUNCTION "reject_record_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'Records are never deleted: % on "%" is not allowed', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER "Case_no_delete" BEFORE DELETE ON "Case" FOR EACH ROW EXECUTE FUNCTION "reject_record_delete"();
CREATE TRIGGER "Case_no_truncate" BEFORE TRUNCATE ON "Case" FOR EACH STATEMENT EXECUTE FUNCTION "reject_record_delete"();
CREATE TRIGGER "Decision_no_delete" BEFORE DELETE ON "Decision" FOR EACH ROW EXECUTE FUNCTION "reject_record_delete"();
CREATE TRIGGER "Decision_no_truncate" BEFORE TRUNCATE ON "Decision" FOR EACH STATEMENT EXECUTE FUNCTION "reject_record_delete"();
CREATE TRIGGER "DecisionReversal_no_delete" BEFORE DELETE ON "DecisionReversal" FOR EACH ROW EXECUTE FUNCTION "reject_record_delete"();
CREATE TRIGGER "CaseNote_no_delete" BEFORE DELETE ON "CaseNote" FOR EACH ROW EXECUTE FUNCTION "reject_record_delete"();
