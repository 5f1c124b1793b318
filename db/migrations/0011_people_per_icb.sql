CREATE TABLE "person_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"icb_id" uuid NOT NULL,
	"pcn_id" uuid,
	"practice_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "person_links_unique" UNIQUE NULLS NOT DISTINCT("person_id","pcn_id","practice_id")
);
--> statement-breakpoint
ALTER TABLE "care_plans" DROP CONSTRAINT "care_plans_person_unique";--> statement-breakpoint
ALTER TABLE "people" DROP CONSTRAINT "people_nhs_number_unique";--> statement-breakpoint
ALTER TABLE "care_plans" ADD COLUMN "pcn_id" uuid;--> statement-breakpoint
-- A plan made before plans belonged to a team goes to the PCN of the person's latest referral.
UPDATE "care_plans" cp SET "pcn_id" = (
  SELECT r."pcn_id" FROM "referrals" r WHERE r."person_id" = cp."person_id" ORDER BY r."received_at" DESC LIMIT 1
);--> statement-breakpoint
ALTER TABLE "care_plans" ALTER COLUMN "pcn_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "person_details" jsonb;--> statement-breakpoint
-- Referrals made before now: the details they were made with are the record's as it stands.
UPDATE "referrals" r SET "person_details" = jsonb_build_object(
  'nhsNumber', p."nhs_number", 'givenName', p."given_name", 'familyName', p."family_name",
  'dateOfBirth', to_char(p."date_of_birth", 'YYYY-MM-DD'), 'postcode', p."postcode", 'phone', p."phone",
  'email', p."email", 'preferredContact', p."preferred_contact", 'language', p."language",
  'interpreterNeeded', p."interpreter_needed", 'accessibilityNeeds', p."accessibility_needs",
  'registeredPracticeId', p."practice_id"
) FROM "people" p WHERE p."id" = r."person_id";--> statement-breakpoint
ALTER TABLE "referrals" ALTER COLUMN "person_details" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "identity_check" text;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "person_details_reviewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "person_details_reviewed_by" uuid;--> statement-breakpoint
ALTER TABLE "person_links" ADD CONSTRAINT "person_links_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_links" ADD CONSTRAINT "person_links_icb_id_icbs_id_fk" FOREIGN KEY ("icb_id") REFERENCES "public"."icbs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_links" ADD CONSTRAINT "person_links_pcn_id_pcns_id_fk" FOREIGN KEY ("pcn_id") REFERENCES "public"."pcns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_links" ADD CONSTRAINT "person_links_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "person_links_pcn_idx" ON "person_links" USING btree ("pcn_id","person_id");--> statement-breakpoint
CREATE INDEX "person_links_practice_idx" ON "person_links" USING btree ("practice_id","person_id");--> statement-breakpoint
ALTER TABLE "care_plans" ADD CONSTRAINT "care_plans_pcn_id_pcns_id_fk" FOREIGN KEY ("pcn_id") REFERENCES "public"."pcns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_person_details_reviewed_by_users_id_fk" FOREIGN KEY ("person_details_reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_plans" ADD CONSTRAINT "care_plans_person_pcn_unique" UNIQUE("person_id","pcn_id");--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_icb_nhs_number_unique" UNIQUE("icb_id","nhs_number");--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_identity_check_known" CHECK ("referrals"."identity_check" IS NULL OR "referrals"."identity_check" = 'nhs_number_not_linked');--> statement-breakpoint
-- The teams that already know each person: every referral's PCN and practice, and the practice
-- the person is registered with.
INSERT INTO "person_links" ("person_id", "icb_id", "pcn_id", "practice_id")
SELECT DISTINCT r."person_id", r."icb_id", r."pcn_id", r."practice_id" FROM "referrals" r
ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "person_links" ("person_id", "icb_id", "pcn_id", "practice_id")
SELECT p."id", p."icb_id", pr."pcn_id", p."practice_id" FROM "people" p JOIN "practices" pr ON pr."id" = p."practice_id"
ON CONFLICT DO NOTHING;
