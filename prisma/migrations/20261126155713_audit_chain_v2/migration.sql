-- Audit chain, version 2: the database appends each event to the chain and computes its hash,
-- so that verifying a million events is one query inside the database instead of reading them
-- all out. Events written before this migration keep version 1 (hashed by the app over
-- canonical JSON) and are still verified as such.

-- Existing events are version 1; new ones version 2.
ALTER TABLE "AuditEvent" ADD COLUMN "hashVersion" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "AuditEvent" ALTER COLUMN "hashVersion" SET DEFAULT 2,
ALTER COLUMN "seq" SET DEFAULT 0,
ALTER COLUMN "prevHash" SET DEFAULT '',
ALTER COLUMN "hash" SET DEFAULT '';

-- The version 2 hash: SHA-256 (hex) of PostgreSQL's binary form of one row (record_send, the
-- format of binary COPY) holding the version and every chained field. Each field carries its
-- type and length, so no two different events give the same bytes. Text goes out in the
-- session's client encoding: the trigger below and the verify both run in UTF8.
-- A plain SQL function, so the verify query inlines it (and PostgreSQL can hash in parallel).
CREATE FUNCTION "audit_event_hash_v2"(
  seq bigint, occurred_at timestamp, actor_type text, actor_user_id uuid, actor_token_id uuid, actor_label text,
  action text, entity_type text, entity_id text, before jsonb, after jsonb, metadata jsonb, prev_hash text
) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT encode(sha256(record_send(ROW(2, seq, occurred_at, actor_type, actor_user_id, actor_token_id, actor_label,
    action, entity_type, entity_id, before, after, metadata, prev_hash))), 'hex')
$$;

-- Appends the new event to the chain, whatever the writer sent for these columns: the next
-- seq, the previous event's hash, and the event's own hash. The advisory lock serialises
-- writers until they commit, so concurrent transactions never fork the chain; each statement
-- of this function sees the rows committed before it got the lock, and the rows inserted
-- earlier by the same statement (a multi-row insert is chained row by row).
CREATE FUNCTION "audit_event_append"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head_seq bigint;
  head_hash text;
BEGIN
  IF current_setting('client_encoding') <> 'UTF8' THEN
    RAISE EXCEPTION 'Audit events are hashed in UTF8: this session''s client_encoding is %', current_setting('client_encoding')
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  PERFORM pg_advisory_xact_lock(727073692);
  SELECT e.seq, e.hash INTO head_seq, head_hash FROM "AuditEvent" e ORDER BY e.seq DESC LIMIT 1;
  NEW.seq := coalesce(head_seq, 0) + 1;
  NEW."prevHash" := coalesce(head_hash, repeat('0', 64));
  NEW."hashVersion" := 2;
  NEW.hash := "audit_event_hash_v2"(NEW.seq, NEW."occurredAt", NEW."actorType"::text, NEW."actorUserId", NEW."actorTokenId",
    NEW."actorLabel", NEW.action, NEW."entityType", NEW."entityId", NEW.before, NEW.after, NEW.metadata, NEW."prevHash");
  RETURN NEW;
END;
$$;

CREATE TRIGGER "AuditEvent_chain" BEFORE INSERT ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION "audit_event_append"();
