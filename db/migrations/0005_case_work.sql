CREATE TABLE "case_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"referral_id" uuid NOT NULL,
	"pcn_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"mode" text NOT NULL,
	"duration_minutes" integer NOT NULL,
	"outcome" text NOT NULL,
	"notes" text,
	"recorded_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_contacts_duration_range" CHECK ("case_contacts"."duration_minutes" BETWEEN 1 AND 480),
	CONSTRAINT "case_contacts_notes_length" CHECK ("case_contacts"."notes" IS NULL OR char_length("case_contacts"."notes") <= 4000)
);
--> statement-breakpoint
CREATE TABLE "case_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"referral_id" uuid NOT NULL,
	"pcn_id" uuid NOT NULL,
	"body" text NOT NULL,
	"author_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_notes_body_length" CHECK (char_length("case_notes"."body") BETWEEN 1 AND 4000)
);
--> statement-breakpoint
CREATE TABLE "gp_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"referral_id" uuid NOT NULL,
	"pcn_id" uuid NOT NULL,
	"practice_id" uuid,
	"discharged_at" timestamp with time zone NOT NULL,
	"discharge_reason" text NOT NULL,
	"summary" text NOT NULL,
	"offered" jsonb NOT NULL,
	"onward_referrals" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"outcome_change" jsonb,
	"codes" jsonb NOT NULL,
	"author_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gp_messages_summary_length" CHECK (char_length("gp_messages"."summary") <= 2000)
);
--> statement-breakpoint
ALTER TABLE "case_contacts" ADD CONSTRAINT "case_contacts_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_contacts" ADD CONSTRAINT "case_contacts_pcn_id_pcns_id_fk" FOREIGN KEY ("pcn_id") REFERENCES "public"."pcns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_contacts" ADD CONSTRAINT "case_contacts_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_pcn_id_pcns_id_fk" FOREIGN KEY ("pcn_id") REFERENCES "public"."pcns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gp_messages" ADD CONSTRAINT "gp_messages_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gp_messages" ADD CONSTRAINT "gp_messages_pcn_id_pcns_id_fk" FOREIGN KEY ("pcn_id") REFERENCES "public"."pcns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gp_messages" ADD CONSTRAINT "gp_messages_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gp_messages" ADD CONSTRAINT "gp_messages_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_contacts_referral_idx" ON "case_contacts" USING btree ("referral_id","at");--> statement-breakpoint
CREATE INDEX "case_notes_referral_idx" ON "case_notes" USING btree ("referral_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "gp_messages_referral_uq" ON "gp_messages" USING btree ("referral_id");--> statement-breakpoint
CREATE INDEX "gp_messages_practice_idx" ON "gp_messages" USING btree ("practice_id","created_at");