CREATE TABLE "team_group_attendance" (
	"session_id" uuid NOT NULL,
	"referral_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"pcn_id" uuid NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "team_group_attendance_session_id_referral_id_pk" PRIMARY KEY("session_id","referral_id")
);
--> statement-breakpoint
CREATE TABLE "team_group_facilitators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"user_id" uuid,
	"volunteer_id" uuid,
	CONSTRAINT "team_group_facilitators_user_unique" UNIQUE("group_id","user_id"),
	CONSTRAINT "team_group_facilitators_volunteer_unique" UNIQUE("group_id","volunteer_id"),
	CONSTRAINT "team_group_facilitators_one" CHECK (("team_group_facilitators"."user_id" IS NULL) <> ("team_group_facilitators"."volunteer_id" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "team_group_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"pcn_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"duration_minutes" integer NOT NULL,
	"others_count" integer DEFAULT 0 NOT NULL,
	"register_taken_at" timestamp with time zone,
	"register_taken_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "team_group_sessions_once" UNIQUE("group_id","starts_at"),
	CONSTRAINT "team_group_sessions_duration" CHECK ("team_group_sessions"."duration_minutes" BETWEEN 1 AND 480),
	CONSTRAINT "team_group_sessions_others" CHECK ("team_group_sessions"."others_count" BETWEEN 0 AND 500)
);
--> statement-breakpoint
CREATE TABLE "team_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pcn_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"schedule" text NOT NULL,
	"venue" text NOT NULL,
	"capacity" integer NOT NULL,
	"directory_service_id" uuid,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "team_groups_name_length" CHECK (char_length("team_groups"."name") BETWEEN 1 AND 120),
	CONSTRAINT "team_groups_capacity" CHECK ("team_groups"."capacity" BETWEEN 1 AND 500)
);
--> statement-breakpoint
CREATE TABLE "befriending_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"referral_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"pcn_id" uuid NOT NULL,
	"started_on" date NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_by" uuid,
	"ended_on" date,
	"ended_at" timestamp with time zone,
	"ended_by" uuid,
	"end_reason" text,
	CONSTRAINT "befriending_ending" CHECK (("befriending_assignments"."ended_on" IS NULL) = ("befriending_assignments"."end_reason" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "volunteer_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"pcn_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"detail" text,
	"completed_on" date NOT NULL,
	"expires_on" date,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteer_checks_dates" CHECK ("volunteer_checks"."expires_on" IS NULL OR "volunteer_checks"."expires_on" > "volunteer_checks"."completed_on")
);
--> statement-breakpoint
CREATE TABLE "volunteer_hours" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"pcn_id" uuid NOT NULL,
	"worked_on" date NOT NULL,
	"minutes" integer NOT NULL,
	"activity" text NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteer_hours_minutes" CHECK ("volunteer_hours"."minutes" BETWEEN 1 AND 720)
);
--> statement-breakpoint
CREATE TABLE "volunteers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pcn_id" uuid NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"phone" text,
	"postcode" text,
	"role" text NOT NULL,
	"availability" text,
	"started_on" date NOT NULL,
	"ended_on" date,
	"end_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteers_name_length" CHECK (char_length("volunteers"."name") BETWEEN 1 AND 120),
	CONSTRAINT "volunteers_ending" CHECK (("volunteers"."ended_on" IS NULL) = ("volunteers"."end_reason" IS NULL))
);
--> statement-breakpoint
ALTER TABLE "team_group_attendance" ADD CONSTRAINT "team_group_attendance_session_id_team_group_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."team_group_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_group_attendance" ADD CONSTRAINT "team_group_attendance_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_group_attendance" ADD CONSTRAINT "team_group_attendance_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_group_attendance" ADD CONSTRAINT "team_group_attendance_pcn_id_pcns_id_fk" FOREIGN KEY ("pcn_id") REFERENCES "public"."pcns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_group_attendance" ADD CONSTRAINT "team_group_attendance_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_group_facilitators" ADD CONSTRAINT "team_group_facilitators_group_id_team_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."team_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_group_facilitators" ADD CONSTRAINT "team_group_facilitators_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_group_facilitators" ADD CONSTRAINT "team_group_facilitators_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_group_sessions" ADD CONSTRAINT "team_group_sessions_group_id_team_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."team_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_group_sessions" ADD CONSTRAINT "team_group_sessions_pcn_id_pcns_id_fk" FOREIGN KEY ("pcn_id") REFERENCES "public"."pcns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_group_sessions" ADD CONSTRAINT "team_group_sessions_register_taken_by_users_id_fk" FOREIGN KEY ("register_taken_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_group_sessions" ADD CONSTRAINT "team_group_sessions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_groups" ADD CONSTRAINT "team_groups_pcn_id_pcns_id_fk" FOREIGN KEY ("pcn_id") REFERENCES "public"."pcns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_groups" ADD CONSTRAINT "team_groups_directory_service_id_directory_services_id_fk" FOREIGN KEY ("directory_service_id") REFERENCES "public"."directory_services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_groups" ADD CONSTRAINT "team_groups_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "befriending_assignments" ADD CONSTRAINT "befriending_assignments_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "befriending_assignments" ADD CONSTRAINT "befriending_assignments_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "befriending_assignments" ADD CONSTRAINT "befriending_assignments_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "befriending_assignments" ADD CONSTRAINT "befriending_assignments_pcn_id_pcns_id_fk" FOREIGN KEY ("pcn_id") REFERENCES "public"."pcns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "befriending_assignments" ADD CONSTRAINT "befriending_assignments_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "befriending_assignments" ADD CONSTRAINT "befriending_assignments_ended_by_users_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_checks" ADD CONSTRAINT "volunteer_checks_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_checks" ADD CONSTRAINT "volunteer_checks_pcn_id_pcns_id_fk" FOREIGN KEY ("pcn_id") REFERENCES "public"."pcns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_checks" ADD CONSTRAINT "volunteer_checks_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_hours" ADD CONSTRAINT "volunteer_hours_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_hours" ADD CONSTRAINT "volunteer_hours_pcn_id_pcns_id_fk" FOREIGN KEY ("pcn_id") REFERENCES "public"."pcns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_hours" ADD CONSTRAINT "volunteer_hours_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteers" ADD CONSTRAINT "volunteers_pcn_id_pcns_id_fk" FOREIGN KEY ("pcn_id") REFERENCES "public"."pcns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteers" ADD CONSTRAINT "volunteers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "team_group_attendance_referral_idx" ON "team_group_attendance" USING btree ("referral_id");--> statement-breakpoint
CREATE INDEX "team_group_facilitators_group_idx" ON "team_group_facilitators" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "team_group_facilitators_volunteer_idx" ON "team_group_facilitators" USING btree ("volunteer_id");--> statement-breakpoint
CREATE INDEX "team_group_sessions_group_idx" ON "team_group_sessions" USING btree ("group_id","starts_at");--> statement-breakpoint
CREATE INDEX "team_group_sessions_pcn_idx" ON "team_group_sessions" USING btree ("pcn_id","starts_at");--> statement-breakpoint
CREATE INDEX "team_groups_pcn_idx" ON "team_groups" USING btree ("pcn_id","name");--> statement-breakpoint
CREATE INDEX "befriending_volunteer_idx" ON "befriending_assignments" USING btree ("volunteer_id");--> statement-breakpoint
CREATE INDEX "befriending_referral_idx" ON "befriending_assignments" USING btree ("referral_id");--> statement-breakpoint
CREATE UNIQUE INDEX "befriending_open_unique" ON "befriending_assignments" USING btree ("volunteer_id","referral_id") WHERE "befriending_assignments"."ended_on" IS NULL;--> statement-breakpoint
CREATE INDEX "volunteer_checks_volunteer_idx" ON "volunteer_checks" USING btree ("volunteer_id","completed_on");--> statement-breakpoint
CREATE INDEX "volunteer_hours_volunteer_idx" ON "volunteer_hours" USING btree ("volunteer_id","worked_on");--> statement-breakpoint
CREATE INDEX "volunteers_pcn_idx" ON "volunteers" USING btree ("pcn_id","name");