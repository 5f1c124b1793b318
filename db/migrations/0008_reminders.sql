CREATE TABLE "reminder_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"referral_id" uuid NOT NULL,
	"pcn_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"due_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "reminder_tasks" ADD CONSTRAINT "reminder_tasks_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_tasks" ADD CONSTRAINT "reminder_tasks_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_tasks" ADD CONSTRAINT "reminder_tasks_pcn_id_pcns_id_fk" FOREIGN KEY ("pcn_id") REFERENCES "public"."pcns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "reminder_tasks_open_uq" ON "reminder_tasks" USING btree ("referral_id","kind") WHERE "reminder_tasks"."done_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "reminder_tasks_due_uq" ON "reminder_tasks" USING btree ("referral_id","kind","due_on");--> statement-breakpoint
CREATE INDEX "reminder_tasks_user_idx" ON "reminder_tasks" USING btree ("user_id","done_at");