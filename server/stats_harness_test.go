package server

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases/stats"
)

// fixedStats answers the statistics handlers with one report, as the
// stored patterns would, and remembers what was asked.
type fixedStats struct {
	mu      sync.Mutex
	options []stats.ScopeOption
	report  stats.Report
	loadErr error
	asked   []stats.Request
}

func (f *fixedStats) Scopes(context.Context, sqlx.QueryerContext, string) ([]stats.ScopeOption, error) {
	return f.options, nil
}

func (f *fixedStats) Load(_ context.Context, _ sqlx.QueryerContext, req stats.Request) (*stats.Report, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.asked = append(f.asked, req)
	if f.loadErr != nil {
		return nil, f.loadErr
	}
	r := f.report
	r.Request = req
	return &r, nil
}

func (f *fixedStats) last(t *testing.T) stats.Request {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.asked) == 0 {
		t.Fatal("Load was not called")
	}
	return f.asked[len(f.asked)-1]
}

// withFixedStats gives the harness's server a report for the hub's
// network and own organisation: a bar table whose phone row is
// suppressed (its true value 3 must never show) and whose label for chat
// is a formula, and a month line with a suppressed March.
func (h *harness) withFixedStats() *fixedStats {
	hub := h.orgs["hub"]
	n := func(v float64) stats.Cell { return stats.Cell{Value: v, Shown: true} }
	hidden := stats.Cell{Value: 3}
	f := &fixedStats{
		options: []stats.ScopeOption{{Scope: stats.Scope{Kind: stats.ScopeNetwork, OrgID: hub}, Name: "Network hub"},
			{Scope: stats.Scope{Kind: stats.ScopeOrg, OrgID: hub}, Name: "Org hub"}},
		report: stats.Report{ScopeName: "Network hub", K: 5, AsOf: time.Date(2026, 11, 30, 3, 0, 0, 0, time.UTC),
			Tables: []stats.Table{
				{ID: "channel", Section: "contacts", Title: "Contacts by channel", RowHead: "Channel", Chart: stats.Bars,
					Rows: []stats.Label{{Code: "phone", Text: "Phone"}, {Code: "chat", Text: "=HYPERLINK(\"http://evil\")"},
						{Code: "walk_in", Text: "Walk-in"}, {Code: "total", Text: "Total", Total: true}},
					Cols:  []stats.Label{{Code: "contacts", Text: "Contacts"}},
					Cells: [][]stats.Cell{{hidden}, {n(17)}, {n(40)}, {hidden}}},
				{ID: "months", Section: "contacts", Title: "Contacts by month", RowHead: "Month", Chart: stats.Line,
					Rows:  []stats.Label{{Code: "2026-01", Text: "1/2026"}, {Code: "2026-02", Text: "2/2026"}, {Code: "2026-03", Text: "3/2026"}},
					Cols:  []stats.Label{{Code: "contacts", Text: "Contacts"}},
					Cells: [][]stats.Cell{{n(20)}, {n(0)}, {hidden}}},
			},
			Withheld: []string{"Topic by language"}},
	}
	months := &f.report.Tables[1]
	for m := 4; m <= 12; m++ {
		months.Rows = append(months.Rows, stats.Label{Code: fmt.Sprintf("2026-%02d", m), Text: fmt.Sprintf("%d/2026", m)})
		months.Cells = append(months.Cells, []stats.Cell{n(float64(10 + m*m%17))})
	}
	h.server.stats = f
	return f
}
