package jobs

import "time"

// finland is where "daily at 14:00" is meant; every user is in Finland.
var finland = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Helsinki")
	if err != nil {
		panic("time zone data for Europe/Helsinki is missing: " + err.Error())
	}
	return loc
}()

// dailyAt is a River schedule: the next hour:minute in Finland after a
// moment, across daylight-saving changes.
type dailyAt struct{ hour, minute int }

func (d dailyAt) Next(after time.Time) time.Time {
	local := after.In(finland)
	next := time.Date(local.Year(), local.Month(), local.Day(), d.hour, d.minute, 0, 0, finland)
	if !next.After(after) {
		next = time.Date(local.Year(), local.Month(), local.Day()+1, d.hour, d.minute, 0, 0, finland)
	}
	return next
}
