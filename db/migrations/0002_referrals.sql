CREATE TABLE "referral_reasons" (
	"code" text PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"sort_order" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "snomed_codes" (
	"code" text PRIMARY KEY NOT NULL,
	"term" text NOT NULL,
	"status" text NOT NULL,
	"usage" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"link" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"icb_id" uuid NOT NULL,
	"nhs_number" text,
	"given_name" text NOT NULL,
	"family_name" text NOT NULL,
	"date_of_birth" date NOT NULL,
	"postcode" text,
	"phone" text,
	"email" text,
	"preferred_contact" text NOT NULL,
	"language" text DEFAULT 'English' NOT NULL,
	"interpreter_needed" boolean DEFAULT false NOT NULL,
	"accessibility_needs" text,
	"practice_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "people_nhs_number_unique" UNIQUE("nhs_number"),
	CONSTRAINT "people_nhs_number_shape" CHECK ("people"."nhs_number" IS NULL OR "people"."nhs_number" ~ '^[0-9]{10}$'),
	CONSTRAINT "people_preferred_contact_known" CHECK ("people"."preferred_contact" IN ('phone', 'email', 'text', 'letter'))
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"owner" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"response_status" integer NOT NULL,
	"response_body" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_owner_key_pk" PRIMARY KEY("owner","key")
);
--> statement-breakpoint
CREATE TABLE "referral_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"referral_id" uuid NOT NULL,
	"type" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"snomed_code" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"icb_id" uuid NOT NULL,
	"pcn_id" uuid NOT NULL,
	"practice_id" uuid,
	"source" text NOT NULL,
	"referrer_user_id" uuid,
	"referrer_name" text,
	"referrer_organisation" text,
	"referrer_contact" text,
	"reasons" text[] NOT NULL,
	"details" text,
	"urgency_requested" text NOT NULL,
	"consent_to_referral" boolean NOT NULL,
	"consent_to_share" boolean NOT NULL,
	"safeguarding_concern" boolean DEFAULT false NOT NULL,
	"status" text NOT NULL,
	"priority" text,
	"complexity" text,
	"predicted_pam" integer,
	"recommended_role" text,
	"signposting_only" boolean DEFAULT false NOT NULL,
	"triage_notes" text,
	"closure_reason" text,
	"closure_note" text,
	"allocated_worker_id" uuid,
	"cover_worker_id" uuid,
	"first_contact_due_at" timestamp with time zone,
	"received_at" timestamp with time zone NOT NULL,
	"triaged_at" timestamp with time zone,
	"allocated_at" timestamp with time zone,
	"first_contact_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referrals_details_length" CHECK ("referrals"."details" IS NULL OR char_length("referrals"."details") <= 4000),
	CONSTRAINT "referrals_has_reason" CHECK (cardinality("referrals"."reasons") >= 1),
	CONSTRAINT "referrals_consented" CHECK ("referrals"."consent_to_referral"),
	CONSTRAINT "referrals_pam_range" CHECK ("referrals"."predicted_pam" IS NULL OR "referrals"."predicted_pam" BETWEEN 1 AND 4)
);
--> statement-breakpoint
CREATE TABLE "pcn_triage_settings" (
	"pcn_id" uuid PRIMARY KEY NOT NULL,
	"routine_days" integer DEFAULT 14 NOT NULL,
	"soon_days" integer DEFAULT 7 NOT NULL,
	"urgent_days" integer DEFAULT 2 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pcn_triage_settings_order" CHECK ("pcn_triage_settings"."urgent_days" >= 0 AND "pcn_triage_settings"."urgent_days" <= "pcn_triage_settings"."soon_days" AND "pcn_triage_settings"."soon_days" <= "pcn_triage_settings"."routine_days" AND "pcn_triage_settings"."routine_days" <= 90)
);
--> statement-breakpoint
CREATE TABLE "staff_leave" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"pcn_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"reason" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_leave_dates" CHECK ("staff_leave"."ends_on" >= "staff_leave"."starts_on")
);
--> statement-breakpoint
ALTER TABLE "practices" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "languages" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_icb_id_icbs_id_fk" FOREIGN KEY ("icb_id") REFERENCES "public"."icbs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_events" ADD CONSTRAINT "referral_events_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_events" ADD CONSTRAINT "referral_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_icb_id_icbs_id_fk" FOREIGN KEY ("icb_id") REFERENCES "public"."icbs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_pcn_id_pcns_id_fk" FOREIGN KEY ("pcn_id") REFERENCES "public"."pcns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_referrer_user_id_users_id_fk" FOREIGN KEY ("referrer_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_allocated_worker_id_users_id_fk" FOREIGN KEY ("allocated_worker_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_cover_worker_id_users_id_fk" FOREIGN KEY ("cover_worker_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pcn_triage_settings" ADD CONSTRAINT "pcn_triage_settings_pcn_id_pcns_id_fk" FOREIGN KEY ("pcn_id") REFERENCES "public"."pcns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_leave" ADD CONSTRAINT "staff_leave_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_leave" ADD CONSTRAINT "staff_leave_pcn_id_pcns_id_fk" FOREIGN KEY ("pcn_id") REFERENCES "public"."pcns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_leave" ADD CONSTRAINT "staff_leave_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "outbox" USING btree ("sent_at","id");--> statement-breakpoint
CREATE INDEX "people_match_idx" ON "people" USING btree (lower("family_name"),"date_of_birth");--> statement-breakpoint
CREATE INDEX "people_practice_idx" ON "people" USING btree ("practice_id");--> statement-breakpoint
CREATE INDEX "referral_events_referral_idx" ON "referral_events" USING btree ("referral_id","at");--> statement-breakpoint
CREATE INDEX "referrals_queue_idx" ON "referrals" USING btree ("pcn_id","status","received_at");--> statement-breakpoint
CREATE INDEX "referrals_practice_idx" ON "referrals" USING btree ("practice_id","received_at");--> statement-breakpoint
CREATE INDEX "referrals_person_idx" ON "referrals" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "referrals_worker_idx" ON "referrals" USING btree ("allocated_worker_id","status");--> statement-breakpoint
CREATE INDEX "referrals_cover_idx" ON "referrals" USING btree ("cover_worker_id");--> statement-breakpoint
CREATE INDEX "staff_leave_user_idx" ON "staff_leave" USING btree ("user_id","starts_on");--> statement-breakpoint
CREATE INDEX "staff_leave_pcn_idx" ON "staff_leave" USING btree ("pcn_id","ends_on");