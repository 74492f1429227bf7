package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"neuvo/cases/dbtest"
)

// TestBenchRunsEndToEnd keeps `neuvo bench` working: a tiny run must
// create contacts through the API, replay the recorded statements, time
// the pages and drop its database. The numbers are not judged here; they
// are written down in docs/benchmarks.md.
func TestBenchRunsEndToEnd(t *testing.T) {
	var out, errs bytes.Buffer
	args := []string{"-admin-url", dbtest.AdminURL(), "-duration", "300ms", "-clients", "1,2", "-contacts", "2000", "-requests", "20"}
	if err := bench(context.Background(), args, &out, &errs); err != nil {
		t.Fatalf("bench: %v\n%s\n%s", err, out.String(), errs.String())
	}
	report := out.String()
	for _, want := range []string{"INSERT INTO contacts", "| API create (HTTP)      |   2 |", "| same SQL, raw driver   |   2 |",
		"| ratio service/raw      |   2 |", "| client file ", "| contact list (org) "} {
		if !strings.Contains(report, want) {
			t.Errorf("report lacks %q:\n%s", want, report)
		}
	}
	admin := dbtest.Admin(t)
	var left int
	admin.Get(&left, `SELECT count(*) FROM pg_database WHERE datname LIKE 'neuvo_bench_%'`)
	if left != 0 {
		t.Errorf("%d benchmark databases left behind", left)
	}
}
