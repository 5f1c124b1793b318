-- Appends audit rows to the hash chain in ONE call (server/platform/audit/audit.ts appendChained).
-- Under the chain's advisory lock (the key the app took before, 7402118276) the last hash is read
-- and each row is hashed exactly as hashAuditRow does in JS — sha256 of the previous hash, a
-- newline and the row's canonical JSON, which the app computes and `npm run audit:verify` checks —
-- and inserted in order. Each statement of a PL/pgSQL function reads a fresh snapshot (READ
-- COMMITTED), so the last hash read after the lock is the chain's last committed row. One round
-- trip instead of five: the lock is held for the inserts alone (and, inside a use-case's
-- transaction, until its commit), not across the app's network round trips, where a busy event
-- loop made every other append in the ICB wait.
CREATE OR REPLACE FUNCTION waymark_audit_append(entries json) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  prev text;
  e json;
  h text;
BEGIN
  PERFORM pg_advisory_xact_lock(7402118276);
  SELECT hash INTO prev FROM audit_events ORDER BY id DESC LIMIT 1;
  prev := coalesce(prev, repeat('0', 64));
  FOR e IN SELECT value FROM json_array_elements(entries) LOOP
    h := encode(sha256(convert_to(prev || E'\n' || (e->>'canonical'), 'UTF8')), 'hex');
    INSERT INTO audit_events (at, actor_user_id, actor_role, action, outcome, entity_type, entity_id, ip,
                              request_id, icb_id, details, prev_hash, hash)
    VALUES ((e->>'at')::timestamptz, (e->>'actorUserId')::uuid, e->>'actorRole', e->>'action', e->>'outcome',
            e->>'entityType', e->>'entityId', e->>'ip', e->>'requestId', (e->>'icbId')::uuid,
            coalesce((e->'details')::jsonb, '{}'::jsonb), prev, h);
    prev := h;
  END LOOP;
END $$;
