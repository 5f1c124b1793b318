CREATE TABLE "directory_listing_proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"icb_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"proposed" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"submitted_by_user_id" uuid NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by_user_id" uuid,
	"decided_at" timestamp with time zone,
	"rejection_reason" text,
	"created_service_id" uuid
);
--> statement-breakpoint
CREATE TABLE "service_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"icb_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone,
	"place" text,
	"spaces_left" integer,
	"booking_needed" boolean DEFAULT false NOT NULL,
	"created_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "service_events_title_length" CHECK (char_length("service_events"."title") BETWEEN 1 AND 200),
	CONSTRAINT "service_events_spaces" CHECK ("service_events"."spaces_left" IS NULL OR "service_events"."spaces_left" BETWEEN 0 AND 10000),
	CONSTRAINT "service_events_ends_after_start" CHECK ("service_events"."ends_at" IS NULL OR "service_events"."ends_at" > "service_events"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "service_referral_settings" (
	"service_id" uuid PRIMARY KEY NOT NULL,
	"takes_referrals" boolean DEFAULT true NOT NULL,
	"takes_self_referrals" boolean DEFAULT false NOT NULL,
	"referral_email" text,
	"reply_working_days" integer DEFAULT 5 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by_user_id" uuid,
	CONSTRAINT "service_referral_settings_reply_days" CHECK ("service_referral_settings"."reply_working_days" BETWEEN 1 AND 30)
);
--> statement-breakpoint
CREATE TABLE "onward_attendances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"onward_referral_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"on" date NOT NULL,
	"sessions" integer DEFAULT 1 NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recorded_by_user_id" uuid,
	CONSTRAINT "onward_attendances_sessions" CHECK ("onward_attendances"."sessions" BETWEEN 1 AND 200)
);
--> statement-breakpoint
CREATE TABLE "onward_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"onward_referral_id" uuid NOT NULL,
	"type" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"via" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "onward_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"onward_referral_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"email" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by_user_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by_user_id" uuid,
	"code_hash" text,
	"code_expires_at" timestamp with time zone,
	"code_attempts" integer DEFAULT 0 NOT NULL,
	"access_hash" text,
	"access_expires_at" timestamp with time zone,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "onward_referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"icb_id" uuid NOT NULL,
	"pcn_id" uuid NOT NULL,
	"referral_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"vcs_organisation_id" uuid,
	"kind" text NOT NULL,
	"delivery" text,
	"status" text NOT NULL,
	"consent_recorded_by_user_id" uuid,
	"consent_recorded_at" timestamp with time zone,
	"shared_fields" text[] DEFAULT '{}'::text[] NOT NULL,
	"shared_details" jsonb,
	"note" text,
	"capacity_at_send" text NOT NULL,
	"service_status_at_send" text NOT NULL,
	"reply_due_on" date,
	"viewed_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"declined_at" timestamp with time zone,
	"decline_reason" text,
	"decline_note" text,
	"closed_at" timestamp with time zone,
	"outcome" text,
	"outcome_note" text,
	"access_ends_at" timestamp with time zone,
	"created_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "onward_referrals_note_length" CHECK ("onward_referrals"."note" IS NULL OR char_length("onward_referrals"."note") <= 2000),
	CONSTRAINT "onward_referrals_decline_note_length" CHECK ("onward_referrals"."decline_note" IS NULL OR char_length("onward_referrals"."decline_note") <= 2000),
	CONSTRAINT "onward_referrals_outcome_note_length" CHECK ("onward_referrals"."outcome_note" IS NULL OR char_length("onward_referrals"."outcome_note") <= 2000),
	CONSTRAINT "onward_referrals_consent" CHECK (("onward_referrals"."kind" = 'signpost' AND "onward_referrals"."shared_details" IS NULL AND "onward_referrals"."delivery" IS NULL) OR ("onward_referrals"."kind" = 'referral' AND "onward_referrals"."consent_recorded_by_user_id" IS NOT NULL AND "onward_referrals"."consent_recorded_at" IS NOT NULL AND "onward_referrals"."delivery" IS NOT NULL))
);
--> statement-breakpoint
DROP INDEX "reminder_tasks_open_uq";--> statement-breakpoint
DROP INDEX "reminder_tasks_due_uq";--> statement-breakpoint
ALTER TABLE "reminder_tasks" ADD COLUMN "onward_referral_id" uuid;--> statement-breakpoint
ALTER TABLE "directory_listing_proposals" ADD CONSTRAINT "directory_listing_proposals_icb_id_icbs_id_fk" FOREIGN KEY ("icb_id") REFERENCES "public"."icbs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_listing_proposals" ADD CONSTRAINT "directory_listing_proposals_organization_id_directory_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."directory_organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_listing_proposals" ADD CONSTRAINT "directory_listing_proposals_submitted_by_user_id_users_id_fk" FOREIGN KEY ("submitted_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_listing_proposals" ADD CONSTRAINT "directory_listing_proposals_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_listing_proposals" ADD CONSTRAINT "directory_listing_proposals_created_service_id_directory_services_id_fk" FOREIGN KEY ("created_service_id") REFERENCES "public"."directory_services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_events" ADD CONSTRAINT "service_events_icb_id_icbs_id_fk" FOREIGN KEY ("icb_id") REFERENCES "public"."icbs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_events" ADD CONSTRAINT "service_events_service_id_directory_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."directory_services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_events" ADD CONSTRAINT "service_events_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_referral_settings" ADD CONSTRAINT "service_referral_settings_service_id_directory_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."directory_services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_referral_settings" ADD CONSTRAINT "service_referral_settings_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onward_attendances" ADD CONSTRAINT "onward_attendances_onward_referral_id_onward_referrals_id_fk" FOREIGN KEY ("onward_referral_id") REFERENCES "public"."onward_referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onward_attendances" ADD CONSTRAINT "onward_attendances_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onward_events" ADD CONSTRAINT "onward_events_onward_referral_id_onward_referrals_id_fk" FOREIGN KEY ("onward_referral_id") REFERENCES "public"."onward_referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onward_events" ADD CONSTRAINT "onward_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onward_links" ADD CONSTRAINT "onward_links_onward_referral_id_onward_referrals_id_fk" FOREIGN KEY ("onward_referral_id") REFERENCES "public"."onward_referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onward_links" ADD CONSTRAINT "onward_links_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onward_links" ADD CONSTRAINT "onward_links_revoked_by_user_id_users_id_fk" FOREIGN KEY ("revoked_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onward_referrals" ADD CONSTRAINT "onward_referrals_icb_id_icbs_id_fk" FOREIGN KEY ("icb_id") REFERENCES "public"."icbs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onward_referrals" ADD CONSTRAINT "onward_referrals_pcn_id_pcns_id_fk" FOREIGN KEY ("pcn_id") REFERENCES "public"."pcns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onward_referrals" ADD CONSTRAINT "onward_referrals_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onward_referrals" ADD CONSTRAINT "onward_referrals_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onward_referrals" ADD CONSTRAINT "onward_referrals_service_id_directory_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."directory_services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onward_referrals" ADD CONSTRAINT "onward_referrals_organization_id_directory_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."directory_organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onward_referrals" ADD CONSTRAINT "onward_referrals_vcs_organisation_id_vcs_organisations_id_fk" FOREIGN KEY ("vcs_organisation_id") REFERENCES "public"."vcs_organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onward_referrals" ADD CONSTRAINT "onward_referrals_consent_recorded_by_user_id_users_id_fk" FOREIGN KEY ("consent_recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onward_referrals" ADD CONSTRAINT "onward_referrals_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "directory_listing_proposals_pending_idx" ON "directory_listing_proposals" USING btree ("icb_id","submitted_at") WHERE "directory_listing_proposals"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "directory_listing_proposals_org_idx" ON "directory_listing_proposals" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "service_events_service_idx" ON "service_events" USING btree ("service_id","starts_at");--> statement-breakpoint
CREATE INDEX "service_events_upcoming_idx" ON "service_events" USING btree ("icb_id","starts_at") WHERE "service_events"."cancelled_at" IS NULL;--> statement-breakpoint
CREATE INDEX "onward_attendances_referral_idx" ON "onward_attendances" USING btree ("onward_referral_id","on");--> statement-breakpoint
CREATE INDEX "onward_events_referral_idx" ON "onward_events" USING btree ("onward_referral_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "onward_links_token_uq" ON "onward_links" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "onward_links_access_uq" ON "onward_links" USING btree ("access_hash");--> statement-breakpoint
CREATE INDEX "onward_links_referral_idx" ON "onward_links" USING btree ("onward_referral_id","created_at");--> statement-breakpoint
CREATE INDEX "onward_referrals_case_idx" ON "onward_referrals" USING btree ("referral_id","created_at");--> statement-breakpoint
CREATE INDEX "onward_referrals_inbox_idx" ON "onward_referrals" USING btree ("vcs_organisation_id","status","created_at");--> statement-breakpoint
CREATE INDEX "onward_referrals_org_idx" ON "onward_referrals" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "onward_referrals_service_idx" ON "onward_referrals" USING btree ("service_id","created_at");--> statement-breakpoint
CREATE INDEX "onward_referrals_pcn_idx" ON "onward_referrals" USING btree ("pcn_id","created_at");--> statement-breakpoint
CREATE INDEX "onward_referrals_reply_due_idx" ON "onward_referrals" USING btree ("reply_due_on") WHERE "onward_referrals"."status" = 'sent';--> statement-breakpoint
ALTER TABLE "reminder_tasks" ADD CONSTRAINT "reminder_tasks_onward_referral_id_onward_referrals_id_fk" FOREIGN KEY ("onward_referral_id") REFERENCES "public"."onward_referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "reminder_tasks_open_uq" ON "reminder_tasks" USING btree ("referral_id","kind",coalesce("onward_referral_id", '00000000-0000-0000-0000-000000000000'::uuid)) WHERE "reminder_tasks"."done_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "reminder_tasks_due_uq" ON "reminder_tasks" USING btree ("referral_id","kind","due_on",coalesce("onward_referral_id", '00000000-0000-0000-0000-000000000000'::uuid));