ALTER TABLE "referrals" DROP CONSTRAINT "referrals_identity_check_known";--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "self_referral" jsonb;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "spam_marked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "spam_marked_by" uuid;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_spam_marked_by_users_id_fk" FOREIGN KEY ("spam_marked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_identity_check_known" CHECK ("referrals"."identity_check" IS NULL OR "referrals"."identity_check" IN ('nhs_number_not_linked', 'self_referred'));