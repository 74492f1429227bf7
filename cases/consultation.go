package cases

import (
	"slices"
	"time"

	"github.com/lib/pq"
)

// Consultation statuses. Rescheduling keeps a consultation booked; its
// history keeps the old time.
const (
	StatusBooked    = "booked"
	StatusHeld      = "held"
	StatusCancelled = "cancelled"
	StatusNoShow    = "no_show"
)

// InterpreterKinds are the ways an interpreter takes part in a remote
// consultation ("none" first).
var InterpreterKinds = []string{"none", "on_site", "phone", "video"}

// Consultation is a remote consultation: the hub's record, which its
// partner municipality sees without the client.
type Consultation struct {
	ID                  int64          `db:"id"`
	OrgID               int64          `db:"org_id"`
	PartnerOrgID        int64          `db:"partner_org_id"`
	Partner             string         `db:"partner"`
	Hub                 string         `db:"hub"`
	MunicipalityCode    string         `db:"municipality_code"`
	SlotID              *int64         `db:"slot_id"`
	AdviserID           int64          `db:"adviser_id"`
	Adviser             string         `db:"adviser"` // for partners only on their own bookings
	AdviserEmail        string         `db:"adviser_email"`
	StartsAt            time.Time      `db:"starts_at"`
	EndsAt              time.Time      `db:"ends_at"`
	ServiceLanguage     string         `db:"service_language"`
	InterpreterLanguage string         `db:"interpreter_language"`
	InterpreterKind     string         `db:"interpreter_kind"`
	InterpreterRef      string         `db:"interpreter_ref"`
	Topics              pq.StringArray `db:"topics"`
	PartnerContactID    *int64         `db:"partner_contact_id"`
	PartnerContactName  string         `db:"partner_contact_name"`
	PartnerContactEmail string         `db:"partner_contact_email"`
	Note                string         `db:"note"`
	MeetingLink         string         `db:"meeting_link"`
	Status              string         `db:"status"`
	StatusReason        string         `db:"status_reason"`
	StatusByName        string         `db:"status_by_name"`
	StatusByOrg         string         `db:"status_by_org"`
	StatusAt            *time.Time     `db:"status_at"`
	Sequence            int            `db:"sequence"`
	BookedByOrgID       int64          `db:"booked_by_org_id"`
	CreatedAt           time.Time      `db:"created_at"`
	UpdatedAt           time.Time      `db:"updated_at"`

	// The hub's side only (consultation_clients, which row-level security
	// hides from partners), and only for roles that open client files.
	ClientID      *int64  `db:"client_id"`
	ClientCode    *string `db:"client_code"`
	InviteClient  bool    `db:"invite_client"`
	HeldContactID *int64  `db:"held_contact_id"`
	// ClientLanguage is the client's language from their profile, for the
	// invitation; it names nobody ("" without a client, and for partners).
	ClientLanguage string `db:"client_language"`

	// Details is false when the note, the meeting link and the
	// interpreter's booking reference are withheld from this reader: the
	// query itself withholds them (consultationColumns).
	Details bool `db:"details"`
}

// DurationMin is the consultation's length.
func (c Consultation) DurationMin() int { return int(c.EndsAt.Sub(c.StartsAt) / time.Minute) }

// LinkToFollow reports that the meeting link is not known yet.
func (c Consultation) LinkToFollow() bool { return c.MeetingLink == "" }

// limitFor removes what this reader may not see besides the details,
// which the query never reads for them. Roles that may not open client
// files get no client link.
func (c *Consultation) limitFor(who Staff) {
	if !who.Hub {
		c.AdviserEmail = ""
	}
	if !who.Hub || !who.Roles.SeesClients() {
		c.ClientID, c.ClientCode, c.InviteClient, c.HeldContactID = nil, nil, false, nil
	}
}

// withoutClient is a consultation as lists show it: lists never name a
// client, so reading one writes no audit event.
func (c *Consultation) withoutClient() {
	c.ClientID, c.ClientCode, c.InviteClient = nil, nil, false
}

// seesDetails is who reads a consultation's note, meeting link and
// interpreter booking reference: the hub, and of the partner only the
// named partner contact (their own booking); every other worker of the
// municipality sees time, status, language, topics and interpreter. It is
// written into the query, so no read of consultationColumns can forget it.
const seesDetails = `coalesce(c.org_id = app_org_id() OR c.partner_contact_id = app_user_id(), false)`

