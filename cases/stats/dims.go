package stats

// dim is one breakdown of contacts: a rollup dimension and how its
// categories relate. A partition gives every contact exactly one category,
// so each period's categories sum to its total; a multi-valued dimension
// (topics, service languages) counts a contact in each of its values and
// has no such sum.
type dim struct {
	ID       string
	Taxonomy string // taxonomy kind of the codes, "" for Neuvo's own categories
	Multi    bool
	Filtered bool // protected and offered for every filter value
}

// FilterDims are the dimensions a report can be narrowed to one value of.
var FilterDims = []string{"advice_point", "channel", "kind"}

// contactDimList in protection order. The filter dimensions come first and
// are protected with every value of the other two (a report narrowed to
// phone contacts shows kinds and advice points of phone contacts); the
// other breakdowns are protected for the whole scope only, since each
// filter value multiplies a family's cells and the audit's cost grows
// faster than that (docs/statistics.md).
var contactDimList = []dim{
	{ID: "kind", Taxonomy: "contact_kind"},
	{ID: "channel", Taxonomy: "channel"},
	{ID: "advice_point"},
	{ID: "visit"},
	{ID: "duration"},
	{ID: "topic", Taxonomy: "topic", Multi: true},
	{ID: "interpreter", Taxonomy: "interpreter"},
	{ID: "residence_basis", Taxonomy: "residence_basis"},
	{ID: "country_group", Taxonomy: "country_group"},
	{ID: "age_band", Taxonomy: "age_band"},
	{ID: "gender", Taxonomy: "gender"},
	{ID: "municipality"},
	{ID: "time_in_finland", Taxonomy: "time_in_finland"},
	{ID: "labour_market", Taxonomy: "labour_market"},
	{ID: "outcome", Taxonomy: "outcome"},
	{ID: "client_language", Taxonomy: "language"},
	{ID: "service_language", Taxonomy: "language", Multi: true},
	{ID: "topic_detail", Taxonomy: "topic", Multi: true},
}

// cross is an offered two-way table, over the whole scope (no filter).
type cross struct{ Rows, Cols string }

var crossList = []cross{
	{Rows: "age_band", Cols: "gender"},
	{Rows: "channel", Cols: "kind"},
}

func (c cross) id() string { return c.Rows + "*" + c.Cols }

func dimByID(id string) (dim, bool) {
	for _, d := range contactDimList {
		if d.ID == id {
			return d, true
		}
	}
	return dim{}, false
}

// ownCategories are the codes of dimensions without a taxonomy, in order.
var ownCategories = map[string][]string{
	"visit":        {"first", "follow_up", "no_client"},
	"duration":     {"under_15", "15_30", "30_60", "over_60"},
	"municipality": {"hub", "other", "unknown"}, // and "p<org id>" per partner
}

// consultationStatuses are the rows of the consultation table.
var consultationStatuses = []string{"booked", "held", "no_show", "cancelled"}
