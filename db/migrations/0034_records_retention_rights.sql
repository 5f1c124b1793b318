CREATE TABLE "destroyed_records" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"icb_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"record_id" uuid NOT NULL,
	"referral_count" integer NOT NULL,
	"closed_on" date NOT NULL,
	"retain_until" date NOT NULL,
	"rule" text NOT NULL,
	"destroyed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"destroyed_by" uuid,
	"how" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "processing_restrictions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"icb_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"note" text,
	"restricted_by" uuid,
	"restricted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lifted_at" timestamp with time zone,
	"lifted_by" uuid,
	"lift_note" text,
	CONSTRAINT "processing_restrictions_note_length" CHECK ("processing_restrictions"."note" IS NULL OR char_length("processing_restrictions"."note") <= 1000)
);
--> statement-breakpoint
CREATE TABLE "retention_settings" (
	"icb_id" uuid PRIMARY KEY NOT NULL,
	"scheduled_destruction" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "destroyed_records" ADD CONSTRAINT "destroyed_records_icb_id_icbs_id_fk" FOREIGN KEY ("icb_id") REFERENCES "public"."icbs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "destroyed_records" ADD CONSTRAINT "destroyed_records_destroyed_by_users_id_fk" FOREIGN KEY ("destroyed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "processing_restrictions" ADD CONSTRAINT "processing_restrictions_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "processing_restrictions" ADD CONSTRAINT "processing_restrictions_icb_id_icbs_id_fk" FOREIGN KEY ("icb_id") REFERENCES "public"."icbs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "processing_restrictions" ADD CONSTRAINT "processing_restrictions_restricted_by_users_id_fk" FOREIGN KEY ("restricted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "processing_restrictions" ADD CONSTRAINT "processing_restrictions_lifted_by_users_id_fk" FOREIGN KEY ("lifted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_settings" ADD CONSTRAINT "retention_settings_icb_id_icbs_id_fk" FOREIGN KEY ("icb_id") REFERENCES "public"."icbs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_settings" ADD CONSTRAINT "retention_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "destroyed_records_record_uq" ON "destroyed_records" USING btree ("kind","record_id");--> statement-breakpoint
CREATE INDEX "destroyed_records_icb_idx" ON "destroyed_records" USING btree ("icb_id","destroyed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "processing_restrictions_active_uq" ON "processing_restrictions" USING btree ("person_id") WHERE "processing_restrictions"."lifted_at" IS NULL;--> statement-breakpoint
-- Restriction of processing (UK GDPR Article 18, issue 19): while a person has an active
-- restriction, changes to their record made by people using Waymark are refused here, whichever
-- module makes them. Enforced only in transactions that ask for it (runUseCase sets
-- waymark.enforce_restriction for every signed-in write), so background jobs that only minimise
-- data (removing shared details, purging) carry on; jobs that would reach out to the person leave
-- restricted people out themselves. Intake of a new referral (an INSERT into referrals) is taken:
-- a GP's referral is never lost; the team sees the restriction on it.
CREATE OR REPLACE FUNCTION waymark_refuse_restricted() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  r jsonb;
  key uuid;
  person uuid;
BEGIN
  IF coalesce(current_setting('waymark.enforce_restriction', true), '') <> 'on' THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  r := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
  key := (r ->> TG_ARGV[0])::uuid;
  IF key IS NOT NULL THEN
    IF TG_ARGV[1] = 'person' THEN person := key;
    ELSIF TG_ARGV[1] = 'referral' THEN SELECT p.person_id INTO person FROM referrals p WHERE p.id = key;
    ELSIF TG_ARGV[1] = 'plan' THEN SELECT p.person_id INTO person FROM care_plans p WHERE p.id = key;
    ELSIF TG_ARGV[1] = 'onward' THEN SELECT p.person_id INTO person FROM onward_referrals p WHERE p.id = key;
    END IF;
    IF person IS NOT NULL AND EXISTS (
      SELECT 1 FROM processing_restrictions pr WHERE pr.person_id = person AND pr.lifted_at IS NULL
    ) THEN
      RAISE EXCEPTION 'processing of this person''s record is restricted' USING ERRCODE = 'WM018';
    END IF;
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;--> statement-breakpoint
CREATE TRIGGER people_restricted BEFORE UPDATE ON people FOR EACH ROW EXECUTE FUNCTION waymark_refuse_restricted('id', 'person');--> statement-breakpoint
CREATE TRIGGER referrals_restricted BEFORE UPDATE ON referrals FOR EACH ROW EXECUTE FUNCTION waymark_refuse_restricted('person_id', 'person');--> statement-breakpoint
CREATE TRIGGER case_notes_restricted BEFORE INSERT OR UPDATE OR DELETE ON case_notes FOR EACH ROW EXECUTE FUNCTION waymark_refuse_restricted('referral_id', 'referral');--> statement-breakpoint
CREATE TRIGGER case_contacts_restricted BEFORE INSERT OR UPDATE OR DELETE ON case_contacts FOR EACH ROW EXECUTE FUNCTION waymark_refuse_restricted('referral_id', 'referral');--> statement-breakpoint
CREATE TRIGGER planned_contacts_restricted BEFORE INSERT OR UPDATE OR DELETE ON planned_contacts FOR EACH ROW EXECUTE FUNCTION waymark_refuse_restricted('referral_id', 'referral');--> statement-breakpoint
CREATE TRIGGER gp_messages_restricted BEFORE INSERT OR UPDATE OR DELETE ON gp_messages FOR EACH ROW EXECUTE FUNCTION waymark_refuse_restricted('referral_id', 'referral');--> statement-breakpoint
CREATE TRIGGER video_appointments_restricted BEFORE INSERT OR UPDATE OR DELETE ON video_appointments FOR EACH ROW EXECUTE FUNCTION waymark_refuse_restricted('referral_id', 'referral');--> statement-breakpoint
CREATE TRIGGER outcome_measures_restricted BEFORE INSERT OR UPDATE OR DELETE ON outcome_measures FOR EACH ROW EXECUTE FUNCTION waymark_refuse_restricted('person_id', 'person');--> statement-breakpoint
CREATE TRIGGER care_plans_restricted BEFORE INSERT OR UPDATE OR DELETE ON care_plans FOR EACH ROW EXECUTE FUNCTION waymark_refuse_restricted('person_id', 'person');--> statement-breakpoint
CREATE TRIGGER care_plan_versions_restricted BEFORE INSERT OR UPDATE OR DELETE ON care_plan_versions FOR EACH ROW EXECUTE FUNCTION waymark_refuse_restricted('plan_id', 'plan');--> statement-breakpoint
CREATE TRIGGER onward_referrals_restricted BEFORE INSERT OR UPDATE OR DELETE ON onward_referrals FOR EACH ROW EXECUTE FUNCTION waymark_refuse_restricted('person_id', 'person');--> statement-breakpoint
CREATE TRIGGER onward_events_restricted BEFORE INSERT OR UPDATE OR DELETE ON onward_events FOR EACH ROW EXECUTE FUNCTION waymark_refuse_restricted('onward_referral_id', 'onward');--> statement-breakpoint
CREATE TRIGGER onward_attendances_restricted BEFORE INSERT OR UPDATE OR DELETE ON onward_attendances FOR EACH ROW EXECUTE FUNCTION waymark_refuse_restricted('onward_referral_id', 'onward');--> statement-breakpoint
CREATE TRIGGER befriending_assignments_restricted BEFORE INSERT OR UPDATE OR DELETE ON befriending_assignments FOR EACH ROW EXECUTE FUNCTION waymark_refuse_restricted('person_id', 'person');--> statement-breakpoint
CREATE TRIGGER team_group_attendance_restricted BEFORE INSERT OR UPDATE OR DELETE ON team_group_attendance FOR EACH ROW EXECUTE FUNCTION waymark_refuse_restricted('person_id', 'person');
