package sdc

import (
	"strconv"
	"testing"
)

// "N = 180 and 177 (98.3 %)" reveals the other 3: the 177 must be
// suppressed with the 3, and its share with it.
func TestShareIsSuppressedWithItsCells(t *testing.T) {
	g := line(t, 177, 3)
	res := protect(t, g.Family, 5)
	big, small, total := g.at(t, Key{Row: 0}), g.at(t, Key{Row: 1}), g.at(t, Key{Row: Total})
	if !res.Pattern.Suppressed(big) || res.Pattern.Suppressed(total) {
		t.Fatalf("want 177 suppressed and 180 shown: %v", res.Pattern.status)
	}
	for _, f := range []Figure{res.Pattern.Share(big, total), res.Pattern.Share(small, total), res.Pattern.Share(total, big)} {
		if f.Shown || f.Text(pct) != Marker {
			t.Fatalf("share of a suppressed cell shown: %+v", f)
		}
	}
	if f := res.Pattern.Share(total, total); !f.Shown || f.Value != 1 {
		t.Fatalf("share of published cells: %+v", f)
	}
}

func TestFiguresFromPublishedCellsOnly(t *testing.T) {
	g := line(t, 40, 3, 20, 0)
	res := protect(t, g.Family, 5)
	p := res.Pattern
	forty, three, twenty, zero, total := g.at(t, Key{Row: 0}), g.at(t, Key{Row: 1}), g.at(t, Key{Row: 2}), g.at(t, Key{Row: 3}), g.at(t, Key{Row: Total})
	if !p.Suppressed(twenty) || p.Suppressed(forty) || p.Suppressed(zero) {
		t.Fatalf("unexpected pattern %v", p.status)
	}
	cases := []struct {
		name string
		got  Figure
		want string
	}{
		{"share of shown cells", p.Share(forty, total), "63.49"},
		{"share over a zero", p.Share(zero, zero), Marker},
		{"share of a primary", p.Share(three, total), Marker},
		{"average over a shown count", p.PerUnit(1260, total), "2000.00"},
		{"average over a secondary", p.PerUnit(400, twenty), Marker},
		{"average over zero units", p.PerUnit(0, zero), Marker},
		{"magnitude of a shown count", p.Magnitude(55, forty), "5500.00"},
		{"magnitude of an empty cell", p.Magnitude(0, zero), "0.00"},
		{"magnitude of a primary", p.Magnitude(4, three), Marker},
		{"median behind a shown cell", p.Quantile([]float64{5, 1, 3, 9, 7}, 0.5, total), "500.00"},
		{"median behind a primary", p.Quantile([]float64{1, 2, 3}, 0.5, three), Marker},
	}
	for _, c := range cases {
		if got := c.got.Text(pct); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
}

func TestQuantileNeedsKValues(t *testing.T) {
	four := []float64{10, 20, 30, 40}
	if f := Quantile(four, 0.5, 5); f.Shown {
		t.Fatalf("median of 4 values shown at k=5: %+v", f)
	}
	if f := Quantile(append(four, 50), 0.5, 5); !f.Shown || f.Value != 30 {
		t.Fatalf("median of 5 values: %+v", f)
	}
	if f := Quantile(append(four, 50), 0.9, 5); !f.Shown || f.Value != 46 {
		t.Fatalf("90th percentile: %+v", f)
	}
	if f := Quantile([]float64{1, 2}, 0.5, 1); f.Shown {
		t.Fatal("a threshold below MinK must not lower the bar")
	}
	if Enough(2, 5) || !Enough(0, 5) || !Enough(5, 5) {
		t.Fatal("Enough")
	}
}

func pct(v float64) string { return strconv.FormatFloat(v*100, 'f', 2, 64) }
