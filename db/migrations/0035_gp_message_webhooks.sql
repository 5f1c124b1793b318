CREATE TABLE "gp_message_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"gp_message_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "system_clients" ADD COLUMN "webhook_url" text;--> statement-breakpoint
ALTER TABLE "system_clients" ADD COLUMN "webhook_secret" text;--> statement-breakpoint
ALTER TABLE "system_clients" ADD COLUMN "webhook_set_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "gp_message_deliveries" ADD CONSTRAINT "gp_message_deliveries_client_id_system_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."system_clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "gp_message_deliveries_uq" ON "gp_message_deliveries" USING btree ("gp_message_id","client_id");--> statement-breakpoint
CREATE INDEX "gp_message_deliveries_due_idx" ON "gp_message_deliveries" USING btree ("next_attempt_at") WHERE "gp_message_deliveries"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "gp_message_deliveries_client_idx" ON "gp_message_deliveries" USING btree ("client_id","created_at");--> statement-breakpoint
ALTER TABLE "system_clients" ADD CONSTRAINT "system_clients_webhook" CHECK (("system_clients"."webhook_url" IS NULL) = ("system_clients"."webhook_secret" IS NULL));