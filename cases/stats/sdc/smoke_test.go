package sdc

import (
	"testing"
	"time"
)

func TestSmoke(t *testing.T) {
	for _, d := range []Dims{{Rows: 10}, {Rows: 30, Cols: 20, SinglePeriod: true}, {Rows: 10, Filters: 8}} {
		for seed := uint64(1); seed <= 3; seed++ {
			g, err := Build(d, newCounts(seed, 5, 0.05).grid(d))
			if err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			res, err := Protect(g.Family, Options{K: 5})
			if err != nil {
				t.Fatal(err)
			}
			prim, sec := 0, 0
			for i := 0; i < g.Family.Len(); i++ {
				switch res.Pattern.Status(CellID(i)) {
				case Primary:
					prim++
				case Secondary:
					sec++
				}
			}
			t.Logf("%+v seed %d: %d cells, %d primary, %d secondary, rounds %d, safe %v, %v", d, seed, g.Family.Len(), prim, sec, res.Rounds, res.Safe, time.Since(start))
			for _, c := range res.Audit.Cells {
				if !c.Safe {
					t.Logf("  unsafe %+v", c)
				}
			}
		}
	}
}
