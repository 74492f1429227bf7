package stats

import "strconv"

// cell is the figure at a table's row and column codes; hidden when the
// table, row or column is not in the report.
func (r *Report) cell(table, row, col string) Cell {
	for _, t := range r.Tables {
		if t.ID != table {
			continue
		}
		for i, rl := range t.Rows {
			if rl.Code != row {
				continue
			}
			for j, cl := range t.Cols {
				if cl.Code == col {
					return t.Cells[i][j]
				}
			}
		}
	}
	return Cell{Kind: Count}
}

// Done is a project measure's protected figure for the report's period:
// for the whole project (orgID 0) or for one partner municipality's
// residents. Support requests are counted in their own view and read as
// hidden here.
func (r *Report) Done(measure string, orgID int64) Cell {
	if orgID == 0 {
		switch measure {
		case "contacts", "unique_clients", "new_clients":
			return r.cell("months", "total", measure)
		case "consultations_held":
			return r.cell("consultations", "total", "held")
		}
		return Cell{Kind: Count}
	}
	id := strconv.FormatInt(orgID, 10)
	switch measure {
	case "contacts":
		return r.cell("municipality", "p"+id, "contacts")
	case "consultations_held":
		return r.cell("consultations", id, "held")
	}
	return Cell{Kind: Count}
}

// ReceivedBy is what a partner municipality's residents received in the
// report's period: contacts and consultations booked (support requests are
// in their own view, hidden here).
func (r *Report) ReceivedBy(orgID int64) Received {
	id := strconv.FormatInt(orgID, 10)
	return Received{
		Contacts:      r.cell("municipality", "p"+id, "contacts"),
		Consultations: r.cell("consultations", id, "total"),
		Requests:      Cell{Kind: Count},
	}
}
