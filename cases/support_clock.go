package cases

import (
	"time"

	"neuvo/cases/workcal"
)

// supportClock counts a request's time on the working calendar against
// the hub's targets. The clock stops while the hub waits for the
// requester (waiting_since): after asking for clarification, and after an
// answer until a follow-up reopens the request.
type supportClock struct {
	cal     *workcal.Calendar
	targets Targets
}

func newSupportClock(targets Targets) supportClock {
	return supportClock{cal: SupportCalendar(), targets: targets}
}

// due is when a request filed (or reopened) at from reaches its target.
func (k supportClock) due(urgency string, from time.Time) time.Time {
	t, _ := k.cal.Due(from, k.targets[urgency].Target, nil)
	return t
}

// resume ends a wait at now. The waited working time is added to the
// pauses, and the due time moves on by what was left when the wait began;
// a request that was already late stays late from the same moment.
func (k supportClock) resume(r *SupportRequest, now time.Time) {
	if r.WaitingSince == nil {
		return
	}
	since := *r.WaitingSince
	r.PausedSeconds += seconds(k.cal.Between(since, now))
	if since.Before(r.DueAt) {
		r.DueAt = k.cal.Add(now, k.cal.Between(since, r.DueAt))
	}
	r.WaitingSince = nil
}

// left is the working time left before the target at now, negative once
// it has passed; running is false while the clock is stopped.
func (k supportClock) left(r SupportRequest, now time.Time) (left time.Duration, running bool) {
	at, running := now, true
	if r.WaitingSince != nil {
		at, running = *r.WaitingSince, false
	}
	if at.Before(r.DueAt) {
		return k.cal.Between(at, r.DueAt), running
	}
	return -k.cal.Between(r.DueAt, at), running
}

// near reports whether a request with left working time has used its
// target's near share (or more).
func (k supportClock) near(urgency string, left time.Duration) bool {
	t := k.targets[urgency]
	return float64(left) <= (1-t.NearShare)*float64(k.cal.Length(t.Target))
}

// worked is the working time since the request was filed, less pauses.
func (k supportClock) worked(r SupportRequest, now time.Time) int {
	return max(0, seconds(k.cal.Between(r.CreatedAt, now))-r.PausedSeconds)
}

func seconds(d time.Duration) int { return int(d / time.Second) }

// TimeLeft is how a request stands against its target at a moment.
type TimeLeft struct {
	Left    time.Duration // negative when overdue
	Running bool          // false while the hub waits for the requester
	Near    bool          // the near share of the target is used
	Overdue bool
}

// Minutes is the time left in whole minutes, for display.
func (t TimeLeft) Minutes() int { return int(t.Left / time.Minute) }

// StandingOf says how an open request stands at now.
func StandingOf(r SupportRequest, targets Targets, now time.Time) TimeLeft {
	k := newSupportClock(targets)
	left, running := k.left(r, now)
	return TimeLeft{Left: left, Running: running, Near: left > 0 && k.near(r.Urgency, left), Overdue: left <= 0}
}
