package stats

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
)

// leaf is a rollup row summed over the organisations of a scope.
type leaf struct {
	Month                int
	AdvicePoint, Channel string
	Kind, Dim, Code      string
}

// filterValue is the leaf's value of a filter dimension.
func (l leaf) filterValue(dim string) string {
	switch dim {
	case "advice_point":
		return l.AdvicePoint
	case "channel":
		return l.Channel
	}
	return l.Kind
}

type consultLeaf struct {
	Month    int
	Status   string
	Resident string
}

// yearData is everything the families of one scope and year count.
type yearData struct {
	contacts map[leaf]amounts
	clients  map[[2]string]int // (period code, measure)
	consults map[consultLeaf]int
	released map[string]storedCell // what releases of the scope and year showed
}

// scopeWhere selects a scope's rollup rows; RLS admits only what the
// current organisation may read, so a scope it may not see reads empty.
func scopeWhere(s Scope) (string, error) {
	id := strconv.FormatInt(s.OrgID, 10)
	switch s.Kind {
	case ScopeOrg:
		return "org_id = " + id, nil
	case ScopeNetwork:
		return "org_id IN (SELECT o.id FROM organisations o WHERE o.network_id = (SELECT h.network_id FROM organisations h WHERE h.id = " + id + " AND h.kind = 'hub'))", nil
	case ScopeResidents:
		return "resident_org = " + id, nil
	}
	return "", fmt.Errorf("stats: unknown scope %q", s.Kind)
}

func loadYear(ctx context.Context, q sqlx.QueryerContext, s Scope, year int) (*yearData, error) {
	where, err := scopeWhere(s)
	if err != nil {
		return nil, err
	}
	d := &yearData{contacts: map[leaf]amounts{}, clients: map[[2]string]int{}, consults: map[consultLeaf]int{}}
	rows, err := q.QueryxContext(ctx, `SELECT month, advice_point, channel, kind, dim, code,
		sum(n), sum(persons), sum(minutes) FROM stats_contact_rollup WHERE year = $1 AND `+where+`
		GROUP BY month, advice_point, channel, kind, dim, code`, year)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var l leaf
		var a amounts
		if err := rows.Scan(&l.Month, &l.AdvicePoint, &l.Channel, &l.Kind, &l.Dim, &l.Code, &a.N, &a.Persons, &a.Minutes); err != nil {
			rows.Close()
			return nil, err
		}
		d.contacts[l] = a
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if err := d.loadClients(ctx, q, where, year); err != nil {
		return nil, err
	}
	if s.Kind == ScopeOrg { // a partner's consultations are the ones its residents were booked
		where = "(" + where + " OR resident_org = " + strconv.FormatInt(s.OrgID, 10) + ")"
	}
	return d, d.loadConsultations(ctx, q, where, year)
}

func (d *yearData) loadClients(ctx context.Context, q sqlx.QueryerContext, where string, year int) error {
	var rows []struct {
		Period, Measure string
		N               int
	}
	err := sqlx.SelectContext(ctx, q, &rows, `SELECT period, measure, sum(n) AS n FROM stats_client_rollup
		WHERE year = $1 AND `+where+` GROUP BY period, measure`, year)
	for _, r := range rows {
		d.clients[[2]string{r.Period, r.Measure}] = r.N
	}
	return err
}

func (d *yearData) loadConsultations(ctx context.Context, q sqlx.QueryerContext, where string, year int) error {
	var rows []struct {
		Month    int
		Status   string
		Resident int64 `db:"resident_org"`
		N        int
	}
	err := sqlx.SelectContext(ctx, q, &rows, `SELECT month, status, resident_org, sum(n) AS n
		FROM stats_consultation_rollup WHERE year = $1 AND `+where+` GROUP BY month, status, resident_org`, year)
	for _, r := range rows {
		d.consults[consultLeaf{Month: r.Month, Status: r.Status, Resident: strconv.FormatInt(r.Resident, 10)}] += r.N
	}
	return err
}

// values lists the codes a dimension takes in the year's contacts.
func (d *yearData) values(dimID string) map[string]bool {
	out := map[string]bool{}
	for l := range d.contacts {
		if l.Dim == dimID {
			out[l.Code] = true
		}
	}
	return out
}

// filterValues lists each filter dimension's values in the year.
func (d *yearData) filterValues() map[string][]string {
	seen := map[string]map[string]bool{}
	for _, f := range FilterDims {
		seen[f] = map[string]bool{}
	}
	for l := range d.contacts {
		if l.Dim == "total" {
			for _, f := range FilterDims {
				seen[f][l.filterValue(f)] = true
			}
		}
	}
	out := map[string][]string{}
	for f, vs := range seen {
		out[f] = sortedKeys(vs)
	}
	return out
}

// untilMonth leaves out the running month and later ones: figures are
// published for whole months only, so a month starts counting when it has
// ended (a month one day old would be a small total in every table).
func (d *yearData) untilMonth(year int, now time.Time) {
	this := now.In(cases.Finland)
	if year < this.Year() {
		return
	}
	first := int(this.Month())
	if year > this.Year() {
		first = 1
	}
	for l := range d.contacts {
		if l.Month >= first {
			delete(d.contacts, l)
		}
	}
	for l := range d.consults {
		if l.Month >= first {
			delete(d.consults, l)
		}
	}
	for m := first; m <= 12; m++ {
		delete(d.clients, [2]string{"M" + twoDigits(m), "unique"})
		delete(d.clients, [2]string{"M" + twoDigits(m), "new"})
	}
}
