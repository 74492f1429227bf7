package sdc

import "testing"

// The shapes of docs/statistics-engine.md: (a) 12 months × 10 categories
// with quarters and the year, (b) a 30 × 20 cross-table with totals, (c)
// (a) for 8 filter values and "all", all linked. Skewed counts with about
// 5 % of cells holding 1..4 units, k = 5, several seeds per shape.
var (
	shapeA = Dims{Rows: 10}
	shapeB = Dims{Rows: 30, Cols: 20, SinglePeriod: true}
	shapeC = Dims{Rows: 10, Filters: 8}
)

func BenchmarkProtectA(b *testing.B) { benchProtect(b, shapeA, 20, 1) }
func BenchmarkProtectB(b *testing.B) { benchProtect(b, shapeB, 10, 1) }
func BenchmarkProtectC(b *testing.B) { benchProtect(b, shapeC, 4, 1) }

// Two workers for the final audit.
func BenchmarkProtectC2(b *testing.B) { benchProtect(b, shapeC, 4, 2) }

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

func benchProtect(b *testing.B, d Dims, seeds, workers int) {
	families := make([]*Family, seeds)
	for i := range families {
		g, err := Build(d, newCounts(uint64(i+1), 5, smallShare(d, 0.05)).grid(d))
		if err != nil {
			b.Fatal(err)
		}
		families[i] = g.Family
	}
	var primary, secondary, unsafe int
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f := families[i%seeds]
		res, err := Protect(f, Options{K: 5, Audit: AuditOptions{Workers: workers}})
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
		if !res.Safe {
			unsafe++
		}
	}
	b.ReportMetric(float64(primary)/float64(b.N), "primary/op")
	b.ReportMetric(float64(secondary)/float64(b.N), "secondary/op")
	b.ReportMetric(float64(unsafe)/float64(b.N), "unsafe/op")
}
