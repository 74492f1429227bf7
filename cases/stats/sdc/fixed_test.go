package sdc

import (
	"errors"
	"testing"
)

func TestFixedCellsAreKept(t *testing.T) {
	g := line(t, 3, 20, 30, 40)
	small, twenty, thirty, forty := g.at(t, Key{Row: 0}), g.at(t, Key{Row: 1}), g.at(t, Key{Row: 2}), g.at(t, Key{Row: 3})
	res, err := Protect(g.Family, Options{K: 5, Fixed: map[CellID]Fix{twenty: KeepPublished, forty: KeepSuppressed}})
	if err != nil {
		t.Fatal(err)
	}
	// The 40 a release hid protects the 3 already; the cheaper 20 was
	// published by the release and must stay so.
	requireSuppressed(t, res.Pattern, small, forty)
	if s := res.Pattern.Status(forty); s != Held {
		t.Fatalf("the released suppression is %v", s)
	}
	if res.Pattern.Suppressed(thirty) {
		t.Fatal("30 suppressed needlessly")
	}
	requireSafe(t, g.Family, res, true)
}

// A release can pin the family so that no protection exists: with the
// total 5 published, 3 + 2 leaves the 3 at most 4.
func TestFixedCellsCanMakeAFamilyUnsafe(t *testing.T) {
	g := line(t, 3, 2)
	total := g.at(t, Key{Row: Total})
	res, err := Protect(g.Family, Options{K: 5, Fixed: map[CellID]Fix{total: KeepPublished}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Safe || res.Audit.Safe {
		t.Fatal("an unprotectable family reported safe")
	}
	if c := cellAudit(t, res.Audit, g.at(t, Key{Row: 0})); c.Safe || c.Hi != 4 {
		t.Fatalf("3 can be proven at most 4: %+v", c)
	}
	if res.Pattern.Suppressed(total) {
		t.Fatal("a released published cell was suppressed")
	}
}

// A correction turned a released published count small: the package
// suppresses it and says the release cannot stand.
func TestCorrectedReleasedCellIsAConflict(t *testing.T) {
	g := line(t, 4, 30, 40)
	four := g.at(t, Key{Row: 0})
	res, err := Protect(g.Family, Options{K: 5, Fixed: map[CellID]Fix{four: KeepPublished}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Safe || len(res.Conflicts) != 1 || res.Conflicts[0] != four || !res.Pattern.Suppressed(four) {
		t.Fatalf("safe %v, conflicts %v", res.Safe, res.Conflicts)
	}
}

// A June release of the year so far, then the whole year in December. The
// June release showed the half-year as "the year"; that figure stays known,
// so the December family carries it as extra cells (H1 = Q1 + Q2), and
// every cell the June release showed or hid is fixed.
func TestReleaseOfTheYearSoFarIsKeptAtYearEnd(t *testing.T) {
	counts := map[Leaf]int{}
	gen := newCounts(11, 5, 0.12)
	for leaf, v := range gen.grid(Dims{Rows: 4}) {
		counts[leaf] = v
	}
	june := map[Leaf]int{}
	for leaf, v := range counts {
		if leaf.Month <= 6 {
			june[leaf] = v
		}
	}
	g1, err := OneWay(4, june)
	if err != nil {
		t.Fatal(err)
	}
	released := protect(t, g1.Family, 5)
	if !released.Safe {
		t.Fatal("June release unsafe")
	}
	g2, err := OneWay(4, counts)
	if err != nil {
		t.Fatal(err)
	}
	f := g2.Family
	fixed := map[CellID]Fix{}
	keep := func(now CellID, then CellID) {
		if released.Pattern.Suppressed(then) {
			fixed[now] = KeepSuppressed
		} else {
			fixed[now] = KeepPublished
		}
	}
	var halfYear []CellID
	for _, r := range []int{Total, 0, 1, 2, 3} {
		for _, p := range []Period{Month(1), Month(2), Month(3), Month(4), Month(5), Month(6), Quarter(1), Quarter(2)} {
			keep(g2.at(t, Key{Period: p, Row: r}), g1.at(t, Key{Period: p, Row: r}))
		}
		q1, q2 := g2.at(t, Key{Period: Quarter(1), Row: r}), g2.at(t, Key{Period: Quarter(2), Row: r})
		h1 := f.AddCell(f.Value(q1) + f.Value(q2))
		mustRelate(t, f, Relation{Total: h1, Parts: []CellID{q1, q2}})
		keep(h1, g1.at(t, Key{Period: Year(), Row: r}))
		halfYear = append(halfYear, h1)
	}
	mustRelate(t, f, Relation{Total: halfYear[0], Parts: halfYear[1:], Line: true})

	res, err := Protect(f, Options{K: 5, Fixed: fixed})
	if err != nil {
		t.Fatal(err)
	}
	held := 0
	for id, fix := range fixed {
		if res.Pattern.Suppressed(id) != (fix == KeepSuppressed) {
			t.Fatalf("cell %d changed from its release", id)
		}
		if res.Pattern.Status(id) == Held {
			held++
		}
	}
	if held == 0 {
		t.Fatal("the test data should make the June release hide a cell December would show")
	}
	requireSafe(t, f, res, true)
}

// Two releases of one scope: a month table first, then the same month in a
// family that has grown (the quarter is in). Protected afresh, the second
// pattern prefers another partner for the 3, and what each release shows
// gives the 3 away. Fixed to the first release, it does not.
func TestFixesKeepTwoReleasesFromGivingACellAway(t *testing.T) {
	first := line(t, 3, 20, 30)
	r1 := protect(t, first.Family, 5)
	requireSuppressed(t, r1.Pattern, first.at(t, Key{Row: 0}), first.at(t, Key{Row: 1}))

	f := NewFamily()
	three, twenty, thirty, total := f.AddCell(3), f.AddCell(20), f.AddCell(30), f.AddCell(53)
	later20, later30 := f.AddCell(50), f.AddCell(2)
	q20, q30 := f.AddCell(70), f.AddCell(32)
	mustRelate(t, f, Relation{Total: total, Parts: []CellID{three, twenty, thirty}, Line: true})
	mustRelate(t, f, Relation{Total: q20, Parts: []CellID{twenty, later20}})
	mustRelate(t, f, Relation{Total: q30, Parts: []CellID{thirty, later30}})
	then := map[CellID]CellID{three: first.at(t, Key{Row: 0}), twenty: first.at(t, Key{Row: 1}), thirty: first.at(t, Key{Row: 2}), total: first.at(t, Key{Row: Total})}

	known := func(p *Pattern) []CellID { // hidden by both releases
		var out []CellID
		for _, id := range p.SuppressedCells() {
			if old, ok := then[id]; !ok || r1.Pattern.Suppressed(old) {
				out = append(out, id)
			}
		}
		return out
	}
	fresh := protect(t, f, 5)
	if !fresh.Safe || !fresh.Pattern.Suppressed(thirty) || fresh.Pattern.Suppressed(twenty) {
		t.Fatalf("the fresh pattern should swap the 3's partner: %v", fresh.Pattern.status)
	}
	if a := audit(t, f, 5, known(fresh.Pattern)...); a.Safe || cellAudit(t, a, three).Hi != 3 {
		t.Fatal("both releases together should give the 3 away")
	}

	fixed := map[CellID]Fix{}
	for now, old := range then {
		fixed[now] = KeepPublished
		if r1.Pattern.Suppressed(old) {
			fixed[now] = KeepSuppressed
		}
	}
	res, err := Protect(f, Options{K: 5, Fixed: fixed})
	if err != nil {
		t.Fatal(err)
	}
	requireSafe(t, f, res, true)
	if a := audit(t, f, 5, known(res.Pattern)...); !a.Safe {
		t.Fatal("with the fixes both releases together must stay safe")
	}
}

func TestInvalidInput(t *testing.T) {
	g := line(t, 3, 20)
	if _, err := Protect(g.Family, Options{K: 2}); !errors.Is(err, ErrInvalid) {
		t.Fatalf("k = 2: %v", err)
	}
	if _, err := NewPattern(g.Family, 2, nil); !errors.Is(err, ErrInvalid) {
		t.Fatalf("pattern with k = 2: %v", err)
	}
	if _, err := Protect(g.Family, Options{K: 5, Fixed: map[CellID]Fix{99: KeepPublished}}); !errors.Is(err, ErrInvalid) {
		t.Fatalf("unknown fixed cell: %v", err)
	}
	f := NewFamily()
	a, b, total := f.AddCell(2), f.AddCell(3), f.AddCell(6)
	mustRelate(t, f, Relation{Total: total, Parts: []CellID{a, b}})
	if _, err := Protect(f, Options{K: 5}); !errors.Is(err, ErrInvalid) {
		t.Fatalf("6 = 2 + 3 accepted: %v", err)
	}
	f = NewFamily()
	f.AddCell(-1)
	if _, err := Protect(f, Options{K: 5}); !errors.Is(err, ErrInvalid) {
		t.Fatalf("negative count accepted: %v", err)
	}
	for _, r := range []Relation{
		{Total: 0, Parts: nil},
		{Total: 0, Parts: []CellID{0}},
		{Total: 0, Parts: []CellID{1, 1}},
		{Total: 0, Parts: []CellID{7}},
	} {
		f := NewFamily()
		f.AddCell(1)
		f.AddCell(1)
		if err := f.AddRelation(r); !errors.Is(err, ErrInvalid) {
			t.Fatalf("relation %+v accepted: %v", r, err)
		}
	}
	if _, err := Build(Dims{Rows: 2}, map[Leaf]int{{Month: 13}: 1}); !errors.Is(err, ErrInvalid) {
		t.Fatalf("month 13 accepted: %v", err)
	}
	if _, err := Build(Dims{Rows: 2}, map[Leaf]int{{Month: 1, Col: 1}: 1}); !errors.Is(err, ErrInvalid) {
		t.Fatalf("a column in a one-way grid accepted: %v", err)
	}
}

// A zero that a linked family already publishes stays published in a
// small line: showing a count that is public reveals nothing. A release's
// zero (KeepPublished) does not get that exemption.
func TestAKnownZeroStaysPublishedInASmallLine(t *testing.T) {
	g := line(t, 3, 0)
	zero := g.at(t, Key{Row: 1})
	res, err := Protect(g.Family, Options{K: 5, Fixed: map[CellID]Fix{zero: KeepKnown}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Pattern.Suppressed(zero) || len(res.Conflicts) > 0 {
		t.Fatalf("the known zero is %v, conflicts %v", res.Pattern.Status(zero), res.Conflicts)
	}
	res, err = Protect(g.Family, Options{K: 5, Fixed: map[CellID]Fix{zero: KeepPublished}})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Pattern.Suppressed(zero) || len(res.Conflicts) != 1 || res.Safe {
		t.Fatalf("a released zero in a small line: %v, conflicts %v, safe %v", res.Pattern.Status(zero), res.Conflicts, res.Safe)
	}
}
