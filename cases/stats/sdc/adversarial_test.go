package sdc

import "testing"

// Hand-made tables, each built on a way suppression is known to fail.

func TestOneSmallCellInARow(t *testing.T) {
	g := line(t, 3, 20, 30, 40)
	res := protect(t, g.Family, 5)
	small, cheapest := g.at(t, Key{Row: 0}), g.at(t, Key{Row: 1})
	// The cheapest partner is enough: 3 + 20 = 23 is shown as the
	// difference, and the 3 could be anything up to 22.
	requireSuppressed(t, res.Pattern, small, cheapest)
	if c := cellAudit(t, res.Audit, small); c.Hi != 22 || c.Lo != 1 {
		t.Fatalf("interval [%d, %d], want [1, 22]", c.Lo, c.Hi)
	}
	requireSafe(t, g.Family, res, true)
	requireEnumerated(t, g.Family, res.Pattern, 100)
}

func TestTwoSmallCellsShareARowAndAColumn(t *testing.T) {
	g := table(t,
		[]int{2, 3, 40},
		[]int{1, 30, 50},
		[]int{25, 35, 45},
	)
	res := protect(t, g.Family, 5)
	for _, k := range []Key{{Row: 0, Col: 0}, {Row: 0, Col: 1}, {Row: 1, Col: 0}} {
		if s := res.Pattern.Status(g.at(t, k)); s != Primary {
			t.Fatalf("%+v is %v", k, s)
		}
	}
	requireSafe(t, g.Family, res, true)
	requireEnumerated(t, g.Family, res.Pattern, 300)
}

// In a 1×n table every column total is its only cell, so a small cell's
// column total is small too, and the row must give the protection.
func TestOneByNTable(t *testing.T) {
	g := table(t, []int{2, 10, 20, 30, 40})
	res := protect(t, g.Family, 5)
	for _, k := range []Key{{Row: 0, Col: 0}, {Row: Total, Col: 0}} {
		if !res.Pattern.Suppressed(g.at(t, k)) {
			t.Fatalf("%+v published", k)
		}
	}
	requireSafe(t, g.Family, res, true)
	requireEnumerated(t, g.Family, res.Pattern, 200)
}

// T = A + B, A = a1 + a2 + a3, B = b1 + b2: a1 and a2 are small and a3 is
// empty, so only suppressing A protects them, and A then needs B, and B
// one of its parts.
func TestNestedTotals(t *testing.T) {
	f := NewFamily()
	a1, a2, a3 := f.AddCell(2), f.AddCell(3), f.AddCell(0)
	b1, b2 := f.AddCell(15), f.AddCell(20)
	a, b := f.AddCell(5), f.AddCell(35)
	total := f.AddCell(40)
	for _, r := range []Relation{
		{Total: a, Parts: []CellID{a1, a2, a3}, Line: true},
		{Total: b, Parts: []CellID{b1, b2}, Line: true},
		{Total: total, Parts: []CellID{a, b}, Line: true},
	} {
		if err := f.AddRelation(r); err != nil {
			t.Fatal(err)
		}
	}
	res := protect(t, f, 5)
	requireSuppressed(t, res.Pattern, a1, a2, a, b, b1)
	if res.Pattern.Status(a3) != Published {
		t.Fatal("the empty a3 must be shown as 0")
	}
	requireSafe(t, f, res, true)
	requireEnumerated(t, f, res.Pattern, 100)
}

// Protecting every month, quarter and the year as its own table passes
// each table's own audit, but the quarters give the months away.
func TestMonthTableAgainstItsYear(t *testing.T) {
	counts := map[Leaf]int{}
	for m := 1; m <= 12; m++ {
		counts[Leaf{Month: m, Row: 0}] = 40 + m
		counts[Leaf{Month: m, Row: 1}] = 20 + m
		counts[Leaf{Month: m, Row: 2}] = 10 + m
	}
	counts[Leaf{Month: 2, Row: 2}] = 2 // small in February only
	counts[Leaf{Month: 7, Row: 1}] = 3 // and in July
	g, err := OneWay(3, counts)
	if err != nil {
		t.Fatal(err)
	}
	k := 5
	var perPeriod []CellID
	for _, period := range YearPeriods() {
		values := make([]int, 3)
		for r := range values {
			values[r] = g.Family.Value(g.at(t, Key{Period: period, Row: r}))
		}
		own := line(t, values...)
		res := protect(t, own.Family, k)
		if !res.Safe {
			t.Fatalf("%v on its own is unsafe", period)
		}
		for r := range values {
			if res.Pattern.Suppressed(own.at(t, Key{Row: r})) {
				perPeriod = append(perPeriod, g.at(t, Key{Period: period, Row: r}))
			}
		}
	}
	joint := audit(t, g.Family, k, perPeriod...)
	if joint.Safe {
		t.Fatal("the joint audit passed per-period protection")
	}
	feb := g.at(t, Key{Period: Month(2), Row: 2})
	if c := cellAudit(t, joint, feb); c.Hi != 2 || c.Lo != 2 {
		t.Fatalf("February's 2 should be exactly disclosed by Q1 minus January and March, got [%d, %d]", c.Lo, c.Hi)
	}
	p, _ := NewPattern(g.Family, k, perPeriod)
	if lo, hi := newAttacker(g.Family, p, true).bounds(t, feb); lo != 2 || hi != 2 {
		t.Fatalf("the test's attacker should recover 2 too, got [%v, %v]", lo, hi)
	}
	res := protect(t, g.Family, k)
	requireSafe(t, g.Family, res, true)
}

