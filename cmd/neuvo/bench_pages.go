package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"neuvo/cases"
)

// seedContacts generates contacts in batches, spread over three years and
// the organisation's advisers, every tenth linked to one of the clients.
func seedContacts(ctx context.Context, service *sqlx.DB, o benchOrg, total, clients int, progress io.Writer) (firstClient int64, err error) {
	scope := cases.Scope{OrgID: o.orgID}
	err = cases.InScope(ctx, service, scope, func(tx *sqlx.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO clients (org_id, code, age_band, citizenship)
			SELECT app_org_id(), 'BENCH-' || g, '30_54', 'SY' FROM generate_series(1, $1) g`, clients)
		if err == nil {
			err = tx.GetContext(ctx, &firstClient, `SELECT min(id) FROM clients`)
		}
		return err
	})
	const batch = 100_000
	for done := 0; done < total && err == nil; done += batch {
		n := min(batch, total-done)
		err = cases.InScope(ctx, service, scope, func(tx *sqlx.Tx) error {
			_, err := tx.ExecContext(ctx, insertGenerated, done+1, done+n, o.pointID, pq.Array(o.advisers), firstClient, clients)
			return err
		})
		fmt.Fprintf(progress, "\r  seeded %d of %d contacts", done+n, total)
	}
	fmt.Fprintln(progress)
	return firstClient, err
}

const insertGenerated = `INSERT INTO contacts (org_id, advice_point_id, adviser_id, client_id, started_at, duration_min,
	channel, kind, service_languages, client_language, interpreter, age_band, citizenship, country_group, municipality,
	topics, idempotency_key)
	SELECT app_org_id(), $3, ($4::bigint[])[1 + g % cardinality($4::bigint[])],
		CASE WHEN g % 10 = 0 THEN $5 + (g / 10) % $6 END,
		now() - make_interval(secs => g * 94.0) - interval '1 hour', 5 + g % 55,
		(ARRAY['walk_in','phone','walk_in','chat','video'])[1 + g % 5], 'advice', '{fi}',
		(ARRAY['ar','ru','uk','so','fa','en'])[1 + g % 6], (ARRAY['none','none','on_site','phone'])[1 + g % 4],
		'30_54', 'SY', 'unknown', '167',
		ARRAY[(ARRAY['permits','social_security','employment','housing','registration'])[1 + g % 5]],
		gen_random_uuid()
	FROM generate_series($1::int, $2::int) g`

// pageClient fetches pages as one logged-in adviser.
type pageClient struct {
	http   *http.Client
	base   string
	cookie string
}

func (p pageClient) get(path string) error {
	req, _ := http.NewRequest(http.MethodGet, p.base+path, nil)
	req.Header.Set("Cookie", p.cookie)
	resp, err := p.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s answered %d", path, resp.StatusCode)
	}
	return nil
}

// measurePages times the contact list (own and organisation-wide) and the
// client file, one adviser at a time and then with all of pages at once.
func measurePages(pages []pageClient, firstClient int64, clients, requests int) ([]result, error) {
	random := rand.New(rand.NewPCG(1, 2))
	paths := map[string]func() string{
		"contact list (mine)": func() string { return "/contacts" },
		"contact list (org)":  func() string { return "/contacts?scope=org" },
		"client file": func() string {
			return "/clients/" + fmt.Sprint(firstClient+int64(random.IntN(clients)))
		},
	}
	var out []result
	for _, name := range []string{"contact list (mine)", "contact list (org)", "client file"} {
		path := paths[name]
		for i := 0; i < 20; i++ {
			if err := pages[0].get(path()); err != nil {
				return nil, err
			}
		}
		targets := make([]string, requests)
		for i := range targets {
			targets[i] = path()
		}
		for _, n := range []int{1, len(pages)} {
			r := runCount(name, n, requests, func(w, i int) error { return pages[w].get(targets[i]) })
			if r.errors > 0 {
				return nil, fmt.Errorf("%s: %d requests failed", name, r.errors)
			}
			out = append(out, r)
		}
	}
	return out, nil
}
