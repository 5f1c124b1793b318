CREATE TABLE "workforce_rates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"icb_id" uuid,
	"code" text NOT NULL,
	"year" text NOT NULL,
	"amount" numeric(12, 2),
	"verified" boolean DEFAULT false NOT NULL,
	"source" text NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "workforce_rates_key" UNIQUE NULLS NOT DISTINCT("icb_id","code","year"),
	CONSTRAINT "workforce_rates_amount" CHECK ("workforce_rates"."amount" IS NULL OR "workforce_rates"."amount" >= 0),
	CONSTRAINT "workforce_rates_verified_has_amount" CHECK (NOT "workforce_rates"."verified" OR "workforce_rates"."amount" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "workforce_scenarios" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"icb_id" uuid NOT NULL,
	"audience" text NOT NULL,
	"pcn_id" uuid,
	"name" text NOT NULL,
	"inputs" jsonb NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workforce_scenarios_name" UNIQUE NULLS NOT DISTINCT("icb_id","audience","pcn_id","name"),
	CONSTRAINT "workforce_scenarios_pcn_audience" CHECK ("workforce_scenarios"."audience" = 'icb' OR "workforce_scenarios"."pcn_id" IS NOT NULL)
);
--> statement-breakpoint
ALTER TABLE "workforce_rates" ADD CONSTRAINT "workforce_rates_icb_id_icbs_id_fk" FOREIGN KEY ("icb_id") REFERENCES "public"."icbs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workforce_rates" ADD CONSTRAINT "workforce_rates_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workforce_scenarios" ADD CONSTRAINT "workforce_scenarios_icb_id_icbs_id_fk" FOREIGN KEY ("icb_id") REFERENCES "public"."icbs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workforce_scenarios" ADD CONSTRAINT "workforce_scenarios_pcn_id_pcns_id_fk" FOREIGN KEY ("pcn_id") REFERENCES "public"."pcns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workforce_scenarios" ADD CONSTRAINT "workforce_scenarios_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "workforce_scenarios_scope_idx" ON "workforce_scenarios" USING btree ("icb_id","audience","pcn_id");--> statement-breakpoint
-- The figures Waymark ships (shared/reference/workforce.md), for every ICB until its administrator
-- changes one. Pay points are entered but not confirmed (the reference asks for a check against
-- NHS Employers); the on-cost rates and the 2024/25 and 2025/26 ARRS maximums are not verified,
-- so they ship empty: the planner says they are missing rather than using a silent figure.
INSERT INTO "workforce_rates" ("code", "year", "amount", "verified", "source") VALUES
('pay:4:1', '2025/26', 27485, false, 'Agenda for Change 2025/26 (3.6 % award from 1 April 2025), band 4 bottom of range: a take-home-pay calculator citing NHS Employers'' 2025/26 tables. Confirm against NHS Employers.'),
('pay:4:2', '2025/26', 30162, false, 'Agenda for Change 2025/26 (3.6 % award from 1 April 2025), band 4 top of range: a take-home-pay calculator citing NHS Employers'' 2025/26 tables. Confirm against NHS Employers.'),
('pay:5:1', '2025/26', 31049, false, 'Agenda for Change 2025/26 (3.6 % award from 1 April 2025), band 5: a take-home-pay calculator citing NHS Employers'' 2025/26 tables. Confirm against NHS Employers.'),
('pay:5:2', '2025/26', 33487, false, 'Agenda for Change 2025/26 (3.6 % award from 1 April 2025), band 5: a take-home-pay calculator citing NHS Employers'' 2025/26 tables. Confirm against NHS Employers.'),
('pay:5:3', '2025/26', 37796, false, 'Agenda for Change 2025/26 (3.6 % award from 1 April 2025), band 5: a take-home-pay calculator citing NHS Employers'' 2025/26 tables. Confirm against NHS Employers.'),
('oncost:ni_rate', '2025/26', NULL, false, 'Unverified: enter the employer National Insurance (secondary Class 1) rate for the year from HMRC.'),
('oncost:ni_threshold', '2025/26', NULL, false, 'Unverified: enter the employer National Insurance secondary threshold (£ a year) for the year from HMRC.'),
('oncost:pension_rate', '2025/26', NULL, false, 'Unverified: enter the NHS Pension Scheme employer contribution rate for the year from NHS Business Services Authority.'),
('arrs:link_worker', '2019/20', 34113, true, 'ARRS maximum reimbursable amount per WTE, social prescribing link worker, 2019/20 (shared/reference/workforce.md).'),
('arrs:link_worker', '2020/21', 35389, true, 'ARRS maximum reimbursable amount per WTE, social prescribing link worker, 2020/21 (shared/reference/workforce.md).'),
('arrs:link_worker', '2024/25', NULL, false, 'Unverified: maximums rose 5.5 % from 1 October 2024, with employer NI and pension added. Enter from the Network Contract DES guidance.'),
('arrs:health_coach', '2024/25', NULL, false, 'Unverified: maximums rose 5.5 % from 1 October 2024, with employer NI and pension added. Enter from the Network Contract DES guidance.'),
('arrs:care_coordinator', '2024/25', NULL, false, 'Unverified: maximums rose 5.5 % from 1 October 2024, with employer NI and pension added. Enter from the Network Contract DES guidance.'),
('arrs:link_worker', '2025/26', NULL, false, 'Unverified: enter the 2025/26 maximum reimbursable amount from the Network Contract DES guidance.'),
('arrs:health_coach', '2025/26', NULL, false, 'Unverified: enter the 2025/26 maximum reimbursable amount from the Network Contract DES guidance.'),
('arrs:care_coordinator', '2025/26', NULL, false, 'Unverified: enter the 2025/26 maximum reimbursable amount from the Network Contract DES guidance.');
