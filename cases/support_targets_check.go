package cases

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/riverqueue/river"

	"neuvo/cases/jobs"
	"neuvo/cases/notify"
)

// SupportTargetCheckEvery is how often open requests are checked against
// their targets; a reminder may come this much after the moment.
const SupportTargetCheckEvery = 5 * time.Minute

// SupportTargetCheckArgs is the periodic check of every hub's open
// requests against their response targets.
type SupportTargetCheckArgs struct{}

func (SupportTargetCheckArgs) Kind() string { return "support_target_check" }

// SupportTargetWorker reminds the expert of a request near its target
// and tells the hub's coordinators (and the expert) of one past it, once
// each; the queue marks both whatever the reminders did.
type SupportTargetWorker struct {
	river.WorkerDefaults[SupportTargetCheckArgs]
	db       *sqlx.DB
	notifier SupportNotifier
	now      func() time.Time
}

// SupportJobs are the support requests' workers: the target check and
// the notices. The outbox is built after the job client, so the caller
// hands it over with Use before starting the client.
type SupportJobs struct {
	targets *SupportTargetWorker
	notices *SupportNotices
}

// RegisterSupportJobs adds the target check and the notice worker to the
// job registry.
func RegisterSupportJobs(reg *jobs.Registry, db *sqlx.DB) *SupportJobs {
	j := &SupportJobs{targets: &SupportTargetWorker{db: db, now: time.Now}, notices: &SupportNotices{db: db}}
	jobs.Register(reg, j.targets)
	jobs.Register(reg, j.notices)
	reg.Every(SupportTargetCheckEvery, SupportTargetCheckArgs{})
	return j
}

// Use sets the outbox the workers notify through; call it before the job
// client starts.
func (j *SupportJobs) Use(outbox *notify.Outbox) {
	j.targets.notifier = OutboxNotifier{Outbox: outbox}
	j.notices.outbox = outbox
}

func (w *SupportTargetWorker) Work(ctx context.Context, _ *river.Job[SupportTargetCheckArgs]) error {
	var hubs []int64
	if err := w.db.SelectContext(ctx, &hubs, `SELECT id FROM organisations WHERE active AND kind = 'hub' ORDER BY id`); err != nil {
		return err
	}
	for _, hub := range hubs {
		err := jobs.InOrganisation(ctx, w.db, hub, func(tx *sqlx.Tx) error {
			_, err := CheckSupportTargets(ctx, tx, w.notifier, w.now())
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// CheckSupportTargets runs in a hub's scope: each open request whose clock
// runs and that is newly near its target reminds its expert (or, without
// one, its group); each newly past its target tells the coordinators and
// the expert. What was told is recorded on the request in the same
// transaction, so a rerun tells nobody twice. It returns how many
// requests it reminded about.
func CheckSupportTargets(ctx context.Context, tx *sqlx.Tx, n SupportNotifier, now time.Time) (int, error) {
	var due []SupportRequest
	err := sqlx.SelectContext(ctx, tx, &due, `SELECT `+supportColumns+supportFrom+`
		WHERE r.hub_id = app_org_id() AND r.status IN ('new', 'assigned') AND r.waiting_since IS NULL
		AND (r.near_notified_at IS NULL OR r.overdue_notified_at IS NULL) ORDER BY r.id FOR UPDATE OF r`)
	if err != nil {
		return 0, err
	}
	targets, err := HubTargets(ctx, tx)
	if err != nil {
		return 0, err
	}
	coordinators, err := hubCoordinators(ctx, tx)
	if err != nil {
		return 0, err
	}
	told := 0
	for _, r := range due {
		standing := StandingOf(r, targets, now)
		kind, users := "", []int64(nil)
		switch {
		case standing.Overdue && r.OverdueNotifiedAt == nil:
			kind, users = NoticeOverdue, coordinators
			if r.AssignedTo != nil {
				users = append(without(users, *r.AssignedTo), *r.AssignedTo)
			}
		case standing.Near && r.NearNotifiedAt == nil:
			kind = NoticeNear
			if users, err = holders(ctx, tx, r); err != nil {
				return told, err
			}
		default:
			continue
		}
		// Past the target, the near reminder is moot: both are recorded.
		if _, err := tx.ExecContext(ctx, `UPDATE support_requests SET near_notified_at = coalesce(near_notified_at, $2),
			overdue_notified_at = CASE WHEN $3 THEN $2 ELSE overdue_notified_at END WHERE id = $1`,
			r.ID, now, kind == NoticeOverdue); err != nil {
			return told, err
		}
		notice := SupportNotice{Kind: kind, OrgID: r.HubID, UserIDs: users, RequestID: r.ID, Number: r.Number}
		if err := sendNotice(ctx, tx, n, notice); err != nil {
			return told, err
		}
		told++
	}
	return told, nil
}

// holders are who answers for a request: its expert, else its group.
func holders(ctx context.Context, q sqlx.QueryerContext, r SupportRequest) ([]int64, error) {
	switch {
	case r.AssignedTo != nil:
		return []int64{*r.AssignedTo}, nil
	case r.AssignedGroupID != nil:
		return groupMembers(ctx, q, *r.AssignedGroupID)
	}
	return nil, nil
}
