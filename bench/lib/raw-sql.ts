// The raw SQL beside each HTTP figure (issue 18, point 2): for each hot path, one statement that
// computes the same answer the endpoint gives — the rows and counts the page shows — run as a
// named (prepared) statement from one node-postgres connection, one round-trip per request. It is
// the floor: what PostgreSQL needs for the data, without sessions, permissions, audit, validation,
// serialisation or HTTP. Where a statement leaves a part of the answer out, the comment says so.

const OPEN = `('allocated', 'first_contact', 'active')`;

/** The lead's triage queue (≤ 501 rows, people and practices) and its counts. $1 pcn. */
export const TRIAGE_QUEUE = `
WITH q AS (SELECT * FROM referrals WHERE pcn_id = $1 AND status IN ('received', 'triaged'))
SELECT
  (SELECT coalesce(json_agg(x), '[]') FROM (
     SELECT q.id, q.version, p.given_name, p.family_name, p.nhs_number, p.date_of_birth, pr.name AS practice,
            q.source, q.reasons, q.urgency_requested, q.priority, q.status, q.safeguarding_concern,
            q.received_at, q.first_contact_due_at
       FROM q JOIN people p ON p.id = q.person_id LEFT JOIN practices pr ON pr.id = q.practice_id
      ORDER BY CASE coalesce(q.priority, q.urgency_requested) WHEN 'urgent' THEN 0 WHEN 'soon' THEN 1 ELSE 2 END,
               q.received_at, q.id
      LIMIT 501) x) AS items,
  (SELECT coalesce(json_agg(c), '[]') FROM (
     SELECT status, coalesce(priority, urgency_requested) AS priority, safeguarding_concern, count(*) AS n
       FROM q GROUP BY 1, 2, 3) c) AS counts`;

/** A worker's caseload with each case's last and next contact and plan review. $1 worker, $2 pcn. (No outcome scores.) */
export const CASELOAD = `
SELECT r.id, r.version, r.reasons, r.priority, r.status, r.safeguarding_concern, r.allocated_at,
       r.first_contact_due_at, r.first_contact_at, r.cover_worker_id,
       p.given_name, p.family_name, p.nhs_number, p.date_of_birth,
       (SELECT max(c.at) FROM case_contacts c WHERE c.referral_id = r.id) AS last_contact,
       (SELECT min(pc.planned_for) FROM planned_contacts pc
         WHERE pc.referral_id = r.id AND pc.cancelled_at IS NULL AND pc.settled_by_contact_id IS NULL
           AND pc.planned_for >= now()) AS next_contact,
       (SELECT v.content->>'reviewOn' FROM care_plans cp
          JOIN care_plan_versions v ON v.plan_id = cp.id AND v.version = cp.current_version
         WHERE cp.person_id = r.person_id AND cp.pcn_id = r.pcn_id) AS review_on
  FROM referrals r JOIN people p ON p.id = r.person_id
 WHERE r.pcn_id = $2 AND r.status IN ${OPEN} AND (r.allocated_worker_id = $1 OR r.cover_worker_id = $1)
 ORDER BY r.first_contact_due_at NULLS LAST, r.received_at, r.id`;

/** The case record: referral, person, and the timeline's contacts, notes, plans and onward referrals. $1 referral, $2 pcn. (No referral events.) */
export const CASE_RECORD = `
SELECT r.*, row_to_json(p) AS person,
  (SELECT coalesce(json_agg(c ORDER BY c.at DESC), '[]') FROM case_contacts c WHERE c.referral_id = r.id) AS contacts,
  (SELECT coalesce(json_agg(n ORDER BY n.created_at DESC), '[]') FROM case_notes n WHERE n.referral_id = r.id) AS notes,
  (SELECT coalesce(json_agg(pc ORDER BY pc.planned_for), '[]') FROM planned_contacts pc WHERE pc.referral_id = r.id) AS planned,
  (SELECT coalesce(json_agg(o ORDER BY o.created_at), '[]') FROM onward_referrals o WHERE o.referral_id = r.id) AS onward
  FROM referrals r JOIN people p ON p.id = r.person_id
 WHERE r.id = $1 AND r.pcn_id = $2`;

/** The person's current care plan and who saved it. $1 person, $2 pcn. */
export const CARE_PLAN_READ = `
SELECT p.id, p.given_name, p.family_name, cp.current_version, v.content, v.saved_at, u.id AS saved_by, u.name
  FROM people p
  LEFT JOIN care_plans cp ON cp.person_id = p.id AND cp.pcn_id = $2
  LEFT JOIN care_plan_versions v ON v.plan_id = cp.id AND v.version = cp.current_version
  LEFT JOIN users u ON u.id = v.saved_by
 WHERE p.id = $1`;

/** A new version of the plan (plan row bumped, version row added). $1 person, $2 pcn, $3 content, $4 user. */
export const CARE_PLAN_SAVE = `
WITH plan AS (
  UPDATE care_plans SET current_version = current_version + 1, updated_at = now()
   WHERE person_id = $1 AND pcn_id = $2 RETURNING id, current_version)
INSERT INTO care_plan_versions (plan_id, version, content, saved_by, saved_at)
SELECT id, current_version, $3::jsonb, $4, now() FROM plan RETURNING version`;

