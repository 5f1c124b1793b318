CREATE TABLE "video_appointments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"planned_contact_id" uuid NOT NULL,
	"referral_id" uuid NOT NULL,
	"pcn_id" uuid NOT NULL,
	"icb_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"window_starts_at" timestamp with time zone NOT NULL,
	"window_ends_at" timestamp with time zone NOT NULL,
	"state" text DEFAULT 'booked' NOT NULL,
	"link_issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"link_issued_by_user_id" uuid NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by_user_id" uuid,
	"opened_at" timestamp with time zone,
	"waiting_since" timestamp with time zone,
	"admitted_at" timestamp with time zone,
	"admitted_by_user_id" uuid,
	"ended_at" timestamp with time zone,
	"ended_by_user_id" uuid,
	"person_connection_id" uuid,
	"worker_connection_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "video_appointments_window" CHECK ("video_appointments"."window_starts_at" < "video_appointments"."window_ends_at")
);
--> statement-breakpoint
ALTER TABLE "video_appointments" ADD CONSTRAINT "video_appointments_planned_contact_id_planned_contacts_id_fk" FOREIGN KEY ("planned_contact_id") REFERENCES "public"."planned_contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_appointments" ADD CONSTRAINT "video_appointments_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_appointments" ADD CONSTRAINT "video_appointments_pcn_id_pcns_id_fk" FOREIGN KEY ("pcn_id") REFERENCES "public"."pcns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_appointments" ADD CONSTRAINT "video_appointments_icb_id_icbs_id_fk" FOREIGN KEY ("icb_id") REFERENCES "public"."icbs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_appointments" ADD CONSTRAINT "video_appointments_link_issued_by_user_id_users_id_fk" FOREIGN KEY ("link_issued_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_appointments" ADD CONSTRAINT "video_appointments_revoked_by_user_id_users_id_fk" FOREIGN KEY ("revoked_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_appointments" ADD CONSTRAINT "video_appointments_admitted_by_user_id_users_id_fk" FOREIGN KEY ("admitted_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_appointments" ADD CONSTRAINT "video_appointments_ended_by_user_id_users_id_fk" FOREIGN KEY ("ended_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "video_appointments_planned_contact_uq" ON "video_appointments" USING btree ("planned_contact_id");--> statement-breakpoint
CREATE UNIQUE INDEX "video_appointments_token_uq" ON "video_appointments" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "video_appointments_referral_idx" ON "video_appointments" USING btree ("referral_id");