package stats

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"neuvo/cases"
)

// Seed generates contacts for the statistics benchmark, tests and demo,
// skewed like real data: each field's first codes are common, the rest a
// long tail, and a share of profiles unknown. It writes straight into the
// current organisation's tables, as the data-generation step of a test
// would, not through the contact form's rules.
type Seed struct {
	Contacts     int
	Year         int
	UnknownShare float64 // share of profile fields left unknown
	Clients      int     // pseudonymous clients the contacts spread over
	Seed         uint64
	Days         int // from 1 January; 0 is the whole year
}

// SeedKeyPrefix begins the idempotency key of every generated contact,
// so that a demo's generated history can be told from its hand-made cases.
const SeedKeyPrefix = "5eed0000"

// skewed picks one of codes, the first ones far more often.
const skewed = `(%[1]s)[1 + floor(power(random(), 2.5) * cardinality(%[1]s))::int]`

func pick(param string) string { return fmt.Sprintf(skewed, param) }

func profile(param string) string {
	return `CASE WHEN random() < $3 THEN 'unknown' ELSE ` + pick(param) + ` END`
}

var seedContacts = `
INSERT INTO contacts (org_id, advice_point_id, adviser_id, client_id, started_at, duration_min, channel, kind,
    participants, household_size, service_languages, client_language, interpreter, age_band, gender,
    country_group, municipality, residence_basis, time_in_finland, labour_market, topics, outcome, idempotency_key,
    created_at)
SELECT app_org_id(), ` + pick("$4::bigint[]") + `, ` + pick("$5::bigint[]") + `,
    CASE WHEN random() < 0.7 AND cardinality($6::bigint[]) > 0 THEN ` + pick("$6::bigint[]") + ` END,
    g.s,
    5 + floor(power(random(), 2) * 110)::int, ` + pick("$7::text[]") + `, 'advice',
    NULL, 1 + floor(power(random(), 4) * 6)::int, ARRAY[` + pick("$8::text[]") + `], ` + pick("$8::text[]") + `,
    ` + pick("$9::text[]") + `, ` + profile("$10::text[]") + `, ` + profile("$11::text[]") + `,
    ` + profile("$12::text[]") + `, ` + profile("$13::text[]") + `, ` + profile("$14::text[]") + `,
    ` + profile("$15::text[]") + `, ` + profile("$16::text[]") + `, ARRAY[` + pick("$17::text[]") + `],
    ` + pick("$18::text[]") + `, ('5eed0000' || substr(md5(random()::text), 9, 24))::uuid, g.s
FROM (SELECT make_timestamptz($2, 1, 1, 8, 0, 0, 'Europe/Helsinki') + (power(random(), 1.15) * $19) * interval '1 day' AS s FROM generate_series(1, $1)) g`

// Run adds the contacts (and their clients) to the current organisation.
func (s Seed) Run(ctx context.Context, tx *sqlx.Tx, tax *cases.Taxonomy, municipalities []string) error {
	r := rand.New(rand.NewPCG(s.Seed, 1))
	if _, err := tx.ExecContext(ctx, `SELECT setseed($1)`, r.Float64()*2-1); err != nil {
		return err
	}
	var points, advisers, clients []int64
	if err := tx.SelectContext(ctx, &points, `SELECT id FROM advice_points WHERE org_id = app_org_id() ORDER BY id`); err != nil {
		return err
	}
	if err := tx.SelectContext(ctx, &advisers, `SELECT u.id FROM users u WHERE u.org_id = app_org_id()
		ORDER BY NOT EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = 'adviser'), u.id LIMIT 3`); err != nil {
		return err
	}
	if len(points) == 0 || len(advisers) == 0 {
		return fmt.Errorf("stats: seeding needs an advice point and a user in the organisation")
	}
	if s.Clients > 0 {
		if err := tx.SelectContext(ctx, &clients, `INSERT INTO clients (org_id, code)
			SELECT app_org_id(), 'S' || md5(random()::text) FROM generate_series(1, $1) RETURNING id`, s.Clients); err != nil {
			return err
		}
	}
	_, err := tx.ExecContext(ctx, seedContacts, s.Contacts, s.Year, s.UnknownShare,
		pq.Array(points), pq.Array(advisers), pq.Array(clients),
		pq.Array(codes(tax, "channel")), pq.Array(seedLanguages), pq.Array(codes(tax, "interpreter")),
		pq.Array(codes(tax, "age_band")), pq.Array(codes(tax, "gender")), pq.Array(codes(tax, "country_group")),
		pq.Array(municipalities), pq.Array(codes(tax, "residence_basis")), pq.Array(codes(tax, "time_in_finland")),
		pq.Array(codes(tax, "labour_market")), pq.Array(leafTopics(tax)), pq.Array(codes(tax, "outcome")), s.days())
	return err
}

// seedLanguages are the common languages of Finnish advice points first.
var seedLanguages = strings.Fields("fi en ru ar so fa uk ku sv tr th vi et zh es fr")

// codes are a taxonomy's known codes, "unknown" left to UnknownShare.
func codes(tax *cases.Taxonomy, kind string) []string {
	var out []string
	for _, it := range tax.All(kind) {
		if it.Code != "unknown" {
			out = append(out, it.Code)
		}
	}
	return out
}

func leafTopics(tax *cases.Taxonomy) []string {
	var out []string
	for _, it := range tax.All("topic") {
		if it.Parent != "" {
			out = append(out, it.Code)
		}
	}
	return out
}

func (s Seed) days() float64 {
	if s.Days <= 0 || s.Days > 364 {
		return 364
	}
	return float64(s.Days)
}
