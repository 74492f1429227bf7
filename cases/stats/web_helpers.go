package stats

// SectionTables is one section of a report and its tables, in the order
// the report gives them.
type SectionTables struct {
	Section string
	Tables  []Table
}

// Sections groups the report's tables by section, the sections in the
// order they first appear. Pages and exports both read a report through
// this, so an export holds the tables in the order the screen shows them.
func (r *Report) Sections() []SectionTables {
	var out []SectionTables
	at := map[string]int{}
	for _, t := range r.Tables {
		i, ok := at[t.Section]
		if !ok {
			i = len(out)
			at[t.Section] = i
			out = append(out, SectionTables{Section: t.Section})
		}
		out[i].Tables = append(out[i].Tables, t)
	}
	return out
}

// Number is a published cell's value as the page shows it: whole for
// counts and magnitudes, one decimal for shares and ratios. It is 0 for a
// suppressed cell, which no caller may print as a number.
func (c Cell) Number() float64 {
	if !c.Shown {
		return 0
	}
	return figureValue(c)
}