/** Likely matches: same family name and birth date, same initial. $1 icb, $2 family name, $3 birth date, $4 initial. */
export const PERSON_MATCHES = `
SELECT id, given_name, family_name, date_of_birth, postcode FROM people
 WHERE icb_id = $1 AND lower(family_name) = lower($2) AND date_of_birth = $3::date
   AND left(lower(given_name), 1) = $4
 ORDER BY given_name, id LIMIT 10`;

/**
 * Intake: the person, the referral and the idempotency record in one statement. $1 icb, $2 pcn,
 * $3 practice, $4 referrer, $5 NHS number, $6 given, $7 family, $8 birth date, $9 key, $10 details.
 * (No matching, no referral event, no audit row.)
 */
export const INTAKE = `
WITH person AS (
  INSERT INTO people (id, icb_id, nhs_number, given_name, family_name, date_of_birth, postcode, phone,
                      preferred_contact, practice_id)
  VALUES (gen_random_uuid(), $1, $5, $6, $7, $8::date, 'LS1 4AP', '07700 900982', 'phone', $3)
  RETURNING id),
referral AS (
  INSERT INTO referrals (id, person_id, icb_id, pcn_id, practice_id, source, referrer_user_id, reasons, details,
                         urgency_requested, consent_to_referral, consent_to_share, safeguarding_concern, status,
                         received_at, person_details)
  SELECT gen_random_uuid(), person.id, $1, $2, $3, 'practice', $4, ARRAY['loneliness', 'housing'], $10,
         'routine', true, true, false, 'received', now(),
         jsonb_build_object('givenName', $6::text, 'familyName', $7::text, 'dateOfBirth', $8::text, 'nhsNumber', $5::text)
    FROM person RETURNING id)
INSERT INTO idempotency_keys (owner, key, request_hash, response_status, response_body)
SELECT $4::text, $9, 'raw', 201, jsonb_build_object('id', referral.id) FROM referral RETURNING key`;

const SEARCH_COLUMNS = `count(*) OVER () AS total, s.id, s.name, o.name AS organization_name, s.description, s.status,
       s.referral_capacity`;
const SEARCH_LISTED = `s.status IN ('active', 'temporarily closed') AND s.merged_into_id IS NULL`;

/** Directory search by query type: a page of 20 and the total. (No categories, places or schedules per result.) */
export const SEARCH = {
  /** $1 words */
  text: `
SELECT ${SEARCH_COLUMNS}
  FROM directory_services s JOIN directory_organizations o ON o.id = s.organization_id
 WHERE ${SEARCH_LISTED} AND s.search_vector @@ plainto_tsquery('english', $1)
 ORDER BY ts_rank(s.search_vector, plainto_tsquery('english', $1)) DESC, s.name, s.id LIMIT 20`,
  /** $1 words, each replaced by its nearest directory word when unknown (trigram). */
  'misspelt text': `
WITH words AS (
  SELECT coalesce(
           (SELECT d.word FROM directory_search_words d WHERE d.word = q.word),
           (SELECT d.word FROM directory_search_words d WHERE d.word % q.word
             ORDER BY similarity(d.word, q.word) DESC, length(d.word) DESC, d.word LIMIT 1),
           q.word) AS word
    FROM unnest(regexp_split_to_array(lower($1), '\\s+')) AS q(word)),
query AS (SELECT plainto_tsquery('english', string_agg(word, ' ')) AS tsq FROM words)
SELECT ${SEARCH_COLUMNS}
  FROM query, directory_services s JOIN directory_organizations o ON o.id = s.organization_id
 WHERE ${SEARCH_LISTED} AND s.search_vector @@ query.tsq
 ORDER BY ts_rank(s.search_vector, query.tsq) DESC, s.name, s.id LIMIT 20`,
  /** $1 taxonomy term */
  category: `
SELECT ${SEARCH_COLUMNS}
  FROM directory_services s JOIN directory_organizations o ON o.id = s.organization_id
 WHERE ${SEARCH_LISTED} AND EXISTS (SELECT 1 FROM directory_attributes a
         WHERE a.link_type = 'service' AND a.link_id = s.id AND a.taxonomy_term_id = $1)
 ORDER BY s.name, s.id LIMIT 20`,
  /** $1 weekday code, like MO */
  day: `
SELECT ${SEARCH_COLUMNS}
  FROM directory_services s JOIN directory_organizations o ON o.id = s.organization_id
 WHERE ${SEARCH_LISTED} AND EXISTS (SELECT 1 FROM directory_schedules sch
         WHERE sch.service_id = s.id AND (sch.valid_to IS NULL OR sch.valid_to >= current_date)
           AND ((sch.freq = 'WEEKLY' AND ',' || replace(coalesce(sch.byday, ''), ' ', '') || ',' LIKE '%,' || $1 || ',%')
             OR (sch.freq = 'MONTHLY' AND ',' || replace(coalesce(sch.byday, ''), ' ', '') || ',' ~ (',-?[0-9]' || $1 || ','))))
 ORDER BY s.name, s.id LIMIT 20`,
  /** $1 postcode, $2 metres: services with a visible place within the radius, nearest first. (No service areas.) */
  'postcode + distance': `
WITH origin AS (SELECT latitude AS la, longitude AS lo FROM postcodes WHERE postcode = $1),
nearest AS (
  SELECT x.service_id,
         min(12742000 * asin(sqrt(power(sin(radians(l.latitude - origin.la) / 2), 2)
             + cos(radians(origin.la)) * cos(radians(l.latitude)) * power(sin(radians(l.longitude - origin.lo) / 2), 2)))) AS metres
    FROM origin, directory_locations l JOIN directory_service_at_locations x ON x.location_id = l.id
   WHERE l.location_type = 'physical' AND NOT l.confidential
     AND l.latitude BETWEEN origin.la - $2::float8 / 111000 AND origin.la + $2::float8 / 111000
     AND l.longitude BETWEEN origin.lo - $2::float8 / (111000 * cos(radians(origin.la)))
                         AND origin.lo + $2::float8 / (111000 * cos(radians(origin.la)))
   GROUP BY x.service_id)
SELECT ${SEARCH_COLUMNS}, nearest.metres
  FROM nearest JOIN directory_services s ON s.id = nearest.service_id
  JOIN directory_organizations o ON o.id = s.organization_id
 WHERE ${SEARCH_LISTED} AND nearest.metres <= $2::float8
 ORDER BY nearest.metres, s.id LIMIT 20`,
} as const;

