package stats

// CostPartner is one partner municipality of a cost split: its key figure
// for the year and what its residents received in the report's period
// (published cells of the protected report).
type CostPartner struct {
	OrgID                             int64
	Name                              string
	Key                               int64
	Contacts, Consultations, Requests Cell
}

// Received is what residents received: contacts, remote consultations
// held and support requests.
type Received struct {
	Contacts, Consultations, Requests Cell
}

// CostInput is a project's cost split for a year.
type CostInput struct {
	PartnersShare float64 // the partners' share of the budget, percent
	Budget        float64 // euros, when HasBudget
	HasBudget     bool
	Partners      []CostPartner
	// Totals are the published totals over the partners' residents. A
	// total that is not shown is taken as the sum of the partners' cells
	// when all of those are shown, and stays suppressed otherwise.
	Totals Received
}

// CostRow is one municipality's share of the cost beside what its
// residents received, or the total row.
type CostRow struct {
	OrgID    int64
	Name     string
	Total    bool
	Key      int64
	KeyShare Cell // the key as a percentage of all partners' keys
	Budget   Cell // the share of the whole budget, percent
	Euros    Cell // the share in euros; not shown without a budget
	HasEuros bool
	// NoKey: no partner has a key figure, so no share exists.
	NoKey bool

	Received
	ContactsShare, ConsultationsShare, RequestsShare Cell // of the total, percent
}

// CostShares splits the partners' share of the budget by key figure:
// partner i pays PartnersShare × key_i / Σ keys percent of the budget.
// The received figures' shares of the total are computed from published
// cells only and are suppressed with them. The last row is the total.
func CostShares(in CostInput) []CostRow {
	var keys int64
	for _, p := range in.Partners {
		keys += p.Key
	}
	totals := Received{
		Contacts:      costTotal(in.Totals.Contacts, in.Partners, func(p CostPartner) Cell { return p.Contacts }),
		Consultations: costTotal(in.Totals.Consultations, in.Partners, func(p CostPartner) Cell { return p.Consultations }),
		Requests:      costTotal(in.Totals.Requests, in.Partners, func(p CostPartner) Cell { return p.Requests }),
	}
	rows := make([]CostRow, 0, len(in.Partners)+1)
	for _, p := range in.Partners {
		r := CostRow{OrgID: p.OrgID, Name: p.Name, Key: p.Key, NoKey: keys == 0,
			Received: Received{Contacts: p.Contacts, Consultations: p.Consultations, Requests: p.Requests}}
		part := 0.0
		if keys > 0 {
			part = float64(p.Key) / float64(keys)
		}
		in.price(&r, part)
		r.shares(totals)
		rows = append(rows, r)
	}
	total := CostRow{Total: true, Key: keys, NoKey: keys == 0, Received: totals}
	in.price(&total, 1)
	total.shares(totals)
	return append(rows, total)
}

// price fills the key-derived figures for a part (0..1) of the partners'
// share.
func (in CostInput) price(r *CostRow, part float64) {
	r.KeyShare = Cell{Value: part * 100, Shown: true, Kind: Percent}
	r.Budget = Cell{Value: in.PartnersShare * part, Shown: true, Kind: Percent}
	r.HasEuros = in.HasBudget
	if in.HasBudget {
		r.Euros = Cell{Value: in.Budget * in.PartnersShare / 100 * part, Shown: true, Kind: Magnitude}
	}
}

func (r *CostRow) shares(totals Received) {
	r.ContactsShare = shareOf(r.Contacts, totals.Contacts)
	r.ConsultationsShare = shareOf(r.Consultations, totals.Consultations)
	r.RequestsShare = shareOf(r.Requests, totals.Requests)
}

// shareOf is part / total in percent, from two published cells only.
func shareOf(part, total Cell) Cell {
	if !part.Shown || !total.Shown {
		return Cell{Kind: Percent}
	}
	if total.Value <= 0 {
		return Cell{Value: 0, Shown: true, Kind: Percent}
	}
	return Cell{Value: part.Value / total.Value * 100, Shown: true, Kind: Percent}
}

// costTotal is the published total, or the sum of the partners' cells
// when every one of them is published (then the sum is public anyway).
func costTotal(given Cell, partners []CostPartner, of func(CostPartner) Cell) Cell {
	if given.Shown {
		return given
	}
	sum := Cell{Shown: true, Kind: Count}
	for _, p := range partners {
		c := of(p)
		if !c.Shown {
			return Cell{Kind: Count}
		}
		sum.Value += c.Value
	}
	return sum
}
