-- The ICB slice of the waits (analytics.tables.ts), like 0020's of the counts and outcomes:
-- filled here from the PCN slices already built; refresh/slices.ts keeps it in every rebuild.
-- The INCLUDE columns are written by hand (drizzle cannot).
CREATE TABLE "analytics_icb_wait_slices" (
	"icb_id" uuid NOT NULL,
	"all_practices" boolean NOT NULL,
	"practice_id" uuid,
	"month" date NOT NULL,
	"role" text NOT NULL,
	"pcns" integer NOT NULL,
	"priority" text NOT NULL,
	"working_days" smallint NOT NULL,
	"met" boolean NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "analytics_icb_wait_slices_no_practice" CHECK ("analytics_icb_wait_slices"."practice_id" IS NULL)
);
--> statement-breakpoint
ALTER TABLE "analytics_icb_wait_slices" ADD CONSTRAINT "analytics_icb_wait_slices_icb_id_icbs_id_fk" FOREIGN KEY ("icb_id") REFERENCES "public"."icbs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "analytics_icb_wait_slices_key" ON "analytics_icb_wait_slices" USING btree ("icb_id","all_practices","role","priority","working_days","met","month");--> statement-breakpoint
CREATE INDEX "analytics_icb_wait_slices_read" ON "analytics_icb_wait_slices" USING btree ("icb_id","all_practices","role","month") INCLUDE ("priority","working_days","met","n");--> statement-breakpoint
INSERT INTO "analytics_icb_wait_slices" (icb_id, all_practices, practice_id, month, role, pcns, priority, working_days, met, n)
SELECT p.icb_id, s.all_practices, NULL, s.month, s.role, count(*), s.priority, s.working_days, s.met, sum(s.n)
  FROM analytics_wait_slices s JOIN pcns p ON p.id = s.pcn_id
 WHERE s.all_practices OR s.practice_id IS NULL
 GROUP BY p.icb_id, s.all_practices, s.month, s.role, s.priority, s.working_days, s.met;--> statement-breakpoint
ALTER TABLE "analytics_icb_wait_slices" SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);