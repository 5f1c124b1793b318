-- Typo-tolerant directory search (trigram similarity); pg_trgm is a trusted extension (PostgreSQL 13+).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "planned_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"referral_id" uuid NOT NULL,
	"pcn_id" uuid NOT NULL,
	"planned_for" timestamp with time zone NOT NULL,
	"mode" text NOT NULL,
	"purpose" text,
	"created_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"settled_by_contact_id" uuid,
	"cancelled_at" timestamp with time zone,
	"cancelled_by_user_id" uuid,
	CONSTRAINT "planned_contacts_purpose_length" CHECK ("planned_contacts"."purpose" IS NULL OR char_length("planned_contacts"."purpose") <= 500)
);
--> statement-breakpoint
CREATE TABLE "directory_accessibility" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"location_id" uuid NOT NULL,
	"description" text,
	"details" text,
	"url" text
);
--> statement-breakpoint
CREATE TABLE "directory_addresses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"location_id" uuid NOT NULL,
	"attention" text,
	"address_1" text NOT NULL,
	"address_2" text,
	"city" text NOT NULL,
	"region" text,
	"state_province" text DEFAULT '' NOT NULL,
	"postal_code" text NOT NULL,
	"country" text DEFAULT 'GB' NOT NULL,
	"address_type" text DEFAULT 'physical' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "directory_attributes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"link_id" uuid NOT NULL,
	"link_type" text NOT NULL,
	"taxonomy_term_id" uuid NOT NULL,
	"value" text
);
--> statement-breakpoint
CREATE TABLE "directory_change_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"icb_id" uuid NOT NULL,
	"base_version" integer NOT NULL,
	"proposed" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"submitted_by_user_id" uuid NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by_user_id" uuid,
	"decided_at" timestamp with time zone,
	"rejection_reason" text
);
--> statement-breakpoint
CREATE TABLE "directory_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid,
	"organization_id" uuid,
	"name" text,
	"title" text,
	"department" text,
	"email" text
);
--> statement-breakpoint
CREATE TABLE "directory_cost_options" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"valid_from" date,
	"valid_to" date,
	"option" text,
	"currency" text DEFAULT 'GBP',
	"amount" numeric(10, 2),
	"amount_description" text
);
--> statement-breakpoint
CREATE TABLE "directory_fundings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid,
	"organization_id" uuid,
	"source" text
);
--> statement-breakpoint
CREATE TABLE "directory_languages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid,
	"location_id" uuid,
	"name" text NOT NULL,
	"code" text,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "directory_locations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid,
	"location_type" text NOT NULL,
	"name" text,
	"description" text,
	"latitude" double precision,
	"longitude" double precision,
	"confidential" boolean DEFAULT false NOT NULL,
	"external_identifier" text,
	"external_identifier_type" text,
	CONSTRAINT "directory_locations_coordinates" CHECK (("directory_locations"."latitude" IS NULL OR "directory_locations"."latitude" BETWEEN -90 AND 90) AND ("directory_locations"."longitude" IS NULL OR "directory_locations"."longitude" BETWEEN -180 AND 180))
);
--> statement-breakpoint
CREATE TABLE "directory_metadata" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"resource_id" uuid NOT NULL,
	"resource_type" text NOT NULL,
	"service_id" uuid,
	"last_action_date" timestamp with time zone DEFAULT now() NOT NULL,
	"last_action_type" text NOT NULL,
	"field_name" text NOT NULL,
	"previous_value" text DEFAULT '' NOT NULL,
	"replacement_value" text DEFAULT '' NOT NULL,
	"updated_by" text NOT NULL,
	"updated_by_user_id" uuid
);
--> statement-breakpoint
CREATE TABLE "directory_organization_identifiers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"identifier_scheme" text,
	"identifier_type" text NOT NULL,
	"identifier" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "directory_organizations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"icb_id" uuid NOT NULL,
	"vcs_organisation_id" uuid,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"email" text,
	"website" text,
	"uri" text,
	"parent_organization_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_modified" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "directory_organizations_name_length" CHECK (char_length("directory_organizations"."name") BETWEEN 1 AND 300)
);
--> statement-breakpoint
CREATE TABLE "directory_phones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid,
	"location_id" uuid,
	"organization_id" uuid,
	"contact_id" uuid,
	"number" text NOT NULL,
	"extension" text,
	"type" text,
	"description" text
);
--> statement-breakpoint
CREATE TABLE "directory_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"icb_id" uuid NOT NULL,
	"message" text NOT NULL,
	"reporter_email" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by_user_id" uuid,
	"resolution" text,
	CONSTRAINT "directory_reports_message_length" CHECK (char_length("directory_reports"."message") BETWEEN 1 AND 2000)
);
--> statement-breakpoint
CREATE TABLE "directory_schedules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid,
	"service_at_location_id" uuid,
	"valid_from" date,
	"valid_to" date,
	"dtstart" date,
	"freq" text,
	"interval" integer,
	"byday" text,
	"bymonthday" text,
	"opens_at" time,
	"closes_at" time,
	"description" text,
	"schedule_link" text,
	"attending_type" text,
	"notes" text,
	CONSTRAINT "directory_schedules_has_owner" CHECK ("directory_schedules"."service_id" IS NOT NULL OR "directory_schedules"."service_at_location_id" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "directory_service_areas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"name" text,
	"description" text,
	"extent" text,
	"extent_type" text,
	"uri" text
);
--> statement-breakpoint
CREATE TABLE "directory_service_at_locations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"description" text
);
--> statement-breakpoint
CREATE TABLE "directory_services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"icb_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"url" text,
	"email" text,
	"status" text DEFAULT 'active' NOT NULL,
	"fees" text,
	"accreditations" text,
	"minimum_age" integer,
	"maximum_age" integer,
	"eligibility_description" text,
	"alert" text,
	"referral_capacity" text DEFAULT 'open' NOT NULL,
	"assured_date" date,
	"assurer_email" text,
	"review_interval_months" integer DEFAULT 6 NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', coalesce(name, '')), 'A') || setweight(to_tsvector('english', coalesce(search_text, '')), 'B')) STORED,
	"merged_into_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_modified" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "directory_services_name_length" CHECK (char_length("directory_services"."name") BETWEEN 1 AND 300),
	CONSTRAINT "directory_services_age_range" CHECK (("directory_services"."minimum_age" IS NULL OR "directory_services"."minimum_age" BETWEEN 0 AND 130) AND ("directory_services"."maximum_age" IS NULL OR "directory_services"."maximum_age" BETWEEN 0 AND 130) AND ("directory_services"."minimum_age" IS NULL OR "directory_services"."maximum_age" IS NULL OR "directory_services"."minimum_age" <= "directory_services"."maximum_age")),
	CONSTRAINT "directory_services_review_interval" CHECK ("directory_services"."review_interval_months" BETWEEN 1 AND 36)
);
--> statement-breakpoint
CREATE TABLE "directory_taxonomies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"uri" text,
	"version" text
);
--> statement-breakpoint
CREATE TABLE "directory_taxonomy_terms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"taxonomy_id" uuid,
	"code" text,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"parent_id" uuid,
	"term_uri" text
);
--> statement-breakpoint
CREATE TABLE "postcodes" (
	"postcode" text NOT NULL,
	"latitude" double precision NOT NULL,
	"longitude" double precision NOT NULL,
	CONSTRAINT "postcodes_postcode_pk" PRIMARY KEY("postcode")
);
--> statement-breakpoint
ALTER TABLE "planned_contacts" ADD CONSTRAINT "planned_contacts_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planned_contacts" ADD CONSTRAINT "planned_contacts_pcn_id_pcns_id_fk" FOREIGN KEY ("pcn_id") REFERENCES "public"."pcns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planned_contacts" ADD CONSTRAINT "planned_contacts_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planned_contacts" ADD CONSTRAINT "planned_contacts_settled_by_contact_id_case_contacts_id_fk" FOREIGN KEY ("settled_by_contact_id") REFERENCES "public"."case_contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planned_contacts" ADD CONSTRAINT "planned_contacts_cancelled_by_user_id_users_id_fk" FOREIGN KEY ("cancelled_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_accessibility" ADD CONSTRAINT "directory_accessibility_location_id_directory_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."directory_locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_addresses" ADD CONSTRAINT "directory_addresses_location_id_directory_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."directory_locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_attributes" ADD CONSTRAINT "directory_attributes_taxonomy_term_id_directory_taxonomy_terms_id_fk" FOREIGN KEY ("taxonomy_term_id") REFERENCES "public"."directory_taxonomy_terms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_change_requests" ADD CONSTRAINT "directory_change_requests_service_id_directory_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."directory_services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_change_requests" ADD CONSTRAINT "directory_change_requests_icb_id_icbs_id_fk" FOREIGN KEY ("icb_id") REFERENCES "public"."icbs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_change_requests" ADD CONSTRAINT "directory_change_requests_submitted_by_user_id_users_id_fk" FOREIGN KEY ("submitted_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_change_requests" ADD CONSTRAINT "directory_change_requests_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_contacts" ADD CONSTRAINT "directory_contacts_service_id_directory_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."directory_services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_contacts" ADD CONSTRAINT "directory_contacts_organization_id_directory_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."directory_organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_cost_options" ADD CONSTRAINT "directory_cost_options_service_id_directory_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."directory_services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_fundings" ADD CONSTRAINT "directory_fundings_service_id_directory_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."directory_services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_fundings" ADD CONSTRAINT "directory_fundings_organization_id_directory_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."directory_organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_languages" ADD CONSTRAINT "directory_languages_service_id_directory_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."directory_services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_languages" ADD CONSTRAINT "directory_languages_location_id_directory_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."directory_locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_locations" ADD CONSTRAINT "directory_locations_organization_id_directory_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."directory_organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_metadata" ADD CONSTRAINT "directory_metadata_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_organization_identifiers" ADD CONSTRAINT "directory_organization_identifiers_organization_id_directory_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."directory_organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_organizations" ADD CONSTRAINT "directory_organizations_icb_id_icbs_id_fk" FOREIGN KEY ("icb_id") REFERENCES "public"."icbs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_organizations" ADD CONSTRAINT "directory_organizations_vcs_organisation_id_vcs_organisations_id_fk" FOREIGN KEY ("vcs_organisation_id") REFERENCES "public"."vcs_organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_phones" ADD CONSTRAINT "directory_phones_service_id_directory_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."directory_services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_phones" ADD CONSTRAINT "directory_phones_location_id_directory_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."directory_locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_phones" ADD CONSTRAINT "directory_phones_organization_id_directory_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."directory_organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_reports" ADD CONSTRAINT "directory_reports_service_id_directory_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."directory_services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_reports" ADD CONSTRAINT "directory_reports_icb_id_icbs_id_fk" FOREIGN KEY ("icb_id") REFERENCES "public"."icbs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_reports" ADD CONSTRAINT "directory_reports_resolved_by_user_id_users_id_fk" FOREIGN KEY ("resolved_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_schedules" ADD CONSTRAINT "directory_schedules_service_id_directory_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."directory_services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_schedules" ADD CONSTRAINT "directory_schedules_service_at_location_id_directory_service_at_locations_id_fk" FOREIGN KEY ("service_at_location_id") REFERENCES "public"."directory_service_at_locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_service_areas" ADD CONSTRAINT "directory_service_areas_service_id_directory_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."directory_services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_service_at_locations" ADD CONSTRAINT "directory_service_at_locations_service_id_directory_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."directory_services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_service_at_locations" ADD CONSTRAINT "directory_service_at_locations_location_id_directory_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."directory_locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_services" ADD CONSTRAINT "directory_services_icb_id_icbs_id_fk" FOREIGN KEY ("icb_id") REFERENCES "public"."icbs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_services" ADD CONSTRAINT "directory_services_organization_id_directory_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."directory_organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_taxonomy_terms" ADD CONSTRAINT "directory_taxonomy_terms_taxonomy_id_directory_taxonomies_id_fk" FOREIGN KEY ("taxonomy_id") REFERENCES "public"."directory_taxonomies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "planned_contacts_open_idx" ON "planned_contacts" USING btree ("referral_id","planned_for") WHERE "planned_contacts"."settled_by_contact_id" IS NULL AND "planned_contacts"."cancelled_at" IS NULL;--> statement-breakpoint
CREATE INDEX "directory_accessibility_location_idx" ON "directory_accessibility" USING btree ("location_id");--> statement-breakpoint
CREATE INDEX "directory_addresses_location_idx" ON "directory_addresses" USING btree ("location_id");--> statement-breakpoint
CREATE INDEX "directory_addresses_postcode_idx" ON "directory_addresses" USING btree ("postal_code");--> statement-breakpoint
CREATE UNIQUE INDEX "directory_attributes_link_term_uq" ON "directory_attributes" USING btree ("link_id","taxonomy_term_id");--> statement-breakpoint
CREATE INDEX "directory_attributes_term_idx" ON "directory_attributes" USING btree ("taxonomy_term_id");--> statement-breakpoint
CREATE INDEX "directory_change_requests_pending_idx" ON "directory_change_requests" USING btree ("icb_id","submitted_at") WHERE "directory_change_requests"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "directory_change_requests_service_idx" ON "directory_change_requests" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "directory_contacts_service_idx" ON "directory_contacts" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "directory_cost_options_service_idx" ON "directory_cost_options" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "directory_fundings_service_idx" ON "directory_fundings" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "directory_languages_service_idx" ON "directory_languages" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "directory_locations_org_idx" ON "directory_locations" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "directory_locations_lat_lon_idx" ON "directory_locations" USING btree ("latitude","longitude");--> statement-breakpoint
CREATE INDEX "directory_metadata_resource_idx" ON "directory_metadata" USING btree ("resource_id","last_action_date");--> statement-breakpoint
CREATE INDEX "directory_metadata_service_idx" ON "directory_metadata" USING btree ("service_id","last_action_date");--> statement-breakpoint
CREATE INDEX "directory_org_identifiers_org_idx" ON "directory_organization_identifiers" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "directory_org_identifiers_value_idx" ON "directory_organization_identifiers" USING btree ("identifier_scheme","identifier");--> statement-breakpoint
CREATE INDEX "directory_organizations_icb_idx" ON "directory_organizations" USING btree ("icb_id");--> statement-breakpoint
CREATE INDEX "directory_organizations_vcs_idx" ON "directory_organizations" USING btree ("vcs_organisation_id");--> statement-breakpoint
CREATE INDEX "directory_phones_service_idx" ON "directory_phones" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "directory_phones_location_idx" ON "directory_phones" USING btree ("location_id");--> statement-breakpoint
CREATE INDEX "directory_reports_open_idx" ON "directory_reports" USING btree ("icb_id","created_at") WHERE "directory_reports"."resolved_at" IS NULL;--> statement-breakpoint
CREATE INDEX "directory_reports_service_idx" ON "directory_reports" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "directory_schedules_service_idx" ON "directory_schedules" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "directory_schedules_sal_idx" ON "directory_schedules" USING btree ("service_at_location_id");--> statement-breakpoint
CREATE INDEX "directory_service_areas_service_idx" ON "directory_service_areas" USING btree ("service_id");--> statement-breakpoint
CREATE UNIQUE INDEX "directory_sal_service_location_uq" ON "directory_service_at_locations" USING btree ("service_id","location_id");--> statement-breakpoint
CREATE INDEX "directory_sal_location_idx" ON "directory_service_at_locations" USING btree ("location_id");--> statement-breakpoint
CREATE INDEX "directory_services_org_idx" ON "directory_services" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "directory_services_icb_status_idx" ON "directory_services" USING btree ("icb_id","status");--> statement-breakpoint
CREATE INDEX "directory_services_search_idx" ON "directory_services" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "directory_services_name_trgm_idx" ON "directory_services" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "directory_services_text_trgm_idx" ON "directory_services" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "directory_services_modified_idx" ON "directory_services" USING btree ("last_modified");--> statement-breakpoint
CREATE INDEX "directory_taxonomy_terms_taxonomy_idx" ON "directory_taxonomy_terms" USING btree ("taxonomy_id");--> statement-breakpoint
CREATE INDEX "directory_taxonomy_terms_parent_idx" ON "directory_taxonomy_terms" USING btree ("parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "directory_taxonomy_terms_code_uq" ON "directory_taxonomy_terms" USING btree ("taxonomy_id","code");