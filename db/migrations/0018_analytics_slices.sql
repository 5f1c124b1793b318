CREATE TABLE "analytics_contact_slices" (
	"pcn_id" uuid NOT NULL,
	"worker_id" uuid NOT NULL,
	"role" text NOT NULL,
	"month" date NOT NULL,
	"outcome" text NOT NULL,
	"n" integer NOT NULL,
	"minutes" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_count_slices" (
	"pcn_id" uuid NOT NULL,
	"all_practices" boolean NOT NULL,
	"practice_id" uuid,
	"month" date NOT NULL,
	"role" text NOT NULL,
	"measure" text NOT NULL,
	"dimension" text NOT NULL,
	"value" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "analytics_count_slices_practice" CHECK (NOT "analytics_count_slices"."all_practices" OR "analytics_count_slices"."practice_id" IS NULL)
);
--> statement-breakpoint
CREATE TABLE "analytics_outcome_slices" (
	"pcn_id" uuid NOT NULL,
	"all_practices" boolean NOT NULL,
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
	CONSTRAINT "analytics_outcome_slices_practice" CHECK (NOT "analytics_outcome_slices"."all_practices" OR "analytics_outcome_slices"."practice_id" IS NULL)
);
--> statement-breakpoint
CREATE TABLE "analytics_wait_slices" (
	"pcn_id" uuid NOT NULL,
	"all_practices" boolean NOT NULL,
	"practice_id" uuid,
	"month" date NOT NULL,
	"role" text NOT NULL,
	"priority" text NOT NULL,
	"working_days" smallint NOT NULL,
	"met" boolean NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "analytics_wait_slices_practice" CHECK (NOT "analytics_wait_slices"."all_practices" OR "analytics_wait_slices"."practice_id" IS NULL)
);
--> statement-breakpoint
ALTER TABLE "analytics_contact_slices" ADD CONSTRAINT "analytics_contact_slices_pcn_id_pcns_id_fk" FOREIGN KEY ("pcn_id") REFERENCES "public"."pcns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_contact_slices" ADD CONSTRAINT "analytics_contact_slices_worker_id_users_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_count_slices" ADD CONSTRAINT "analytics_count_slices_pcn_id_pcns_id_fk" FOREIGN KEY ("pcn_id") REFERENCES "public"."pcns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_count_slices" ADD CONSTRAINT "analytics_count_slices_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_outcome_slices" ADD CONSTRAINT "analytics_outcome_slices_pcn_id_pcns_id_fk" FOREIGN KEY ("pcn_id") REFERENCES "public"."pcns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_outcome_slices" ADD CONSTRAINT "analytics_outcome_slices_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_wait_slices" ADD CONSTRAINT "analytics_wait_slices_pcn_id_pcns_id_fk" FOREIGN KEY ("pcn_id") REFERENCES "public"."pcns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_wait_slices" ADD CONSTRAINT "analytics_wait_slices_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Slices of the rollups already built (refresh/slices.ts does the same per PCN from now on).
INSERT INTO "analytics_count_slices" (pcn_id, all_practices, practice_id, month, role, measure, dimension, value, n)
SELECT pcn_id, grouping(practice_id) = 1, practice_id, month, CASE WHEN grouping(role) = 1 THEN 'all_roles' ELSE role END,
       measure, dimension, value, sum(n)
  FROM "analytics_counts"
 GROUP BY pcn_id, month, measure, dimension, value, GROUPING SETS ((practice_id), (role), ());--> statement-breakpoint
INSERT INTO "analytics_wait_slices" (pcn_id, all_practices, practice_id, month, role, priority, working_days, met, n)
SELECT pcn_id, grouping(practice_id) = 1, practice_id, month, CASE WHEN grouping(role) = 1 THEN 'all_roles' ELSE role END,
       priority, working_days, met, sum(n)
  FROM "analytics_waits"
 GROUP BY pcn_id, month, priority, working_days, met, GROUPING SETS ((practice_id), (role), ());--> statement-breakpoint
