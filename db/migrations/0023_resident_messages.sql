CREATE TABLE "resident_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"icb_id" uuid NOT NULL,
	"referral_id" uuid,
	"person_id" uuid,
	"kind" text NOT NULL,
	"channel" text NOT NULL,
	"recipient" text NOT NULL,
	"personalisation" jsonb NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"notify_id" uuid,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"dedupe_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"status_at" timestamp with time zone,
	CONSTRAINT "resident_messages_kind_known" CHECK ("resident_messages"."kind" IN ('self_referral_confirmation', 'first_contact_appointment', 'contact_reminder', 'secure_link')),
	CONSTRAINT "resident_messages_channel_known" CHECK ("resident_messages"."channel" IN ('sms', 'email')),
	CONSTRAINT "resident_messages_status_known" CHECK ("resident_messages"."status" IN ('queued', 'sending', 'sent', 'delivered', 'permanent-failure', 'temporary-failure', 'technical-failure'))
);
--> statement-breakpoint
ALTER TABLE "resident_messages" ADD CONSTRAINT "resident_messages_icb_id_icbs_id_fk" FOREIGN KEY ("icb_id") REFERENCES "public"."icbs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_messages" ADD CONSTRAINT "resident_messages_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_messages" ADD CONSTRAINT "resident_messages_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "resident_messages_due_idx" ON "resident_messages" USING btree ("next_attempt_at","created_at") WHERE "resident_messages"."status" = 'queued';--> statement-breakpoint
CREATE UNIQUE INDEX "resident_messages_notify_id_uq" ON "resident_messages" USING btree ("notify_id");--> statement-breakpoint
CREATE UNIQUE INDEX "resident_messages_dedupe_uq" ON "resident_messages" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "resident_messages_referral_idx" ON "resident_messages" USING btree ("referral_id","created_at");