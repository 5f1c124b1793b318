CREATE TABLE "outcome_measures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"referral_id" uuid NOT NULL,
	"icb_id" uuid NOT NULL,
	"pcn_id" uuid NOT NULL,
	"measure" text NOT NULL,
	"timepoint" text NOT NULL,
	"answers" jsonb NOT NULL,
	"scores" jsonb NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"administered_on" date NOT NULL,
	CONSTRAINT "outcome_measures_measure_known" CHECK ("outcome_measures"."measure" IN ('ons4', 'swemwbs', 'ucla3', 'pam')),
	CONSTRAINT "outcome_measures_timepoint_known" CHECK ("outcome_measures"."timepoint" IN ('baseline', 'review', 'discharge'))
);
--> statement-breakpoint
ALTER TABLE "outcome_measures" ADD CONSTRAINT "outcome_measures_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_measures" ADD CONSTRAINT "outcome_measures_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_measures" ADD CONSTRAINT "outcome_measures_icb_id_icbs_id_fk" FOREIGN KEY ("icb_id") REFERENCES "public"."icbs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_measures" ADD CONSTRAINT "outcome_measures_pcn_id_pcns_id_fk" FOREIGN KEY ("pcn_id") REFERENCES "public"."pcns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_measures" ADD CONSTRAINT "outcome_measures_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outcome_measures_referral_idx" ON "outcome_measures" USING btree ("referral_id","measure","administered_on");--> statement-breakpoint
CREATE INDEX "outcome_measures_person_idx" ON "outcome_measures" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "outcome_measures_one_baseline" ON "outcome_measures" USING btree ("referral_id","measure") WHERE "outcome_measures"."timepoint" = 'baseline';