-- Starting content of the code tables. Admins may add to them; this migration never runs twice.
INSERT INTO referral_reasons (code, label, sort_order) VALUES
  ('loneliness', 'Loneliness', 10),
  ('social_isolation', 'Social isolation', 20),
  ('low_mood', 'Low mood', 30),
  ('anxiety', 'Anxiety', 40),
  ('stress', 'Stress', 50),
  ('housing', 'Housing', 60),
  ('debt', 'Debt', 70),
  ('money', 'Money worries', 80),
  ('benefits', 'Benefits', 90),
  ('employment', 'Employment', 100),
  ('physical_inactivity', 'Physical inactivity', 110),
  ('weight', 'Weight management', 120),
  ('ltc_self_management', 'Long-term condition self-management', 130),
  ('carer_strain', 'Carer strain', 140),
  ('bereavement', 'Bereavement', 150),
  ('frailty', 'Frailty', 160),
  ('frequent_attendance', 'Many GP appointments', 170),
  ('other', 'Other (say more in the details)', 990)
ON CONFLICT (code) DO NOTHING;
--> statement-breakpoint
INSERT INTO snomed_codes (code, term, status, usage) VALUES
  ('871731000000106', 'Referral to social prescribing service (procedure)', 'verified',
   'Recorded once, at the first interaction of an episode, when the person accepts the referral'),
  ('871711000000103', 'Social prescribing declined (situation)', 'verified',
   'Recorded when the person declines social prescribing'),
  ('871691000000100', 'Social prescribing offered', 'unverified', 'Confirm before use'),
  ('390893007', 'Referral to physical activity programme', 'unverified', 'Seen in published code lists')
ON CONFLICT (code) DO NOTHING;