/** /oruk/services: a page of 50 service summaries and the total. $1 offset. */
export const ORUK_SERVICES = `
SELECT count(*) OVER () AS total, s.id, s.name, s.description, s.url, s.email, s.status, s.minimum_age, s.maximum_age,
       s.last_modified, json_build_object('id', o.id, 'name', o.name) AS organization
  FROM directory_services s JOIN directory_organizations o ON o.id = s.organization_id
 WHERE s.status <> 'defunct' AND s.merged_into_id IS NULL
 ORDER BY s.name, s.id LIMIT 50 OFFSET $1`;

/** /oruk/services/{id}: the service with its organisation, places, schedules, phones, categories. $1 service. */
export const ORUK_SERVICE = `
SELECT s.*, row_to_json(o) AS organization,
  (SELECT coalesce(json_agg(json_build_object('sal', x, 'location', l, 'addresses',
            (SELECT coalesce(json_agg(a), '[]') FROM directory_addresses a WHERE a.location_id = l.id))), '[]')
     FROM directory_service_at_locations x JOIN directory_locations l ON l.id = x.location_id
    WHERE x.service_id = s.id) AS locations,
  (SELECT coalesce(json_agg(sch), '[]') FROM directory_schedules sch WHERE sch.service_id = s.id) AS schedules,
  (SELECT coalesce(json_agg(ph), '[]') FROM directory_phones ph WHERE ph.service_id = s.id) AS phones,
  (SELECT coalesce(json_agg(json_build_object('term', t, 'taxonomy', tx)), '[]')
     FROM directory_attributes a JOIN directory_taxonomy_terms t ON t.id = a.taxonomy_term_id
     LEFT JOIN directory_taxonomies tx ON tx.id = t.taxonomy_id
    WHERE a.link_type = 'service' AND a.link_id = s.id) AS attributes,
  (SELECT coalesce(json_agg(c), '[]') FROM directory_contacts c WHERE c.service_id = s.id) AS contacts,
  (SELECT coalesce(json_agg(sa), '[]') FROM directory_service_areas sa WHERE sa.service_id = s.id) AS service_areas
  FROM directory_services s JOIN directory_organizations o ON o.id = s.organization_id
 WHERE s.id = $1`;

/** The partner inbox: a tab's page (50) with service names, and the four tab counts. $1 organisation, $2 tab. */
export const PARTNER_INBOX = `
WITH mine AS (SELECT * FROM onward_referrals WHERE kind = 'referral' AND vcs_organisation_id = $1)
SELECT
  (SELECT coalesce(json_agg(x), '[]') FROM (
     SELECT m.*, s.name AS service_name FROM mine m JOIN directory_services s ON s.id = m.service_id
      WHERE CASE $2::text WHEN 'new' THEN m.status = 'sent' AND m.viewed_at IS NULL
                          WHEN 'waiting' THEN m.status = 'sent' AND m.viewed_at IS NOT NULL
                          WHEN 'active' THEN m.status = 'accepted'
                          ELSE m.status IN ('declined', 'closed') END
      ORDER BY CASE WHEN $2::text = 'closed' THEN coalesce(m.closed_at, m.declined_at) ELSE m.created_at END DESC, m.id DESC
      LIMIT 50) x) AS items,
  (SELECT json_build_object(
     'new', count(*) FILTER (WHERE status = 'sent' AND viewed_at IS NULL),
     'waiting', count(*) FILTER (WHERE status = 'sent' AND viewed_at IS NOT NULL),
     'active', count(*) FILTER (WHERE status = 'accepted'),
     'closed', count(*) FILTER (WHERE status IN ('declined', 'closed'))) FROM mine) AS counts`;
