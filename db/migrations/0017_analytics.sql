CREATE TABLE "analytics_contacts" (
	"pcn_id" uuid NOT NULL,
	"practice_id" uuid,
	"worker_id" uuid NOT NULL,
	"role" text NOT NULL,
	"month" date NOT NULL,
	"mode" text NOT NULL,
	"outcome" text NOT NULL,
	"n" integer NOT NULL,
	"minutes" integer NOT NULL,
	CONSTRAINT "analytics_contacts_key" UNIQUE NULLS NOT DISTINCT("pcn_id","practice_id","worker_id","month","mode","outcome"),
	CONSTRAINT "analytics_contacts_month_start" CHECK (extract(day from "analytics_contacts"."month") = 1),
	CONSTRAINT "analytics_contacts_n_positive" CHECK ("analytics_contacts"."n" > 0)
);
--> statement-breakpoint
CREATE TABLE "analytics_counts" (
	"pcn_id" uuid NOT NULL,
	"practice_id" uuid,
	"month" date NOT NULL,
	"role" text NOT NULL,
	"measure" text NOT NULL,
	"dimension" text NOT NULL,
	"value" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "analytics_counts_key" UNIQUE NULLS NOT DISTINCT("pcn_id","practice_id","month","role","measure","dimension","value"),
	CONSTRAINT "analytics_counts_month_start" CHECK (extract(day from "analytics_counts"."month") = 1),
	CONSTRAINT "analytics_counts_n_positive" CHECK ("analytics_counts"."n" > 0)
);
--> statement-breakpoint
CREATE TABLE "analytics_outcomes" (
	"pcn_id" uuid NOT NULL,
	"practice_id" uuid,
	"month" date NOT NULL,
	"role" text NOT NULL,
	"measure" text NOT NULL,
	"item" text NOT NULL,
	"dimension" text NOT NULL,
	"value" text NOT NULL,
	"pairs" integer NOT NULL,
	"baseline_sum" numeric(14, 2) NOT NULL,
	"latest_sum" numeric(14, 2) NOT NULL,
	"improved" integer NOT NULL,
	"same" integer NOT NULL,
	"worse" integer NOT NULL,
	CONSTRAINT "analytics_outcomes_key" UNIQUE NULLS NOT DISTINCT("pcn_id","practice_id","month","role","measure","item","dimension","value"),
	CONSTRAINT "analytics_outcomes_month_start" CHECK (extract(day from "analytics_outcomes"."month") = 1),
	CONSTRAINT "analytics_outcomes_pairs" CHECK ("analytics_outcomes"."pairs" > 0 AND "analytics_outcomes"."improved" + "analytics_outcomes"."same" + "analytics_outcomes"."worse" = "analytics_outcomes"."pairs")
);
--> statement-breakpoint
CREATE TABLE "analytics_refreshes" (
	"pcn_id" uuid PRIMARY KEY NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL,
	"caught_up_to" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_waits" (
	"pcn_id" uuid NOT NULL,
	"practice_id" uuid,
	"month" date NOT NULL,
	"role" text NOT NULL,
	"priority" text NOT NULL,
	"working_days" smallint NOT NULL,
	"met" boolean NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "analytics_waits_key" UNIQUE NULLS NOT DISTINCT("pcn_id","practice_id","month","role","priority","working_days","met"),
	CONSTRAINT "analytics_waits_month_start" CHECK (extract(day from "analytics_waits"."month") = 1),
	CONSTRAINT "analytics_waits_n_positive" CHECK ("analytics_waits"."n" > 0)
);
--> statement-breakpoint
CREATE TABLE "imd_deciles" (
	"lsoa" text PRIMARY KEY NOT NULL,
	"decile" smallint NOT NULL,
	CONSTRAINT "imd_deciles_range" CHECK ("imd_deciles"."decile" BETWEEN 1 AND 10)
);
--> statement-breakpoint
CREATE TABLE "practice_population" (
	"practice_id" uuid NOT NULL,
	"dimension" text NOT NULL,
	"value" text NOT NULL,
	"people" integer NOT NULL,
	CONSTRAINT "practice_population_people" CHECK ("practice_population"."people" >= 0)
);
--> statement-breakpoint
ALTER TABLE "postcodes" ADD COLUMN "lsoa" text;--> statement-breakpoint
ALTER TABLE "practices" ADD COLUMN "list_size" integer;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "sex" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "gender_identity" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "gender_identity_description" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "ethnicity" text;--> statement-breakpoint
ALTER TABLE "analytics_contacts" ADD CONSTRAINT "analytics_contacts_pcn_id_pcns_id_fk" FOREIGN KEY ("pcn_id") REFERENCES "public"."pcns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_contacts" ADD CONSTRAINT "analytics_contacts_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_contacts" ADD CONSTRAINT "analytics_contacts_worker_id_users_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_counts" ADD CONSTRAINT "analytics_counts_pcn_id_pcns_id_fk" FOREIGN KEY ("pcn_id") REFERENCES "public"."pcns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_counts" ADD CONSTRAINT "analytics_counts_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_outcomes" ADD CONSTRAINT "analytics_outcomes_pcn_id_pcns_id_fk" FOREIGN KEY ("pcn_id") REFERENCES "public"."pcns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_outcomes" ADD CONSTRAINT "analytics_outcomes_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_refreshes" ADD CONSTRAINT "analytics_refreshes_pcn_id_pcns_id_fk" FOREIGN KEY ("pcn_id") REFERENCES "public"."pcns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_waits" ADD CONSTRAINT "analytics_waits_pcn_id_pcns_id_fk" FOREIGN KEY ("pcn_id") REFERENCES "public"."pcns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_waits" ADD CONSTRAINT "analytics_waits_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_population" ADD CONSTRAINT "practice_population_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "analytics_counts_measure_idx" ON "analytics_counts" USING btree ("measure","month");--> statement-breakpoint
CREATE UNIQUE INDEX "practice_population_key" ON "practice_population" USING btree ("practice_id","dimension","value");--> statement-breakpoint
CREATE INDEX "case_contacts_created_idx" ON "case_contacts" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "onward_referrals_updated_idx" ON "onward_referrals" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "outcome_measures_recorded_idx" ON "outcome_measures" USING btree ("recorded_at");--> statement-breakpoint
CREATE INDEX "people_updated_idx" ON "people" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "referral_events_at_idx" ON "referral_events" USING btree ("at");--> statement-breakpoint
CREATE INDEX "referrals_updated_idx" ON "referrals" USING btree ("updated_at");--> statement-breakpoint
ALTER TABLE "practices" ADD CONSTRAINT "practices_list_size_range" CHECK ("practices"."list_size" IS NULL OR "practices"."list_size" BETWEEN 0 AND 200000);--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_sex_known" CHECK ("people"."sex" IS NULL OR "people"."sex" IN ('female', 'male', 'not_stated'));--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_gender_identity_known" CHECK ("people"."gender_identity" IS NULL OR "people"."gender_identity" IN ('woman', 'man', 'non_binary', 'self_described', 'not_stated'));--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_gender_description" CHECK ("people"."gender_identity_description" IS NULL OR ("people"."gender_identity" = 'self_described' AND char_length("people"."gender_identity_description") BETWEEN 1 AND 100));--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_ethnicity_code" CHECK ("people"."ethnicity" IS NULL OR "people"."ethnicity" ~ '^[A-HJ-NPRSZ]$');