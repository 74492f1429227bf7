package sdc

// Fix pins a cell to what an earlier release showed, so that a later
// pattern of the same scope and year can never show what the release hid,
// and its audit reasons with what the release showed.
type Fix uint8

const (
	// KeepPublished: the release showed the count, so an attacker knows it.
	KeepPublished Fix = iota + 1
	// KeepSuppressed: the release hid the cell; it stays hidden.
	KeepSuppressed
	// KeepKnown: a linked family protected before this one publishes the
	// same count, so it is published here too, even as a zero in a small
	// line: showing a count that is already public reveals nothing new.
	KeepKnown
)

// published reports whether a fix keeps the cell published.
func (f Fix) published() bool { return f == KeepPublished || f == KeepKnown }

// smallLineCells marks every cell of a Line relation whose total holds
// 1..k-1 units.
func smallLineCells(f *Family, k int) []bool {
	out := make([]bool, f.Len())
	for _, r := range f.relations {
		if !r.Line || !isSmall(f.values[r.Total], k) {
			continue
		}
		out[r.Total] = true
		for _, p := range r.Parts {
			out[p] = true
		}
	}
	return out
}

// primaryStatus applies the primary rules and the fixes: 1..k-1 is
// Primary, every other cell of a small line is SmallLine (a non-zero cell
// of a small line is itself small, so only zeros remain), and a cell a
// release suppressed is Held. A release's published cell that is now small
// is returned as a conflict: it stays suppressed, and the caller learns
// that the release can no longer be kept.
func primaryStatus(f *Family, k int, fixed map[CellID]Fix) (status []Status, conflicts []CellID) {
	status = make([]Status, f.Len())
	small := smallLineCells(f, k)
	for i, v := range f.values {
		id := CellID(i)
		switch {
		case isSmall(v, k):
			status[i] = Primary
		case small[i] && fixed[id] != KeepKnown:
			status[i] = SmallLine
		case fixed[id] == KeepSuppressed:
			status[i] = Held
		}
		if fixed[id].published() && status[i].Suppressed() {
			conflicts = append(conflicts, id)
		}
	}
	return status, conflicts
}
