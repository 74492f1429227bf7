package cases

import (
	"context"
	"errors"
	"slices"

	"github.com/jmoiron/sqlx"
	"github.com/riverqueue/river"

	"neuvo/cases/jobs"
	"neuvo/cases/notify"
)

// OutboxNotifier sends support notices as consultation notices go: the
// transaction that causes a notice queues a job, and the job writes the
// in-app notices and e-mails in the recipients' own organisation once that
// transaction commits. A partner's follow-up is mailed from the hub's
// outbox to the hub's experts, an answer from the partner's outbox to its
// worker, and each organisation's admin sees its own people's mail.
type OutboxNotifier struct{ Outbox *notify.Outbox }

// NotifySupport queues the notice in the caller's transaction.
func (o OutboxNotifier) NotifySupport(ctx context.Context, q sqlx.ExtContext, n SupportNotice) error {
	tx, ok := q.(*sqlx.Tx)
	if !ok {
		return errors.New("support notices are sent in the transaction that causes them")
	}
	ins := o.Outbox.Jobs()
	if ins == nil {
		return errors.New("support notices need the outbox's job client")
	}
	return ins.InsertTx(ctx, tx, SupportNoticeArgs{OrgID: n.OrgID, RequestID: n.RequestID, Notice: n.Kind,
		UserIDs: n.UserIDs, Holders: n.Holders, Skip: n.Skip}, nil)
}

// SupportNoticeArgs is the job of one support notice. It carries ids and
// the notice's kind only (River's tables have no row-level security).
type SupportNoticeArgs struct {
	OrgID     int64   `json:"org_id"` // the recipients' organisation, whose scope the job runs in
	RequestID int64   `json:"request_id"`
	Notice    string  `json:"notice"`
	UserIDs   []int64 `json:"user_ids,omitempty"`
	Holders   bool    `json:"holders,omitempty"` // also the request's expert and its group's members, read by the hub
	Skip      int64   `json:"skip,omitempty"`    // the user who caused it
}

// Kind names the job.
func (SupportNoticeArgs) Kind() string { return "support_notice" }

// SupportNotices works SupportNoticeArgs in the recipients' organisation.
type SupportNotices struct {
	river.WorkerDefaults[SupportNoticeArgs]
	db     *sqlx.DB
	outbox *notify.Outbox
}

// Work tells each recipient: in the app and, when mail is on, by e-mail
// from the recipients' organisation's outbox. A request the organisation
// no longer sees tells nobody.
func (w *SupportNotices) Work(ctx context.Context, job *river.Job[SupportNoticeArgs]) error {
	a := job.Args
	return jobs.InOrganisation(ctx, w.db, a.OrgID, func(tx *sqlx.Tx) error {
		r, err := getSupportRequest(ctx, tx, a.RequestID, false)
		if errors.Is(err, ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		users := slices.Clone(a.UserIDs)
		if a.Holders && r.IsHub(a.OrgID) {
			held, err := allHolders(ctx, tx, r)
			if err != nil {
				return err
			}
			users = append(users, held...)
		}
		slices.Sort(users)
		notice := notify.Notice{Template: notify.Template(a.Notice),
			Fields: notify.Fields{Number: r.Number, Link: SupportNotice{RequestID: r.ID}.Link()}}
		for _, user := range slices.Compact(users) {
			if user == a.Skip {
				continue
			}
			if err := w.outbox.NotifyUser(ctx, tx, notify.Recipient{OrgID: a.OrgID, UserID: user}, notice); err != nil {
				return err
			}
		}
		return nil
	})
}

// allHolders are everyone who answers for a request: its expert and the
// members of its group, read in the hub's scope.
func allHolders(ctx context.Context, q sqlx.QueryerContext, r SupportRequest) ([]int64, error) {
	var users []int64
	if r.AssignedTo != nil {
		users = append(users, *r.AssignedTo)
	}
	if r.AssignedGroupID != nil {
		members, err := groupMembers(ctx, q, *r.AssignedGroupID)
		if err != nil {
			return nil, err
		}
		users = append(users, members...)
	}
	return users, nil
}
