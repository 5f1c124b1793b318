-- ICB slices (analytics.tables.ts): the whole-ICB sums of the PCN slices a commissioner's
-- whole-ICB query reads. Filled here from the PCN slices already built; refresh/slices.ts keeps
-- them in every rebuild from then on. The INCLUDE columns are written by hand (drizzle cannot).
CREATE TABLE "analytics_icb_count_slices" (
	"icb_id" uuid NOT NULL,
	"all_practices" boolean NOT NULL,
	"practice_id" uuid,
	"month" date NOT NULL,
	"role" text NOT NULL,
	"pcns" integer NOT NULL,
	"measure" text NOT NULL,
	"dimension" text NOT NULL,
	"value" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "analytics_icb_count_slices_no_practice" CHECK ("analytics_icb_count_slices"."practice_id" IS NULL)
);
--> statement-breakpoint
CREATE TABLE "analytics_icb_outcome_slices" (
	"icb_id" uuid NOT NULL,
	"all_practices" boolean NOT NULL,
	"practice_id" uuid,
	"month" date NOT NULL,
	"role" text NOT NULL,
	"pcns" integer NOT NULL,
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
	CONSTRAINT "analytics_icb_outcome_slices_no_practice" CHECK ("analytics_icb_outcome_slices"."practice_id" IS NULL)
);
--> statement-breakpoint
ALTER TABLE "analytics_icb_count_slices" ADD CONSTRAINT "analytics_icb_count_slices_icb_id_icbs_id_fk" FOREIGN KEY ("icb_id") REFERENCES "public"."icbs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_icb_outcome_slices" ADD CONSTRAINT "analytics_icb_outcome_slices_icb_id_icbs_id_fk" FOREIGN KEY ("icb_id") REFERENCES "public"."icbs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "analytics_icb_count_slices_key" ON "analytics_icb_count_slices" USING btree ("icb_id","all_practices","role","measure","dimension","value","month");--> statement-breakpoint
CREATE INDEX "analytics_icb_count_slices_read" ON "analytics_icb_count_slices" USING btree ("icb_id","all_practices","role","measure","dimension","month") INCLUDE ("value","n");--> statement-breakpoint
CREATE UNIQUE INDEX "analytics_icb_outcome_slices_key" ON "analytics_icb_outcome_slices" USING btree ("icb_id","all_practices","role","measure","item","dimension","value","month");--> statement-breakpoint
CREATE INDEX "analytics_icb_outcome_slices_read" ON "analytics_icb_outcome_slices" USING btree ("icb_id","all_practices","role","dimension","month") INCLUDE ("measure","item","value","pairs","baseline_sum","latest_sum","improved","same","worse");--> statement-breakpoint
INSERT INTO "analytics_icb_count_slices" (icb_id, all_practices, practice_id, month, role, pcns, measure, dimension, value, n)
SELECT p.icb_id, s.all_practices, NULL, s.month, s.role, count(*), s.measure, s.dimension, s.value, sum(s.n)
  FROM analytics_count_slices s JOIN pcns p ON p.id = s.pcn_id
 WHERE s.all_practices OR s.practice_id IS NULL
 GROUP BY p.icb_id, s.all_practices, s.month, s.role, s.measure, s.dimension, s.value;--> statement-breakpoint
INSERT INTO "analytics_icb_outcome_slices" (icb_id, all_practices, practice_id, month, role, pcns, measure, item, dimension, value,
                                            pairs, baseline_sum, latest_sum, improved, same, worse)
SELECT p.icb_id, s.all_practices, NULL, s.month, s.role, count(*), s.measure, s.item, s.dimension, s.value,
       sum(s.pairs), sum(s.baseline_sum), sum(s.latest_sum), sum(s.improved), sum(s.same), sum(s.worse)
  FROM analytics_outcome_slices s JOIN pcns p ON p.id = s.pcn_id
 WHERE s.all_practices OR s.practice_id IS NULL
 GROUP BY p.icb_id, s.all_practices, s.month, s.role, s.measure, s.item, s.dimension, s.value;--> statement-breakpoint
ALTER TABLE "analytics_icb_count_slices" SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);--> statement-breakpoint
ALTER TABLE "analytics_icb_outcome_slices" SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);
