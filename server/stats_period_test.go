package server

import (
	"testing"
	"time"

	"neuvo/cases"
	"neuvo/cases/stats"
)

func TestReadPeriod(t *testing.T) {
	project := periodPreset{Value: "project:3", From: stats.Month{Year: 2025, Month: time.March}, To: stats.Month{Year: 2026, Month: time.February}}
	table := []struct {
		period, from, to string
		wantFrom, wantTo string
		errField         string
	}{
		{"2026", "", "", "2026-01", "2026-12", ""},
		{"2026-Q4", "2020-01", "2020-02", "2026-10", "2026-12", ""}, // the preset wins over stale months
		{"2026-02", "", "", "2026-02", "2026-02", ""},
		{"project:3", "", "", "2025-03", "2026-02", ""},
		{"range", "2025-11", "2026-02", "2025-11", "2026-02", ""},
		{"", "2025-11", "2026-02", "2025-11", "2026-02", ""},
		{"range", "2026-02-01", "2026-03", "", "", "from"}, // no day ranges
		{"range", "2026-03", "2026-02", "", "", "to"},
		{"2026-W05", "", "", "", "", "period"},
		{"project:4", "", "", "", "", "period"},
	}
	for _, c := range table {
		v := &cases.ValidationError{}
		from, to := readPeriod(v, []periodPreset{project}, c.period, c.from, c.to)
		if c.errField != "" {
			if v.For(c.errField) == "" {
				t.Errorf("%+v: no error on %s (%v)", c, c.errField, v.Err())
			}
			continue
		}
		if v.Err() != nil || from.String() != c.wantFrom || to.String() != c.wantTo {
			t.Errorf("%+v: %s–%s, %v", c, from, to, v.Err())
		}
	}
}
