CREATE TABLE "fhir_service_requests" (
	"client_id" uuid NOT NULL,
	"service_request_id" text NOT NULL,
	"referral_id" uuid NOT NULL,
	"bundle_id" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fhir_service_requests_client_id_service_request_id_pk" PRIMARY KEY("client_id","service_request_id")
);
--> statement-breakpoint
CREATE TABLE "system_client_assertions" (
	"client_id" uuid NOT NULL,
	"jti" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "system_client_assertions_client_id_jti_pk" PRIMARY KEY("client_id","jti")
);
--> statement-breakpoint
CREATE TABLE "system_client_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"client_id" uuid NOT NULL,
	"scopes" text[] NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "system_clients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"icb_id" uuid NOT NULL,
	"pcn_id" uuid NOT NULL,
	"practice_id" uuid,
	"auth_method" text NOT NULL,
	"jwks" jsonb,
	"secret_hash" text,
	"scopes" text[] NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	CONSTRAINT "system_clients_credential" CHECK (("system_clients"."auth_method" = 'private_key_jwt' AND "system_clients"."jwks" IS NOT NULL AND "system_clients"."secret_hash" IS NULL)
        OR ("system_clients"."auth_method" = 'client_secret' AND "system_clients"."secret_hash" IS NOT NULL AND "system_clients"."jwks" IS NULL)),
	CONSTRAINT "system_clients_has_scope" CHECK (cardinality("system_clients"."scopes") >= 1)
);
--> statement-breakpoint
ALTER TABLE "fhir_service_requests" ADD CONSTRAINT "fhir_service_requests_client_id_system_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."system_clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fhir_service_requests" ADD CONSTRAINT "fhir_service_requests_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_client_assertions" ADD CONSTRAINT "system_client_assertions_client_id_system_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."system_clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_client_tokens" ADD CONSTRAINT "system_client_tokens_client_id_system_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."system_clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_clients" ADD CONSTRAINT "system_clients_icb_id_icbs_id_fk" FOREIGN KEY ("icb_id") REFERENCES "public"."icbs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_clients" ADD CONSTRAINT "system_clients_pcn_id_pcns_id_fk" FOREIGN KEY ("pcn_id") REFERENCES "public"."pcns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_clients" ADD CONSTRAINT "system_clients_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_clients" ADD CONSTRAINT "system_clients_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_clients" ADD CONSTRAINT "system_clients_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fhir_service_requests_referral_idx" ON "fhir_service_requests" USING btree ("referral_id");--> statement-breakpoint
CREATE INDEX "system_client_tokens_client_idx" ON "system_client_tokens" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "system_client_tokens_expiry_idx" ON "system_client_tokens" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "system_clients_icb_idx" ON "system_clients" USING btree ("icb_id","created_at");