// consultationColumns read a consultation with its names. For a partner
// the users and consultation_clients subqueries find nothing (row-level
// security), so the client comes back empty. The names of the hub's
// people (the adviser, who changed the status) reach a partner only on
// their own bookings, as the details do: the adviser's display name
// through app_consultation_adviser_name (migration 013).
const consultationColumns = `c.id, c.org_id, c.partner_org_id, ` + seesDetails + ` AS details,
	(SELECT p.name FROM organisations p WHERE p.id = c.partner_org_id) AS partner,
	(SELECT h.name FROM organisations h WHERE h.id = c.org_id) AS hub,
	c.municipality_code, c.slot_id, c.adviser_id,
	CASE WHEN c.org_id = app_org_id()
		THEN coalesce((SELECT coalesce(nullif(u.display_name, ''), u.subject) FROM users u WHERE u.id = c.adviser_id), '')
		ELSE app_consultation_adviser_name(c.id) END AS adviser,
	coalesce((SELECT u.email FROM users u WHERE u.id = c.adviser_id), '') AS adviser_email,
	c.starts_at, c.ends_at, c.service_language, c.interpreter_language, c.interpreter_kind,
	CASE WHEN ` + seesDetails + ` THEN c.interpreter_ref ELSE '' END AS interpreter_ref,
	c.topics, c.partner_contact_id, c.partner_contact_name, c.partner_contact_email,
	CASE WHEN ` + seesDetails + ` THEN c.note ELSE '' END AS note,
	CASE WHEN ` + seesDetails + ` THEN c.meeting_link ELSE '' END AS meeting_link,
	c.status, c.status_reason,
	CASE WHEN ` + seesDetails + ` OR c.status_by_org_id <> c.org_id THEN c.status_by_name ELSE '' END AS status_by_name,
	coalesce((SELECT o.name FROM organisations o WHERE o.id = c.status_by_org_id), '') AS status_by_org,
	c.status_at, c.sequence, c.booked_by_org_id, c.created_at, c.updated_at,
	cc.client_id, (SELECT cl.code FROM clients cl WHERE cl.id = cc.client_id) AS client_code,
	coalesce(cc.invite_client, false) AS invite_client, cc.held_contact_id,
	coalesce((SELECT cl.client_language FROM clients cl WHERE cl.id = cc.client_id), '') AS client_language`

const consultationFrom = ` FROM consultations c LEFT JOIN consultation_clients cc ON cc.consultation_id = c.id`

// HoldMargin is how long before its start a consultation may be marked
// held: a meeting that begins a little early is still recorded, one weeks
// ahead is not.
const HoldMargin = 30 * time.Minute

// holdable reports whether the consultation may be marked held at now.
func (c Consultation) holdable(now time.Time) bool { return !now.Before(c.StartsAt.Add(-HoldMargin)) }

// started reports whether the consultation's time has begun: the
// municipality no longer cancels it then (the hub records a no-show).
func (c Consultation) started(now time.Time) bool { return !now.Before(c.StartsAt) }

// Actions says what a reader may do with a consultation now.
type Actions struct {
	Cancel, Reschedule, NoShow, Hold, SetLink, Invitation, Calendar bool
}

// ActionsFor applies the rules of the status changes to one reader: the
// hub's advisers do everything, a worker of the client's municipality
// cancels and moves; nothing changes once it is held, cancelled or
// no-show. The invitation is for those who see the meeting link, while it
// is booked; the calendar file also once it is cancelled (a CANCEL).
func (c Consultation) ActionsFor(who Staff, now time.Time) Actions {
	booked := c.Status == StatusBooked
	return Actions{
		Cancel:     booked && (who.HubAdviser() || who.PartnerWorker() && !c.started(now)),
		Reschedule: booked && (who.HubAdviser() || who.PartnerWorker()),
		NoShow:     booked && who.HubAdviser() && !c.StartsAt.After(now),
		Hold:       booked && who.HubAdviser() && c.holdable(now),
		SetLink:    booked && who.HubAdviser(),
		Invitation: c.Details && booked,
		Calendar:   c.Details && (booked || c.Status == StatusCancelled),
	}
}

// InvitationLanguage is the invitation's language unless the reader asks
// for another: the client's language when the consultation has a client
// whose language is one of languages (those the invitation is written
// in), else the booking's service language when it is one, else the
// first of languages (Finnish).
func (c Consultation) InvitationLanguage(languages []string) string {
	for _, code := range []string{c.ClientLanguage, c.ServiceLanguage} {
		if slices.Contains(languages, code) {
			return code
		}
	}
	return languages[0]
}
