-- The audit trail is append-only: refuse UPDATE, DELETE and TRUNCATE at the database itself,
-- so no code path (ours or an operator's slip) can rewrite history. Tampering by a superuser
-- who disables these triggers is still caught by the hash chain (npm run audit:verify).
CREATE OR REPLACE FUNCTION waymark_audit_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_update_delete
  BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION waymark_audit_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate
  BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION waymark_audit_append_only();
