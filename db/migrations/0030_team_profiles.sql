CREATE TABLE "supervision_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"supervisor_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"kind" text NOT NULL,
	"private_notes" text,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supervision_sessions_not_self" CHECK ("supervision_sessions"."user_id" <> "supervision_sessions"."supervisor_id")
);
--> statement-breakpoint
CREATE TABLE "supervision_targets" (
	"icb_id" uuid NOT NULL,
	"role" text NOT NULL,
	"interval_days" integer NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	CONSTRAINT "supervision_targets_icb_id_role_pk" PRIMARY KEY("icb_id","role"),
	CONSTRAINT "supervision_targets_interval" CHECK ("supervision_targets"."interval_days" BETWEEN 1 AND 366)
);
--> statement-breakpoint
CREATE TABLE "team_member_skills" (
	"user_id" uuid NOT NULL,
	"skill_id" uuid NOT NULL,
	CONSTRAINT "team_member_skills_user_id_skill_id_pk" PRIMARY KEY("user_id","skill_id")
);
--> statement-breakpoint
CREATE TABLE "team_profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"working_days" text[] DEFAULT '{}'::text[] NOT NULL,
	"start_date" date,
	"funding" text,
	"funding_note" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_skills" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"icb_id" uuid NOT NULL,
	"label" text NOT NULL,
	"reason_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "team_skills_label_uq" UNIQUE("icb_id","label")
);
--> statement-breakpoint
CREATE TABLE "training_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"requirement_id" uuid,
	"title" text NOT NULL,
	"completed_on" date NOT NULL,
	"evidence_note" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_requirements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"icb_id" uuid NOT NULL,
	"role" text NOT NULL,
	"title" text NOT NULL,
	"source" text NOT NULL,
	"source_url" text,
	"validity_months" integer,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "training_requirements_validity" CHECK ("training_requirements"."validity_months" IS NULL OR "training_requirements"."validity_months" BETWEEN 1 AND 120)
);
--> statement-breakpoint
ALTER TABLE "supervision_sessions" ADD CONSTRAINT "supervision_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_sessions" ADD CONSTRAINT "supervision_sessions_supervisor_id_users_id_fk" FOREIGN KEY ("supervisor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_sessions" ADD CONSTRAINT "supervision_sessions_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_targets" ADD CONSTRAINT "supervision_targets_icb_id_icbs_id_fk" FOREIGN KEY ("icb_id") REFERENCES "public"."icbs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_member_skills" ADD CONSTRAINT "team_member_skills_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_member_skills" ADD CONSTRAINT "team_member_skills_skill_id_team_skills_id_fk" FOREIGN KEY ("skill_id") REFERENCES "public"."team_skills"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_profiles" ADD CONSTRAINT "team_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_skills" ADD CONSTRAINT "team_skills_icb_id_icbs_id_fk" FOREIGN KEY ("icb_id") REFERENCES "public"."icbs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_records" ADD CONSTRAINT "training_records_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_records" ADD CONSTRAINT "training_records_requirement_id_training_requirements_id_fk" FOREIGN KEY ("requirement_id") REFERENCES "public"."training_requirements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_records" ADD CONSTRAINT "training_records_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_requirements" ADD CONSTRAINT "training_requirements_icb_id_icbs_id_fk" FOREIGN KEY ("icb_id") REFERENCES "public"."icbs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "supervision_sessions_user_idx" ON "supervision_sessions" USING btree ("user_id","held_on");--> statement-breakpoint
CREATE INDEX "training_records_user_idx" ON "training_records" USING btree ("user_id","completed_on");--> statement-breakpoint
CREATE INDEX "training_requirements_icb_idx" ON "training_requirements" USING btree ("icb_id","role");--> statement-breakpoint
-- Starting content of the team lists (issue 16), given to every ICB: those that exist now and each
-- new one (trigger). Administrators edit them afterwards; the sources are kept with the data.
CREATE FUNCTION team_defaults_for_icb(icb uuid) RETURNS void LANGUAGE sql AS $$
  INSERT INTO team_skills (icb_id, label, reason_codes, sort_order) VALUES
    (icb, 'Debt and benefits', '{debt,money,benefits}', 10),
    (icb, 'Housing', '{housing}', 20),
    (icb, 'Mental health', '{low_mood,anxiety,stress}', 30),
    (icb, 'Loneliness and isolation', '{loneliness,social_isolation}', 40),
    (icb, 'Long-term conditions', '{ltc_self_management,weight,physical_inactivity,frailty}', 50),
    (icb, 'Carers', '{carer_strain}', 60),
    (icb, 'Bereavement', '{bereavement}', 70),
    (icb, 'Employment', '{employment}', 80),
    (icb, 'Young people', '{}', 90)
  ON CONFLICT DO NOTHING;
  INSERT INTO training_requirements (icb_id, role, title, source, source_url, validity_months, sort_order) VALUES
    (icb, 'link_worker', 'Social prescribing link worker induction',
     'Seed webinar (PCNs support these roles with induction, training, line management and supervision); foundation social prescriber training, online or face to face (seed article, DNA Insight)', NULL, NULL, 10),
    (icb, 'link_worker', 'NHS England social prescribing learning (e-learning)',
     'NHS England social prescribing link worker learning on e-Learning for Healthcare (link to confirm)', 'https://www.e-lfh.org.uk/programmes/social-prescribing/', NULL, 20),
    (icb, 'team_lead', 'Social prescribing link worker induction',
     'The lead is the senior link worker: the link worker''s induction (seed webinar; seed article)', NULL, NULL, 10),
    (icb, 'team_lead', 'NHS England social prescribing learning (e-learning)',
     'NHS England social prescribing link worker learning on e-Learning for Healthcare (link to confirm)', 'https://www.e-lfh.org.uk/programmes/social-prescribing/', NULL, 20),
    (icb, 'health_coach', 'Foundation social prescriber training and induction',
     'Seed article (DNA Insight): a new health coach first takes the social prescriber''s foundation training and induction', NULL, NULL, 10),
    (icb, 'health_coach', 'Personalised Care Institute accredited health coaching course',
     'Seed article (DNA Insight): a PCI accredited health coach 5-day course unless already an accredited coach; accredited courses are listed by the Personalised Care Institute', 'https://www.personalisedcareinstitute.org.uk/', NULL, 20),
    (icb, 'care_coordinator', 'Care coordinator training: foundation social prescriber training',
     'Seed article (DNA Insight): foundation social prescriber training, online or face to face, for the care coordinator', NULL, NULL, 10),
    (icb, 'team_lead', 'Safeguarding adults and children (level 2)', 'Statutory and mandatory training; the three-year refresher is a starting value: set your employer''s interval', NULL, 36, 90),
    (icb, 'link_worker', 'Safeguarding adults and children (level 2)', 'Statutory and mandatory training; the three-year refresher is a starting value: set your employer''s interval', NULL, 36, 90),
    (icb, 'health_coach', 'Safeguarding adults and children (level 2)', 'Statutory and mandatory training; the three-year refresher is a starting value: set your employer''s interval', NULL, 36, 90),
    (icb, 'care_coordinator', 'Safeguarding adults and children (level 2)', 'Statutory and mandatory training; the three-year refresher is a starting value: set your employer''s interval', NULL, 36, 90);
  INSERT INTO supervision_targets (icb_id, role, interval_days, note) VALUES
    (icb, 'team_lead', 31, 'Monthly: a starting value, set to your PCN''s supervision policy'),
    (icb, 'link_worker', 31, 'Monthly: a starting value, set to your PCN''s supervision policy'),
    (icb, 'health_coach', 31, 'Monthly: a starting value, set to your PCN''s supervision policy'),
    (icb, 'care_coordinator', 31, 'Monthly: a starting value, set to your PCN''s supervision policy')
  ON CONFLICT DO NOTHING;
$$;
--> statement-breakpoint
CREATE FUNCTION team_defaults_for_new_icb() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM team_defaults_for_icb(NEW.id);
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER icbs_team_defaults AFTER INSERT ON icbs FOR EACH ROW EXECUTE FUNCTION team_defaults_for_new_icb();
--> statement-breakpoint
SELECT team_defaults_for_icb(id) FROM icbs;
