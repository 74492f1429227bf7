package stats

import "time"

// ProgressRow is one target of a project against what was done.
//
// Done is a published cell of the protected report. Everything computed
// from it (the shares and the forecast) is suppressed with it, so that no
// derived figure reveals a suppressed count. The target and its pro-rated
// part are the admin's own figures and are always shown.
type ProgressRow struct {
	Measure  string
	OrgID    int64  // 0: the whole project
	Label    string // the caller's heading of the row (measure, municipality)
	Target   Cell
	Done     Cell
	ProRated Cell // the target for the elapsed part of the period
	Share    Cell // done as a percentage of the target
	Pace     Cell // done as a percentage of the pro-rated target
	Forecast Cell // done at the current pace, extrapolated to the period's end

	Elapsed float64 // months of the period elapsed, see Progress
	Months  int     // length of the period

	// NoShare: the target is not positive, so no share exists. NoPace and
	// NoForecast: nothing of the period has elapsed yet. Pages show "–"
	// for these, never the suppression marker.
	NoShare, NoPace, NoForecast bool
}

// projectZone is where months begin and end: every user is in Finland.
var projectZone = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Helsinki")
	if err != nil {
		return time.FixedZone("EET", 2*3600)
	}
	return loc
}()

// ElapsedMonths is how much of a period [from, to] has passed at asOf, in
// months: the whole months before asOf's month plus the elapsed fraction
// of asOf's own month (by time, in Finnish time), between 0 and the
// period's length. A fraction, not whole months, so that the pro-rated
// target grows day by day instead of jumping on the first of each month.
func ElapsedMonths(from, to Month, asOf time.Time) float64 {
	asOf = asOf.In(projectZone)
	length := float64(ProjectMonths(from, to))
	cur := projectMonthOf(asOf)
	start := time.Date(cur.Year, cur.Month, 1, 0, 0, 0, 0, projectZone)
	end := start.AddDate(0, 1, 0)
	fraction := asOf.Sub(start).Seconds() / end.Sub(start).Seconds()
	elapsed := float64(projectMonthIndex(cur)-projectMonthIndex(from)) + fraction
	switch {
	case elapsed < 0:
		return 0
	case elapsed > length:
		return length
	}
	return elapsed
}

// Progress compares a target over the period [from, to] with what was
// done by asOf.
func Progress(target float64, done Cell, period [2]Month, asOf time.Time) ProgressRow {
	months := ProjectMonths(period[0], period[1])
	elapsed := ElapsedMonths(period[0], period[1], asOf)
	r := ProgressRow{Target: Cell{Value: target, Shown: true, Kind: Count}, Done: done, Elapsed: elapsed, Months: months}
	r.Done.Kind = Count
	proRated := 0.0
	if months > 0 {
		proRated = target * elapsed / float64(months)
	}
	r.ProRated = Cell{Value: proRated, Shown: true, Kind: Count}
	r.NoShare = target <= 0
	r.NoPace = r.NoShare || elapsed <= 0
	r.NoForecast = elapsed <= 0
	r.Share = derived(done, !r.NoShare, func() float64 { return done.Value / target * 100 }, Percent)
	r.Pace = derived(done, !r.NoPace, func() float64 { return done.Value / proRated * 100 }, Percent)
	r.Forecast = derived(done, !r.NoForecast, func() float64 { return done.Value / elapsed * float64(months) }, Count)
	return r
}

// derived is a figure computed from a published cell: suppressed when the
// cell is, absent (zero, not shown) when it does not exist.
func derived(from Cell, exists bool, value func() float64, kind CellKind) Cell {
	if !from.Shown || !exists {
		return Cell{Kind: kind}
	}
	return Cell{Value: value(), Shown: true, Kind: kind}
}
