-- The detail of analytics_counts is read only when a query keeps both a practice and a role, so
-- its read index leads with the role after the PCN: a role's rows are found, not filtered out of
-- every role's. INCLUDE is written by hand (drizzle cannot say it): the read is index-only.
DROP INDEX "analytics_counts_read";--> statement-breakpoint
CREATE INDEX "analytics_counts_by_role" ON "analytics_counts" USING btree ("pcn_id","role","measure","dimension","month") INCLUDE ("practice_id","value","n");