// 15 = 10 + 3 + x + x: with zeros shown, each suppressed x is at least 1,
// so both are exactly 1. An auditor that allows suppressed cells to be 0
// sees them as 0..2.
func TestZerosAreShownSoSuppressedCellsAreAtLeastOne(t *testing.T) {
	g := line(t, 10, 3, 1, 1)
	x1, x2 := g.at(t, Key{Row: 2}), g.at(t, Key{Row: 3})
	naive := audit(t, g.Family, 3, x1, x2)
	if c := cellAudit(t, naive, x1); naive.Safe || c.Lo != 1 || c.Hi != 1 {
		t.Fatalf("naive pattern: safe %v, interval [%d, %d], want exact 1", naive.Safe, c.Lo, c.Hi)
	}
	p, _ := NewPattern(g.Family, 3, []CellID{x1, x2})
	zeroAllowed := newAttacker(g.Family, p, true)
	for i := range zeroAllowed.lb {
		zeroAllowed.lb[i] = 0
	}
	if lo, hi := zeroAllowed.bounds(t, x1); lo != 0 || hi != 2 {
		t.Fatalf("an attacker ignoring shown zeros sees [%v, %v]", lo, hi)
	}
	res := protect(t, g.Family, 3)
	requireSafe(t, g.Family, res, true)
	requireEnumerated(t, g.Family, res.Pattern, 50)

	// Here an auditor allowing 0 would pass the pattern (the 1 could be 3),
	// but with both cells at least 1 the 1 is at most 2 < k.
	g = line(t, 14, 3, 2, 1)
	one, two := g.at(t, Key{Row: 3}), g.at(t, Key{Row: 2})
	if a := audit(t, g.Family, 3, one, two); a.Safe || cellAudit(t, a, one).Hi != 2 {
		t.Fatalf("pattern {2, 1} must fail: %+v", a.Cells)
	}
	requireSafe(t, g.Family, protect(t, g.Family, 3), true)
}

// A singleton: the only non-zero cell of a row. The row total equals it,
// so the whole row (zeros included) is suppressed, and the columns must
// protect it.
func TestSingletonInARow(t *testing.T) {
	g := table(t,
		[]int{0, 2, 0},
		[]int{20, 30, 40},
		[]int{25, 35, 45},
	)
	res := protect(t, g.Family, 5)
	want := map[Key]Status{
		{Row: 0, Col: 0}:     SmallLine,
		{Row: 0, Col: 1}:     Primary,
		{Row: 0, Col: 2}:     SmallLine,
		{Row: 0, Col: Total}: Primary,
	}
	for k, s := range want {
		if got := res.Pattern.Status(g.at(t, k)); got != s {
			t.Fatalf("%+v is %v, want %v", k, got, s)
		}
	}
	requireSafe(t, g.Family, res, true)
	requireEnumerated(t, g.Family, res.Pattern, 300)

	// Two singletons in one row: 1 and 1 hide only each other.
	g = line(t, 1, 1, 20, 30)
	res = protect(t, g.Family, 5)
	if !res.Pattern.Suppressed(g.at(t, Key{Row: 2})) {
		t.Fatal("two 1s in a row need a third cell")
	}
	requireSafe(t, g.Family, res, true)

	// A total with a single part is that part.
	f := NewFamily()
	part, sub, other, total := f.AddCell(3), f.AddCell(3), f.AddCell(30), f.AddCell(33)
	mustRelate(t, f, Relation{Total: sub, Parts: []CellID{part}})
	mustRelate(t, f, Relation{Total: total, Parts: []CellID{sub, other}})
	res = protect(t, f, 5)
	requireSuppressed(t, res.Pattern, part, sub, other)
	requireSafe(t, f, res, true)
}

// Two small cells whose sum is below k: their sum is shown as a
// difference, so neither can be as large as k until a third joins.
func TestSuppressedSumBelowK(t *testing.T) {
	g := line(t, 1, 2, 30, 40)
	one, two, thirty := g.at(t, Key{Row: 0}), g.at(t, Key{Row: 1}), g.at(t, Key{Row: 2})
	if a := audit(t, g.Family, 5, one, two); a.Safe || cellAudit(t, a, one).Hi != 2 {
		t.Fatal("suppressing only 1 and 2 reveals that 1 is at most 2")
	}
	res := protect(t, g.Family, 5)
	requireSuppressed(t, res.Pattern, one, two, thirty)
	if c := cellAudit(t, res.Audit, one); c.Hi != 31 {
		t.Fatalf("1 can be up to 33-1-1 = 31, audit says %d", c.Hi)
	}
	requireSafe(t, g.Family, res, true)
	requireEnumerated(t, g.Family, res.Pattern, 100)
}

func mustRelate(t *testing.T, f *Family, r Relation) {
	t.Helper()
	if err := f.AddRelation(r); err != nil {
		t.Fatal(err)
	}
}
