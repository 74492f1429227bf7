package cases

import (
	"context"
	"strings"

	"github.com/jmoiron/sqlx"
)

// ClientFile is what an adviser sees when they open a client.
type ClientFile struct {
	Client    Client
	Contacts  []Contact
	FollowUps []FollowUp
}

// OpenClientFile reads the client with their contact history and open
// follow-ups and writes exactly one audit event with the purpose.
func OpenClientFile(ctx context.Context, q sqlx.ExtContext, actor Roles, id int64, purpose string) (ClientFile, error) {
	var f ClientFile
	var err error
	if f.Client, err = GetClient(ctx, q, id); err != nil {
		return f, err
	}
	page, err := ListContacts(ctx, q, ContactFilter{ClientID: id, Limit: 200})
	if err != nil {
		return f, err
	}
	f.Contacts = page.Contacts
	if f.FollowUps, err = openFollowUps(ctx, q, `f.client_id = $1`, id); err != nil {
		return f, err
	}
	purpose = strings.TrimSpace(purpose)
	if purpose == "" {
		purpose = ClientPurposes[0]
	}
	return f, Audit(ctx, q, Event{Action: "client.view", RecordType: "client", RecordID: idText(id),
		ActorRoles: actor, Purpose: purpose})
}

// OpenClientHistory allows listing one client's contacts, which is the
// client's history, only to advisers, and audits it as an opening of the
// client's file.
func OpenClientHistory(ctx context.Context, q sqlx.ExtContext, actor Roles, clientID int64) error {
	if !actor.Has(RoleAdviser) {
		return ErrForbidden
	}
	return Audit(ctx, q, Event{Action: "client.view", RecordType: "client", RecordID: idText(clientID),
		ActorRoles: actor, Purpose: ClientPurposes[0], Details: map[string]any{"via": "contact list"}})
}

// ClientPurposes are the reasons an adviser can give for opening a file.
var ClientPurposes = []string{"case_work", "follow_up", "correction", "client_request"}
