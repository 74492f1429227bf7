package stats

import (
	"context"

	"github.com/jmoiron/sqlx"
)

// The rollups are rebuilt per organisation and month from the records, in
// the organisation's own transaction (RLS as that organisation): the old
// rows go, the month's counts come back in one statement per table.
// Deleted contacts never count; nothing but structured fields is read.

// contactMonth is the month's contacts of the organisation, with the
// partner organisation whose municipality the client lives in.
const contactMonth = `
WITH m AS (SELECT make_date($1, $2, 1)::timestamp AT TIME ZONE 'Europe/Helsinki' AS start,
                  (make_date($1, $2, 1) + interval '1 month')::timestamp AT TIME ZONE 'Europe/Helsinki' AS stop),
c AS (
    SELECT c.*,
           ` + contactDerived + `
    FROM contacts c, m
    WHERE c.org_id = app_org_id() AND c.deleted_at IS NULL
      AND c.started_at >= m.start AND c.started_at < m.stop
),
` + withResident + `
`

// contactDerived are a contact's derived categories: persons reached,
// duration band, and first or follow-up visit of its client.
const contactDerived = `coalesce(c.participants, c.household_size, 1) AS persons,
           CASE WHEN c.duration_min < 15 THEN 'under_15' WHEN c.duration_min < 30 THEN '15_30'
                WHEN c.duration_min <= 60 THEN '30_60' ELSE 'over_60' END AS duration_band,
           CASE WHEN c.client_id IS NULL THEN 'no_client'
                WHEN EXISTS (SELECT 1 FROM contacts e WHERE e.org_id = c.org_id AND e.client_id = c.client_id
                             AND e.deleted_at IS NULL AND (e.started_at, e.id) < (c.started_at, c.id)) THEN 'follow_up'
                ELSE 'first' END AS visit`

// withResident adds the partner organisation whose municipality the
// client lives in (0 for none).
const withResident = `r AS (SELECT c.*, coalesce((SELECT id FROM organisations o WHERE o.kind = 'partner'
          AND o.network_id = app_network_id() AND o.municipality_code = c.municipality), 0) AS resident
      FROM c)`

// contactDims lists every dimension's categories of one contact: one row
// per (dim, code); topics and service languages give one row per value.
const contactDims = `
SELECT d.dim, d.code FROM (VALUES
    ('total', ''), ('channel', r.channel), ('kind', r.kind), ('advice_point', r.advice_point_id::text),
    ('age_band', r.age_band), ('gender', r.gender), ('country_group', r.country_group),
    ('residence_basis', r.residence_basis), ('interpreter', r.interpreter),
    ('client_language', r.client_language), ('time_in_finland', r.time_in_finland),
    ('labour_market', r.labour_market), ('outcome', r.outcome),
    ('municipality', CASE WHEN r.resident <> 0 THEN 'p' || r.resident
                          WHEN r.municipality = 'unknown' THEN 'unknown'
                          WHEN r.municipality = (SELECT h.municipality_code FROM organisations h
                              WHERE h.network_id = app_network_id() AND h.kind = 'hub') THEN 'hub'
                          ELSE 'other' END),
    ('duration', r.duration_band), ('visit', r.visit),
    ('age_band*gender', r.age_band || '|' || r.gender),
    ('channel*kind', r.channel || '|' || r.kind)
) AS d(dim, code)
UNION ALL SELECT 'topic_detail', t FROM unnest(r.topics) t
UNION ALL SELECT DISTINCT 'topic', coalesce(nullif((SELECT i.parent_code FROM taxonomy_items i
    WHERE i.network_id = app_network_id() AND i.kind = 'topic' AND i.code = t), ''), t) FROM unnest(r.topics) t
UNION ALL SELECT 'service_language', l FROM unnest(r.service_languages) l
UNION ALL SELECT 'service_language', 'none' WHERE cardinality(r.service_languages) = 0
`

const refreshContacts = contactMonth + `
INSERT INTO stats_contact_rollup (org_id, resident_org, year, month, advice_point, channel, kind, dim, code, n, persons, minutes)
SELECT app_org_id(), r.resident, $1, $2, r.advice_point_id::text, r.channel, r.kind, d.dim, d.code,
       count(*), sum(r.persons), sum(r.duration_min)
FROM r CROSS JOIN LATERAL (` + contactDims + `) d
GROUP BY r.resident, r.advice_point_id, r.channel, r.kind, d.dim, d.code`

