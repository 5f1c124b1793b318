CREATE TABLE "self_referral_starts" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "pcns" ADD COLUMN "public_phone" text;--> statement-breakpoint
ALTER TABLE "pcns" ADD COLUMN "public_email" text;--> statement-breakpoint
ALTER TABLE "practices" ADD COLUMN "postcode" text;