package stats

// ContactsPerFTE is contacts divided by the advisers' full-time
// equivalents: suppressed when the contacts cell is. With no staffing
// (fte 0 or less) there is no such figure: the cell is not shown, and
// callers leave the row out rather than show it (check HasStaffing).
func ContactsPerFTE(contacts Cell, fte float64) Cell {
	if !contacts.Shown || !HasStaffing(fte) {
		return Cell{Kind: Ratio}
	}
	return Cell{Value: contacts.Value / fte, Shown: true, Kind: Ratio}
}

// HasStaffing reports whether a per-FTE figure exists.
func HasStaffing(fte float64) bool { return fte > 0 }
