ALTER TABLE "resident_messages" DROP CONSTRAINT "resident_messages_kind_known";--> statement-breakpoint
ALTER TABLE "onward_links" ALTER COLUMN "email" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "service_referral_settings" ADD COLUMN "referral_mobile" text;--> statement-breakpoint
ALTER TABLE "onward_links" ADD COLUMN "mobile" text;--> statement-breakpoint
ALTER TABLE "resident_messages" ADD CONSTRAINT "resident_messages_kind_known" CHECK ("resident_messages"."kind" IN ('self_referral_confirmation', 'first_contact_appointment', 'contact_reminder', 'secure_link', 'secure_link_code'));--> statement-breakpoint
ALTER TABLE "onward_links" ADD CONSTRAINT "onward_links_one_address" CHECK (("onward_links"."email" IS NULL) <> ("onward_links"."mobile" IS NULL));