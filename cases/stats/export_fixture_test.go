package stats

import "time"

// sampleReport is a report as Load would return one: a bar table whose
// label is a formula, with a suppressed cell, and a month line.
func sampleReport() *Report {
	count := func(v float64) Cell { return Cell{Value: v, Shown: true} }
	hidden := Cell{Shown: false}
	return &Report{
		Request:   Request{Scope: Scope{Kind: ScopeNetwork, OrgID: 7}, From: Month{2026, time.January}, To: Month{2026, time.December}, Lang: "fi"},
		ScopeName: "=Network \"hub\"",
		K:         5,
		AsOf:      time.Date(2026, 11, 30, 4, 0, 0, 0, time.UTC),
		Tables: []Table{
			{ID: "channel", Section: "contacts", Title: "Contacts by channel", RowHead: "Channel",
				Rows: []Label{{Code: "phone", Text: "=HYPERLINK(\"http://x\")"}, {Code: "walk_in", Text: "Walk-in"}, {Code: "total", Text: "Total", Total: true}},
				Cols: []Label{{Code: "contacts", Text: "Contacts"}, {Code: "share", Text: "Share %"}},
				Cells: [][]Cell{
					{hidden, hidden},
					{count(40), {Value: 88.9, Shown: true, Kind: Percent}},
					{count(45), {Value: 100, Shown: true, Kind: Percent}},
				}, Chart: Bars},
			{ID: "persons", Section: "clients", Title: "Persons reached", RowHead: "Measure",
				Rows:  []Label{{Code: "persons", Text: "-persons"}},
				Cols:  []Label{{Code: "n", Text: "@n"}},
				Cells: [][]Cell{{{Value: 123, Shown: true, Kind: Magnitude}}}},
			{ID: "months", Section: "contacts", Title: "Contacts by month", RowHead: "Month",
				Rows:  []Label{{Code: "2026-01", Text: "1/2026"}, {Code: "2026-02", Text: "2/2026"}},
				Cols:  []Label{{Code: "contacts", Text: "Contacts"}},
				Cells: [][]Cell{{count(0)}, {count(12)}}, Chart: Line},
		},
		Withheld: []string{"Topic by language"},
	}
}

func sampleText() ExportText {
	return ExportText{Title: "Neuvo", Head: [][2]string{{"Scope", "=Network \"hub\""}, {"Period", "2026-01 – 2026-12"}, {"k", "5"}},
		Legend: ".. = confidential", Sections: map[string]string{"contacts": "Contacts", "clients": "Clients"}, Withheld: "Withheld tables"}
}
