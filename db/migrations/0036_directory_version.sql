CREATE TABLE "directory_version" (
	"id" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "directory_version_one_row" CHECK ("directory_version"."id")
);--> statement-breakpoint
INSERT INTO "directory_version" DEFAULT VALUES;--> statement-breakpoint
-- Public directory answers are kept in each app instance under this version (issue 18): any
-- committed change to what the public sees must move it. A deferred constraint trigger runs at
-- COMMIT, once per transaction (a transaction-local flag), so the row is locked only for the
-- moment before the commit, after every other lock the transaction takes: concurrent directory
-- writers queue there for an instant and cannot deadlock on it. A reader reads the version before
-- it searches, so an answer is never older than the version it is kept under.
CREATE OR REPLACE FUNCTION waymark_directory_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('waymark.directory_changed', true), '') <> 'yes' THEN
    PERFORM set_config('waymark.directory_changed', 'yes', true);
    UPDATE directory_version SET version = version + 1;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "directory_organizations_version" AFTER INSERT OR UPDATE OR DELETE ON "directory_organizations" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION waymark_directory_changed();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "directory_organization_identifiers_version" AFTER INSERT OR UPDATE OR DELETE ON "directory_organization_identifiers" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION waymark_directory_changed();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "directory_services_version" AFTER INSERT OR UPDATE OR DELETE ON "directory_services" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION waymark_directory_changed();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "directory_locations_version" AFTER INSERT OR UPDATE OR DELETE ON "directory_locations" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION waymark_directory_changed();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "directory_service_at_locations_version" AFTER INSERT OR UPDATE OR DELETE ON "directory_service_at_locations" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION waymark_directory_changed();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "directory_schedules_version" AFTER INSERT OR UPDATE OR DELETE ON "directory_schedules" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION waymark_directory_changed();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "directory_service_areas_version" AFTER INSERT OR UPDATE OR DELETE ON "directory_service_areas" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION waymark_directory_changed();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "directory_languages_version" AFTER INSERT OR UPDATE OR DELETE ON "directory_languages" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION waymark_directory_changed();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "directory_attributes_version" AFTER INSERT OR UPDATE OR DELETE ON "directory_attributes" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION waymark_directory_changed();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "directory_taxonomies_version" AFTER INSERT OR UPDATE OR DELETE ON "directory_taxonomies" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION waymark_directory_changed();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "directory_taxonomy_terms_version" AFTER INSERT OR UPDATE OR DELETE ON "directory_taxonomy_terms" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION waymark_directory_changed();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "directory_contacts_version" AFTER INSERT OR UPDATE OR DELETE ON "directory_contacts" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION waymark_directory_changed();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "directory_phones_version" AFTER INSERT OR UPDATE OR DELETE ON "directory_phones" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION waymark_directory_changed();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "directory_addresses_version" AFTER INSERT OR UPDATE OR DELETE ON "directory_addresses" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION waymark_directory_changed();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "directory_accessibility_version" AFTER INSERT OR UPDATE OR DELETE ON "directory_accessibility" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION waymark_directory_changed();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "directory_cost_options_version" AFTER INSERT OR UPDATE OR DELETE ON "directory_cost_options" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION waymark_directory_changed();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "directory_fundings_version" AFTER INSERT OR UPDATE OR DELETE ON "directory_fundings" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION waymark_directory_changed();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "directory_metadata_version" AFTER INSERT OR UPDATE OR DELETE ON "directory_metadata" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION waymark_directory_changed();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "directory_search_words_version" AFTER INSERT OR UPDATE OR DELETE ON "directory_search_words" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION waymark_directory_changed();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "service_events_version" AFTER INSERT OR UPDATE OR DELETE ON "service_events" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION waymark_directory_changed();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "service_referral_settings_version" AFTER INSERT OR UPDATE OR DELETE ON "service_referral_settings" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION waymark_directory_changed();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "postcodes_version" AFTER INSERT OR UPDATE OR DELETE ON "postcodes" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION waymark_directory_changed();
