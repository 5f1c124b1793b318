-- Audit rows name the ICB whose admins may see them. Rows already written keep NULL: filling
-- them in would need an UPDATE, which the append-only trigger (0001) refuses and which would
-- change their hashes; the audit search scopes those by their actor's ICB instead.
ALTER TABLE "audit_events" ADD COLUMN "icb_id" uuid;--> statement-breakpoint
CREATE INDEX "audit_events_icb_idx" ON "audit_events" USING btree ("icb_id","id");