package sdc

import (
	"slices"
	"testing"
	"time"
)

// The shapes of docs/statistics-engine.md: (a) 12 months × 10 categories
// with quarters and the year, (b) a 30 × 20 cross-table with totals, (c)
// (a) for 8 filter values and "all", all linked, (d) a 10 × 5 cross-table
// over the year. Skewed counts with about 5 % of all cells holding 1..4
// units, k = 5, one family per seed.
var (
	shapeA = Dims{Rows: 10}
	shapeB = Dims{Rows: 30, Cols: 20, SinglePeriod: true}
	shapeC = Dims{Rows: 10, Filters: 8}
	shapeD = Dims{Rows: 10, Cols: 5}
)

func BenchmarkProtectA(b *testing.B) { benchProtect(b, shapeA, 20, 1) }
func BenchmarkProtectB(b *testing.B) { benchProtect(b, shapeB, 10, 1) }
func BenchmarkProtectC(b *testing.B) { benchProtect(b, shapeC, 8, 1) }
func BenchmarkProtectD(b *testing.B) { benchProtect(b, shapeD, 10, 1) }

// Two workers for the final audit.
func BenchmarkProtectC2(b *testing.B) { benchProtect(b, shapeC, 8, 2) }

// A network-year of one-way breakdowns: 25 families shaped like (a).
func BenchmarkNetworkYear25A(b *testing.B) {
	families := benchFamilies(b, shapeA, 25)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, f := range families {
			if _, err := Protect(f, Options{K: 5}); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// smallShare is the share of leaves to draw small so that about share of
// all cells (totals included) are small.
func smallShare(d Dims, share float64) float64 {
	periods, months := 17.0, 12.0
	if d.SinglePeriod {
		periods, months = 1, 1
	}
	cells := periods * float64((d.Rows+1)*(d.Cols+1)*(d.Filters+1))
	leaves := months * float64(d.Rows*max(d.Cols, 1)*max(d.Filters, 1))
	return share * cells / leaves
}

func benchFamilies(b *testing.B, d Dims, seeds int) []*Family {
	families := make([]*Family, seeds)
	for i := range families {
		g, err := Build(d, newCounts(uint64(i+1), 5, smallShare(d, 0.05)).grid(d))
		if err != nil {
			b.Fatal(err)
		}
		families[i] = g.Family
	}
	return families
}

// benchProtect protects one family per seed in turn and reports, besides
// the mean, the median and slowest family and the cells suppressed.
func benchProtect(b *testing.B, d Dims, seeds, workers int) {
	families := benchFamilies(b, d, seeds)
	var primary, secondary, unsafe, rounds int
	var times []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f := families[i%seeds]
		start := time.Now()
		res, err := Protect(f, Options{K: 5, Audit: AuditOptions{Workers: workers}})
		times = append(times, time.Since(start))
		if err != nil {
			b.Fatal(err)
		}
		for id := 0; id < f.Len(); id++ {
			switch res.Pattern.Status(CellID(id)) {
			case Primary:
				primary++
			case Secondary:
				secondary++
			}
		}
		rounds = max(rounds, res.Rounds)
		if !res.Safe {
			unsafe++
		}
	}
	slices.Sort(times)
	n := float64(b.N)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "median-ms")
	b.ReportMetric(float64(times[len(times)-1].Microseconds())/1000, "max-ms")
	b.ReportMetric(float64(primary)/n, "primary/op")
	b.ReportMetric(float64(secondary)/n, "secondary/op")
	b.ReportMetric(float64(rounds), "max-rounds")
	b.ReportMetric(float64(unsafe)/n, "unsafe/op")
}
