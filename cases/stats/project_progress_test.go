package stats

import (
	"math"
	"testing"
	"time"
)

func shown(v float64) Cell { return Cell{Value: v, Shown: true, Kind: Count} }

var suppressed = Cell{Kind: Count}

func helsinki(y int, m time.Month, d, h int) time.Time {
	return time.Date(y, m, d, h, 0, 0, 0, projectZone)
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

func TestElapsedMonthsCountsWholeMonthsAndTheFractionOfTheCurrentOne(t *testing.T) {
	from, to := Month{2025, time.September}, Month{2027, time.August} // 24 months
	for _, c := range []struct {
		name string
		asOf time.Time
		want float64
	}{
		{"before the start", helsinki(2025, time.August, 31, 23), 0},
		{"the first instant", helsinki(2025, time.September, 1, 0), 0},
		{"half of the first month", helsinki(2025, time.September, 16, 0), 0.5},
		{"a year in", helsinki(2026, time.September, 1, 0), 12},
		{"a year and a half of April", helsinki(2026, time.April, 16, 0), 7.5},
		{"after the end", helsinki(2028, time.January, 10, 0), 24},
		{"Helsinki midnight is 21:00 UTC in summer", time.Date(2025, time.August, 31, 21, 0, 0, 0, time.UTC), 0},
		{"an hour into September in Helsinki, still August in UTC", time.Date(2025, time.August, 31, 22, 0, 0, 0, time.UTC), 1.0 / 720},
	} {
		if got := ElapsedMonths(from, to, c.asOf); !near(got, c.want) {
			t.Errorf("%s: %.4f months, want %.4f", c.name, got, c.want)
		}
	}
}

func TestProgressDerivesEverythingFromPublishedDoneOnly(t *testing.T) {
	period := [2]Month{{2026, time.January}, {2026, time.December}} // 12 months
	for _, c := range []struct {
		name                         string
		target                       float64
		done                         Cell
		asOf                         time.Time
		proRated                     float64
		share, pace, forecast        float64
		showShare, showPace, showFor bool
		noShare, noPace, noForecast  bool
	}{
		{name: "on pace at mid-year", target: 1200, done: shown(600), asOf: helsinki(2026, time.July, 1, 0),
			proRated: 600, share: 50, pace: 100, forecast: 1200, showShare: true, showPace: true, showFor: true},
		{name: "behind after three months", target: 1200, done: shown(150), asOf: helsinki(2026, time.April, 1, 0),
			proRated: 300, share: 12.5, pace: 50, forecast: 600, showShare: true, showPace: true, showFor: true},
		{name: "suppressed done hides every derived figure", target: 100, done: suppressed, asOf: helsinki(2026, time.July, 1, 0),
			proRated: 50},
		{name: "zero done is a published zero", target: 100, done: shown(0), asOf: helsinki(2026, time.July, 1, 0),
			proRated: 50, share: 0, pace: 0, forecast: 0, showShare: true, showPace: true, showFor: true},
		{name: "not started: no pace and no forecast", target: 100, done: shown(0), asOf: helsinki(2025, time.December, 1, 0),
			proRated: 0, share: 0, showShare: true, noPace: true, noForecast: true},
		{name: "period over: forecast is what was done", target: 100, done: shown(130), asOf: helsinki(2027, time.March, 1, 0),
			proRated: 100, share: 130, pace: 130, forecast: 130, showShare: true, showPace: true, showFor: true},
		{name: "no target: no share", target: 0, done: shown(10), asOf: helsinki(2026, time.July, 1, 0),
			proRated: 0, forecast: 20, showFor: true, noShare: true, noPace: true},
	} {
		r := Progress(c.target, c.done, period, c.asOf)
		if !r.Target.Shown || r.Target.Value != c.target || !r.ProRated.Shown || !near(r.ProRated.Value, c.proRated) {
			t.Errorf("%s: target %+v pro-rated %+v, want %v and %v", c.name, r.Target, r.ProRated, c.target, c.proRated)
		}
		if r.Done != c.done {
			t.Errorf("%s: done %+v, want %+v", c.name, r.Done, c.done)
		}
		check := func(what string, got Cell, show bool, want float64) {
			if got.Shown != show || (show && !near(got.Value, want)) {
				t.Errorf("%s: %s %+v, want shown=%v %v", c.name, what, got, show, want)
			}
		}
		check("share", r.Share, c.showShare, c.share)
		check("pace", r.Pace, c.showPace, c.pace)
		check("forecast", r.Forecast, c.showFor, c.forecast)
		if r.NoShare != c.noShare || r.NoPace != c.noPace || r.NoForecast != c.noForecast {
			t.Errorf("%s: absent share/pace/forecast %v/%v/%v, want %v/%v/%v", c.name,
				r.NoShare, r.NoPace, r.NoForecast, c.noShare, c.noPace, c.noForecast)
		}
		if r.Months != 12 {
			t.Errorf("%s: %d months", c.name, r.Months)
		}
	}
}

func TestSuppressedProgressShowsTheMarkerOnly(t *testing.T) {
	r := Progress(100, suppressed, [2]Month{{2026, time.January}, {2026, time.December}}, helsinki(2026, time.July, 1, 0))
	for name, c := range map[string]Cell{"done": r.Done, "share": r.Share, "pace": r.Pace, "forecast": r.Forecast} {
		if got := c.Text("fi"); got != Marker {
			t.Errorf("%s shows %q, want the marker", name, got)
		}
	}
	if got := r.ProRated.Text("fi"); got != "50" {
		t.Errorf("pro-rated target %q, want 50", got)
	}
}

func TestProjectProgressTakesEachTargetsDoneCell(t *testing.T) {
	p := Project{From: Month{2026, time.January}, To: Month{2026, time.December}}
	targets := []Target{{"contacts", 0, 1200}, {"contacts", 7, 120}, {"consultations_held", 0, 100}}
	done := map[[2]any]Cell{{"contacts", int64(0)}: shown(600), {"contacts", int64(7)}: suppressed,
		{"consultations_held", int64(0)}: shown(25)}
	rows := ProjectProgress(p, targets, func(m string, org int64) Cell { return done[[2]any{m, org}] },
		helsinki(2026, time.July, 1, 0))
	if len(rows) != 3 || rows[1].Measure != "contacts" || rows[1].OrgID != 7 {
		t.Fatalf("rows %+v", rows)
	}
	if !rows[0].Share.Shown || !near(rows[0].Share.Value, 50) || rows[1].Share.Shown || !near(rows[2].Forecast.Value, 50) {
		t.Errorf("shares %+v %+v, forecast %+v", rows[0].Share, rows[1].Share, rows[2].Forecast)
	}
}
