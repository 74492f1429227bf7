package cases

import (
	"context"

	"github.com/jmoiron/sqlx"
)

// ClientFile is what an adviser sees when they open a client.
type ClientFile struct {
	Client    Client
	Contacts  []Contact
	FollowUps []FollowUp
}

// OpenClientFile reads the client with their identifying details, contact
// history and open follow-ups, and writes exactly one audit event with the
// purpose.
func OpenClientFile(ctx context.Context, q sqlx.ExtContext, actor Roles, id int64, purpose Purpose) (ClientFile, error) {
	var f ClientFile
	var err error
	if f.Client, err = readIdentified(ctx, q, actor, id, purpose, "file"); err != nil {
		return f, err
	}
	page, err := listContacts(ctx, q, ContactFilter{ClientID: id, Limit: 200})
	if err != nil {
		return f, err
	}
	f.Contacts = page.Contacts
	f.FollowUps, err = openFollowUps(ctx, q, `f.client_id = $1`, id)
	return f, err
}

// ClientForEdit reads the identifying details into the edit form: a read
// like any other, audited with its purpose.
func ClientForEdit(ctx context.Context, q sqlx.ExtContext, actor Roles, id int64, purpose Purpose) (Client, error) {
	return readIdentified(ctx, q, actor, id, purpose, "edit")
}

// readIdentified is the one way identifying details are read: only by the
// organisation's advisers, and never without an audit event.
func readIdentified(ctx context.Context, q sqlx.ExtContext, actor Roles, id int64, purpose Purpose, via string) (Client, error) {
	var c Client
	if !actor.SeesClients() {
		return c, ErrForbidden
	}
	if err := sqlx.GetContext(ctx, q, &c, `SELECT `+identifiedColumns+` FROM clients WHERE id = $1`, id); err != nil {
		return c, notFound(err)
	}
	if _, err := ParsePurpose(purpose.Code, purpose.Text); err != nil {
		return Client{}, err
	}
	return c, Audit(ctx, q, purpose.event(actor, id, via))
}

// openClientHistory allows listing one client's contacts, which is the
// client's history, only to those who may open the file, and audits it
// as an opening with the purpose.
func openClientHistory(ctx context.Context, q sqlx.ExtContext, actor Roles, clientID int64, purpose Purpose) error {
	if !actor.SeesClients() {
		return ErrForbidden
	}
	if _, err := GetClient(ctx, q, clientID); err != nil {
		return err
	}
	if _, err := ParsePurpose(purpose.Code, purpose.Text); err != nil {
		return err
	}
	return Audit(ctx, q, purpose.event(actor, clientID, "contact list"))
}
