package cases

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/riverqueue/river"

	"neuvo/cases/jobs"
	"neuvo/cases/workcal"
)

// ReminderHour is when, in Finnish time, the working day's reminders go.
const ReminderHour = 14

// ConsultationRemindersArgs is the daily reminder run.
type ConsultationRemindersArgs struct{}

// Kind names the job.
func (ConsultationRemindersArgs) Kind() string { return "consultation_reminders" }

// ConsultationReminders works ConsultationRemindersArgs.
type ConsultationReminders struct {
	river.WorkerDefaults[ConsultationRemindersArgs]
	db   *sqlx.DB
	mail *ConsultationMail
	now  func() time.Time
}

// Work reminds of the consultations before the next working day.
func (w *ConsultationReminders) Work(ctx context.Context, _ *river.Job[ConsultationRemindersArgs]) error {
	_, err := SendConsultationReminders(ctx, w.db, w.mail, w.now())
	return err
}

// ReminderWindow is what a run on now's day covers: from tomorrow up to
// and including the next working day, so Friday's run covers the weekend
// and Monday, and a consultation after a holiday is reminded of the
// working day before it. A day off reminds of nothing (ok false).
func ReminderWindow(cal *workcal.Calendar, now time.Time) (from, to time.Time, ok bool) {
	today := workcal.DateOf(now)
	if !cal.IsWorkingDay(today) {
		return from, to, false
	}
	next := today.AddDays(1)
	for !cal.IsWorkingDay(next) {
		next = next.AddDays(1)
	}
	tomorrow, after := today.AddDays(1), next.AddDays(1)
	return time.Date(tomorrow.Year, tomorrow.Month, tomorrow.Day, 0, 0, 0, 0, Finland),
		time.Date(after.Year, after.Month, after.Day, 0, 0, 0, 0, Finland), true
}

// SendConsultationReminders reminds, hub by hub, the adviser, the partner
// contact and an invited client of every booked consultation in the
// window, once each (reminded_at, cleared by a reschedule). It returns how
// many consultations it reminded of.
func SendConsultationReminders(ctx context.Context, db *sqlx.DB, mail *ConsultationMail, now time.Time) (int, error) {
	from, to, ok := ReminderWindow(mail.Calendar, now)
	if !ok {
		return 0, nil
	}
	orgs, err := jobs.Organisations(ctx, db)
	if err != nil {
		return 0, err
	}
	total := 0
	for _, org := range orgs {
		err := jobs.InOrganisation(ctx, db, org, func(tx *sqlx.Tx) error {
			n, err := mail.remindIn(ctx, tx, from, to)
			total += n
			return err
		})
		if err != nil {
			return total, err
		}
	}
	return total, nil
}

func (m *ConsultationMail) remindIn(ctx context.Context, tx *sqlx.Tx, from, to time.Time) (int, error) {
	var ids []int64
	err := tx.SelectContext(ctx, &ids, `SELECT id FROM consultations WHERE org_id = app_org_id()
		AND app_hub_network_id() IS NOT NULL AND status = 'booked' AND reminded_at IS NULL
		AND starts_at >= $1 AND starts_at < $2 ORDER BY starts_at FOR UPDATE SKIP LOCKED`, from, to)
	if err != nil {
		return 0, err
	}
	for _, id := range ids {
		c, err := hubConsultation(ctx, tx, id)
		if err != nil {
			return 0, err
		}
		if err := m.tellStaff(ctx, tx, c, "reminder", 0, nil); err != nil {
			return 0, err
		}
		if err := m.tellClient(ctx, tx, c, "reminder"); err != nil {
			return 0, err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE consultations SET reminded_at = now() WHERE id = $1`, id); err != nil {
			return 0, err
		}
	}
	return len(ids), nil
}