INSERT INTO "analytics_outcome_slices" (pcn_id, all_practices, practice_id, month, role, measure, item, dimension, value,
                                        pairs, baseline_sum, latest_sum, improved, same, worse)
SELECT pcn_id, grouping(practice_id) = 1, practice_id, month, CASE WHEN grouping(role) = 1 THEN 'all_roles' ELSE role END,
       measure, item, dimension, value, sum(pairs), sum(baseline_sum), sum(latest_sum), sum(improved), sum(same), sum(worse)
  FROM "analytics_outcomes"
 GROUP BY pcn_id, month, measure, item, dimension, value, GROUPING SETS ((practice_id), (role), ());--> statement-breakpoint
INSERT INTO "analytics_contact_slices" (pcn_id, worker_id, role, month, outcome, n, minutes)
SELECT pcn_id, worker_id, role, month, outcome, sum(n), sum(minutes)
  FROM "analytics_contacts"
 GROUP BY pcn_id, worker_id, role, month, outcome;--> statement-breakpoint
-- Covering indexes (INCLUDE, which the schema file cannot say): the dashboards read index-only.
CREATE INDEX "analytics_count_slices_read" ON "analytics_count_slices" USING btree ("pcn_id","all_practices","role","measure","dimension","month") INCLUDE ("value","practice_id","n");--> statement-breakpoint
-- The rows of referrals from no practice alone (self-referrals, other professionals): the equality rates leave them out.
CREATE INDEX "analytics_count_slices_no_practice" ON "analytics_count_slices" USING btree ("pcn_id","role","measure","dimension","month") INCLUDE ("value","n") WHERE NOT "all_practices" AND "practice_id" IS NULL;--> statement-breakpoint
CREATE INDEX "analytics_outcome_slices_read" ON "analytics_outcome_slices" USING btree ("pcn_id","all_practices","role","dimension","month") INCLUDE ("measure","item","value","practice_id","pairs","baseline_sum","latest_sum","improved","same","worse");--> statement-breakpoint
CREATE INDEX "analytics_outcome_slices_item" ON "analytics_outcome_slices" USING btree ("pcn_id","all_practices","role","measure","item","dimension","month") INCLUDE ("value","pairs","improved");--> statement-breakpoint
CREATE INDEX "analytics_wait_slices_read" ON "analytics_wait_slices" USING btree ("pcn_id","all_practices","role","month") INCLUDE ("practice_id","priority","working_days","met","n");--> statement-breakpoint
CREATE INDEX "analytics_contact_slices_read" ON "analytics_contact_slices" USING btree ("pcn_id","month") INCLUDE ("worker_id","role","outcome","n");--> statement-breakpoint
-- The detail's own reads (a practice and a role both kept) index-only too.
DROP INDEX "analytics_counts_measure_idx";--> statement-breakpoint
CREATE INDEX "analytics_counts_read" ON "analytics_counts" USING btree ("pcn_id","measure","dimension","month") INCLUDE ("practice_id","role","value","n");--> statement-breakpoint
-- The refresh job replaces a PCN's rows every time it changes, and the dashboards read these
-- tables index-only, which needs their pages all-visible: vacuum them after a few percent of new
-- or dead rows, not the default fifth.
ALTER TABLE "analytics_counts" SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);--> statement-breakpoint
ALTER TABLE "analytics_waits" SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);--> statement-breakpoint
ALTER TABLE "analytics_outcomes" SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);--> statement-breakpoint
ALTER TABLE "analytics_contacts" SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);--> statement-breakpoint
ALTER TABLE "analytics_count_slices" SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);--> statement-breakpoint
ALTER TABLE "analytics_wait_slices" SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);--> statement-breakpoint
ALTER TABLE "analytics_outcome_slices" SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);--> statement-breakpoint
ALTER TABLE "analytics_contact_slices" SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);
