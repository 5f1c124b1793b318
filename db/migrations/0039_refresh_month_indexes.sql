CREATE INDEX "analytics_icb_count_slices_month" ON "analytics_icb_count_slices" USING btree ("icb_id","month");--> statement-breakpoint
CREATE INDEX "analytics_icb_outcome_slices_month" ON "analytics_icb_outcome_slices" USING btree ("icb_id","month");--> statement-breakpoint
CREATE INDEX "analytics_icb_wait_slices_month" ON "analytics_icb_wait_slices" USING btree ("icb_id","month");--> statement-breakpoint
CREATE INDEX "case_contacts_pcn_at_idx" ON "case_contacts" USING btree ("pcn_id","at","referral_id");--> statement-breakpoint
CREATE INDEX "outcome_measures_pcn_idx" ON "outcome_measures" USING btree ("pcn_id","administered_on","referral_id");--> statement-breakpoint
CREATE INDEX "referral_events_coded_at_idx" ON "referral_events" USING btree ("at","referral_id") WHERE "referral_events"."snomed_code" IS NOT NULL;