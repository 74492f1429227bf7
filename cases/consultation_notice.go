package cases

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/riverqueue/river"

	"neuvo/cases/jobs"
	"neuvo/cases/notify"
	"neuvo/cases/workcal"
)

// ConsultationNoticeArgs is the job that tells the people of a
// consultation about one line of its history, after the change commits.
// It carries ids only (River's tables have no row-level security).
type ConsultationNoticeArgs struct {
	OrgID   int64 `json:"org_id"` // the hub whose consultation it is
	EventID int64 `json:"event_id"`
}

// Kind names the job.
func (ConsultationNoticeArgs) Kind() string { return "consultation_notice" }

// ConsultationMail is what the consultation jobs send with. The outbox is
// built after the job client, so the composition root sets it last.
type ConsultationMail struct {
	Outbox   *notify.Outbox
	Host     string       // of NEUVO_BASE_URL: calendar UIDs
	Texts    notify.Texts // the .ics words in the client's language
	Calendar *workcal.Calendar
}

// noticeTemplates are the templates of each announced change: to staff,
// and to a client who is invited.
var noticeTemplates = map[string][2]notify.Template{
	"booked":      {notify.ConsultationBooked, notify.ClientConsultationBooked},
	"rescheduled": {notify.ConsultationRescheduled, notify.ClientConsultationMoved},
	"cancelled":   {notify.ConsultationCancelled, notify.ClientConsultationCancel},
	"link_set":    {notify.ConsultationLinkSet, notify.ClientConsultationLinkSet},
	"reminder":    {notify.ConsultationReminder, notify.ClientConsultationRemind},
}

type noticeEvent struct {
	ConsultationID int64      `db:"consultation_id"`
	Kind           string     `db:"kind"`
	ByUserID       *int64     `db:"by_user_id"`
	OldAdviserID   *int64     `db:"old_adviser_id"`
	NotifiedAt     *time.Time `db:"notified_at"`
}

// Tell sends the notices of one history line in the hub's scope: in-app
// and by mail to the adviser (and the one it was moved from) and the
// partner contact, not to whoever made the change, and the updated .ics
// to an invited client. The line is marked told in the same transaction.
func (m *ConsultationMail) Tell(ctx context.Context, tx *sqlx.Tx, eventID int64) error {
	var e noticeEvent
	err := tx.GetContext(ctx, &e, `SELECT consultation_id, kind, by_user_id, old_adviser_id, notified_at
		FROM consultation_events WHERE id = $1 AND org_id = app_org_id() FOR UPDATE`, eventID)
	if errors.Is(err, sql.ErrNoRows) || err == nil && (e.NotifiedAt != nil || noticeTemplates[e.Kind][0] == "") {
		return nil
	}
	if err != nil {
		return err
	}
	c, err := hubConsultation(ctx, tx, e.ConsultationID)
	if err != nil {
		return err
	}
	skip := int64(0)
	if e.ByUserID != nil {
		skip = *e.ByUserID
	}
	if err := m.tellStaff(ctx, tx, c, e.Kind, skip, e.OldAdviserID); err != nil {
		return err
	}
	// The client's calendar file is the consultation as it is now, so a
	// change already followed by another is left to the later one's mail.
	var superseded bool
	err = tx.GetContext(ctx, &superseded, `SELECT EXISTS (SELECT 1 FROM consultation_events
		WHERE consultation_id = $1 AND id > $2 AND kind IN ('booked', 'rescheduled', 'cancelled', 'link_set'))`,
		e.ConsultationID, eventID)
	if err != nil {
		return err
	}
	if !superseded {
		if err := m.tellClient(ctx, tx, c, e.Kind); err != nil {
			return err
		}
	}
	_, err = tx.ExecContext(ctx, `UPDATE consultation_events SET notified_at = now() WHERE id = $1`, eventID)
	return err
}

// tellStaff notifies the adviser, a former adviser and the partner
// contact: a link and the time, never the client.
func (m *ConsultationMail) tellStaff(ctx context.Context, tx *sqlx.Tx, c Consultation, kind string, skip int64, oldAdviser *int64) error {
	recipients := []notify.Recipient{{OrgID: c.OrgID, UserID: c.AdviserID}}
	if oldAdviser != nil {
		recipients = append(recipients, notify.Recipient{OrgID: c.OrgID, UserID: *oldAdviser})
	}
	if c.PartnerContactID != nil {
		recipients = append(recipients, notify.Recipient{OrgID: c.PartnerOrgID, UserID: *c.PartnerContactID})
	}
	notice := notify.Notice{Template: noticeTemplates[kind][0],
		Fields: notify.Fields{Number: idText(c.ID), Link: "/consultations/" + idText(c.ID), At: c.StartsAt}}
	for _, r := range recipients {
		if r.UserID == skip {
			continue
		}
		if err := m.Outbox.NotifyUser(ctx, tx, r, notice); err != nil {
			return err
		}
	}
	return nil
}