// refreshClients counts distinct clients of the month, its quarter and the
// year, and the clients whose first contact in the organisation falls in
// the month.
const refreshClients = `
WITH y AS (SELECT make_date($1, 1, 1)::timestamp AT TIME ZONE 'Europe/Helsinki' AS start,
                  make_date($1 + 1, 1, 1)::timestamp AT TIME ZONE 'Europe/Helsinki' AS stop),
c AS (
    SELECT c.client_id, extract(month FROM c.started_at AT TIME ZONE 'Europe/Helsinki')::int AS month,
           coalesce((SELECT id FROM organisations o WHERE o.kind = 'partner' AND o.network_id = app_network_id()
                     AND o.municipality_code = c.municipality), 0) AS resident
    FROM contacts c, y
    WHERE c.org_id = app_org_id() AND c.deleted_at IS NULL AND c.client_id IS NOT NULL
      AND c.started_at >= y.start AND c.started_at < y.stop
),
firsts AS (
    SELECT DISTINCT ON (c.client_id) c.client_id, c.started_at,
           coalesce((SELECT id FROM organisations o WHERE o.kind = 'partner' AND o.network_id = app_network_id()
                     AND o.municipality_code = c.municipality), 0) AS resident
    FROM contacts c WHERE c.org_id = app_org_id() AND c.deleted_at IS NULL AND c.client_id IS NOT NULL
    ORDER BY c.client_id, c.started_at, c.id
)
INSERT INTO stats_client_rollup (org_id, resident_org, year, period, measure, n)
SELECT app_org_id(), resident, $1, period, 'unique', count(DISTINCT client_id) FROM (
    SELECT client_id, resident, 'M' || lpad(month::text, 2, '0') AS period FROM c
    UNION ALL SELECT client_id, resident, 'Q' || ((month - 1) / 3 + 1) FROM c
    UNION ALL SELECT client_id, resident, 'Y' FROM c
) p GROUP BY resident, period
UNION ALL
SELECT app_org_id(), f.resident, $1, 'M' || lpad(extract(month FROM f.started_at AT TIME ZONE 'Europe/Helsinki')::text, 2, '0'),
       'new', count(*)
FROM firsts f, y WHERE f.started_at >= y.start AND f.started_at < y.stop
GROUP BY 2, 4`

// refreshConsultations counts the hub's consultations of the month by
// status and partner municipality.
const refreshConsultations = `
WITH m AS (SELECT make_date($1, $2, 1)::timestamp AT TIME ZONE 'Europe/Helsinki' AS start,
                  (make_date($1, $2, 1) + interval '1 month')::timestamp AT TIME ZONE 'Europe/Helsinki' AS stop)
INSERT INTO stats_consultation_rollup (org_id, resident_org, year, month, status, n)
SELECT app_org_id(), c.partner_org_id, $1, $2, c.status, count(*)
FROM consultations c, m
WHERE c.org_id = app_org_id() AND c.starts_at >= m.start AND c.starts_at < m.stop
GROUP BY c.partner_org_id, c.status`

// RefreshContactMonth rebuilds the current organisation's contact rollup
// of one month and its client counts of that year.
func RefreshContactMonth(ctx context.Context, tx *sqlx.Tx, year, month int) error {
	for _, q := range []string{
		`DELETE FROM stats_contact_rollup WHERE org_id = app_org_id() AND year = $1 AND month = $2`,
		refreshContacts,
		`DELETE FROM stats_client_rollup WHERE org_id = app_org_id() AND year = $1 AND $2 > 0`,
		refreshClients,
	} {
		args := []any{year, month}
		if q == refreshClients {
			args = args[:1]
		}
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return err
		}
	}
	return nil
}

// RefreshConsultationMonth rebuilds the current (hub) organisation's
// consultation rollup of one month.
func RefreshConsultationMonth(ctx context.Context, tx *sqlx.Tx, year, month int) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM stats_consultation_rollup
		WHERE org_id = app_org_id() AND year = $1 AND month = $2`, year, month); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, refreshConsultations, year, month)
	return err
}

// RawYearReportSQL computes the breakdowns of a year report straight from
// the raw rows of the current organisation's network, as a report without
// rollups would: the benchmark's yardstick ($1 is the year).
const RawYearReportSQL = `
WITH y AS (SELECT make_date($1, 1, 1)::timestamp AT TIME ZONE 'Europe/Helsinki' AS start,
                  make_date($1 + 1, 1, 1)::timestamp AT TIME ZONE 'Europe/Helsinki' AS stop),
c AS (
    SELECT c.*, ` + contactDerived + `
    FROM contacts c, y
    WHERE c.deleted_at IS NULL AND c.started_at >= y.start AND c.started_at < y.stop
),
` + withResident + `
SELECT extract(month FROM r.started_at AT TIME ZONE 'Europe/Helsinki') AS month, d.dim, d.code,
       count(*), sum(r.persons), sum(r.duration_min)
FROM r CROSS JOIN LATERAL (` + contactDims + `) d
GROUP BY 1, 2, 3`