// tellClient e-mails an invited client the consultation's .ics in their
// language. Reading their address is a read of identifying details, so it
// is audited with its purpose.
func (m *ConsultationMail) tellClient(ctx context.Context, tx *sqlx.Tx, c Consultation, kind string) error {
	if !c.InviteClient || c.ClientID == nil || !m.Outbox.MailConfigured() {
		return nil
	}
	var client struct {
		Email    string `db:"email"`
		Language string `db:"client_language"`
	}
	err := tx.GetContext(ctx, &client, `SELECT email, client_language FROM clients WHERE id = $1`, *c.ClientID)
	if err != nil || client.Email == "" {
		return notFoundOK(err)
	}
	if err := Audit(ctx, tx, Event{Action: "client.view", RecordType: "client", RecordID: idText(*c.ClientID),
		Purpose: "consultation_invitation", Details: map[string]any{"via": "e-mail", "consultation_id": c.ID}}); err != nil {
		return err
	}
	lang := mailLanguage(client.Language, c.ServiceLanguage)
	ics, err := c.Calendar(m.Host, m.calendarText(lang, c))
	if err != nil {
		return err
	}
	method := "REQUEST"
	if c.Status == StatusCancelled {
		method = "CANCEL"
	}
	_, err = m.Outbox.Enqueue(ctx, tx, notify.Message{To: client.Email, Lang: lang, Template: noticeTemplates[kind][1],
		Fields:      notify.Fields{Number: idText(c.ID), Link: "/", At: c.StartsAt},
		Attachments: []notify.Attachment{{Name: "invitation.ics", ContentType: "text/calendar; charset=utf-8; method=" + method, Content: ics}}})
	return err
}

// mailLanguage is the client's language when mail exists in it, else the
// service language, else Finnish.
func mailLanguage(codes ...string) string {
	for _, code := range codes {
		if code == "fi" || code == "sv" || code == "en" {
			return code
		}
	}
	return "fi"
}

// calendarText is the client's calendar entry: the hub and the meeting
// link, never anything about the client.
func (m *ConsultationMail) calendarText(lang string, c Consultation) CalendarText {
	t := func(key string) string { return m.Texts(lang, key) }
	link := c.MeetingLink
	if link == "" {
		link = t("consultation.link_to_follow")
	}
	return CalendarText{Summary: fmt.Sprintf(t("invitation.ics.summary"), c.Hub),
		Description: strings.Join([]string{fmt.Sprintf(t("invitation.ics.with"), c.Hub), t("consultation.meeting_link") + ": " + link}, "\n")}
}

// hubConsultation reads a consultation in full, for the hub's own jobs.
func hubConsultation(ctx context.Context, q sqlx.QueryerContext, id int64) (Consultation, error) {
	var c Consultation
	err := sqlx.GetContext(ctx, q, &c, `SELECT `+consultationColumns+consultationFrom+` WHERE c.id = $1 AND c.org_id = app_org_id()`, id)
	c.Details = true
	return c, notFound(err)
}

// ConsultationNotices works ConsultationNoticeArgs.
type ConsultationNotices struct {
	river.WorkerDefaults[ConsultationNoticeArgs]
	db   *sqlx.DB
	mail *ConsultationMail
}

// Work tells in the hub's scope.
func (w *ConsultationNotices) Work(ctx context.Context, job *river.Job[ConsultationNoticeArgs]) error {
	return jobs.InOrganisation(ctx, w.db, job.Args.OrgID, func(tx *sqlx.Tx) error {
		return w.mail.Tell(ctx, tx, job.Args.EventID)
	})
}

// RegisterConsultationJobs adds the notice worker and the daily reminders
// (14:00 Finnish time, for the next working day) to the registry.
func RegisterConsultationJobs(reg *jobs.Registry, db *sqlx.DB, mail *ConsultationMail) {
	jobs.Register(reg, &ConsultationNotices{db: db, mail: mail})
	jobs.Register(reg, &ConsultationReminders{db: db, mail: mail, now: time.Now})
	reg.DailyAt(ReminderHour, 0, ConsultationRemindersArgs{})
}
