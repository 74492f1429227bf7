package cases

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
)

// Client is a person served more than once, under a pseudonymous code.
// Identifying details are optional and kept to the minimum.
type Client struct {
	ID             int64  `db:"id"`
	Code           string `db:"code"`
	Name           string `db:"name"`
	BirthYear      *int   `db:"birth_year"`
	Phone          string `db:"phone"`
	Email          string `db:"email"`
	ClientLanguage string `db:"client_language"`
	HouseholdSize  *int   `db:"household_size"`
	Profile
	Status    string    `db:"status"`
	CreatedAt time.Time `db:"created_at"`
}

// ClientInput is the adviser's form. Profile fields are the defaults new
// contacts for the client start from.
type ClientInput struct {
	IdempotencyKey     string
	Name, Phone, Email string
	BirthYear          int
	ClientLanguage     string
	HouseholdSize      int
	Profile
	Closed bool
}

// clientColumns are a client without identifying details: the code and
// the profile. identifiedColumns add the details, which only the audited
// reads of this file and client_file.go select.
const (
	clientColumns = `id, code, client_language, household_size, age_band, gender, citizenship, municipality,
	residence_basis, time_in_finland, labour_market, status, created_at`
	identifiedColumns = clientColumns + `, name, birth_year, phone, email`
)

// Validate checks the input; empty profile fields stay empty (no default).
func (in *ClientInput) Validate(tax *Taxonomy, now time.Time) error {
	var v ValidationError
	if in.IdempotencyKey != "" && !uuidPattern.MatchString(in.IdempotencyKey) {
		v.Add("idempotency_key", "error.idempotency_key")
	}
	in.Name, in.Phone, in.Email = strings.TrimSpace(in.Name), strings.TrimSpace(in.Phone), strings.TrimSpace(in.Email)
	v.Text("name", in.Name, MaxNameLen)
	v.Text("phone", in.Phone, 50)
	if in.BirthYear != 0 && (in.BirthYear < 1900 || in.BirthYear > now.Year()) {
		v.Add("birth_year", "error.birth_year")
	}
	if v.Text("email", in.Email, MaxEmailLen) && in.Email != "" && !strings.Contains(in.Email, "@") {
		v.Add("email", "error.email")
	}
	if in.HouseholdSize < 0 || in.HouseholdSize > 30 {
		v.Add("household_size", "error.household_size")
	}
	if in.ClientLanguage != "" && !tax.Valid("language", in.ClientLanguage, nil) {
		v.Add("client_language", "error.unknown_code")
	}
	for _, f := range in.Profile.fields() {
		if *f.value != "" && !tax.Valid(f.kind, *f.value, nil) {
			v.Add(f.name, "error.unknown_code")
		}
	}
	return v.Err()
}

func (in ClientInput) args() []any {
	status := map[bool]string{true: "closed", false: "open"}[in.Closed]
	return []any{in.Name, nullInt(in.BirthYear), in.Phone, in.Email, in.ClientLanguage, nullInt(in.HouseholdSize),
		in.AgeBand, in.Gender, in.Citizenship, in.Municipality, in.ResidenceBasis, in.TimeInFinland, in.LabourMarket, status}
}

// CreateClient gives a new client a fresh random code. A second create
// with the same idempotency key returns the first client with created
// false, so a double click or an API retry never makes two clients.
func CreateClient(ctx context.Context, q sqlx.ExtContext, tax *Taxonomy, actor Roles, in ClientInput, now time.Time) (c Client, created bool, err error) {
	if err := in.Validate(tax, now); err != nil {
		return Client{}, false, err
	}
	if in.IdempotencyKey == "" {
		in.IdempotencyKey = NewIdempotencyKey()
	}
	for attempt := 0; attempt < 4; attempt++ {
		// ON CONFLICT without a target also absorbs a code collision (1 in
		// 10^11), which must never abort the adviser's transaction.
		err := sqlx.GetContext(ctx, q, &c, insertClient, append([]any{NewClientCode(), in.IdempotencyKey}, in.args()...)...)
		if err == nil {
			return c, true, Audit(ctx, q, Event{Action: "client.create", RecordType: "client", RecordID: idText(c.ID),
				ActorRoles: actor, Purpose: "case_work"})
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return c, false, err
		}
		err = sqlx.GetContext(ctx, q, &c, `SELECT `+identifiedColumns+` FROM clients WHERE idempotency_key = $1`, in.IdempotencyKey)
		if err == nil { // a replay shows the details again: that is a read
			return c, false, Audit(ctx, q, Purpose{Code: "case_work"}.event(actor, c.ID, "create replay"))
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return c, false, err
		}
	}
	return c, false, errors.New("no free client code after four attempts")
}

const insertClient = `INSERT INTO clients (org_id, code, idempotency_key, name, birth_year, phone, email,
	client_language, household_size, age_band, gender, citizenship, municipality, residence_basis,
	time_in_finland, labour_market, status, created_by)
	VALUES (app_org_id(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, app_user_id())
	ON CONFLICT DO NOTHING RETURNING ` + identifiedColumns

// UpdateClient changes a client's details and returns them as stored. Its
// one audit event covers the write and the details it returns.
func UpdateClient(ctx context.Context, q sqlx.ExtContext, tax *Taxonomy, actor Roles, id int64, in ClientInput, now time.Time) (Client, error) {
	var c Client
	if err := in.Validate(tax, now); err != nil {
		return c, err
	}
	err := sqlx.GetContext(ctx, q, &c, `UPDATE clients SET name = $2, birth_year = $3, phone = $4, email = $5,
		client_language = $6, household_size = $7, age_band = $8, gender = $9, citizenship = $10, municipality = $11,
		residence_basis = $12, time_in_finland = $13, labour_market = $14, status = $15, updated_at = now()
		WHERE id = $1 RETURNING `+identifiedColumns, append([]any{id}, in.args()...)...)
	if err != nil {
		return c, notFound(err)
	}
	return c, Audit(ctx, q, Event{Action: "client.update", RecordType: "client", RecordID: idText(id),
		ActorRoles: actor, Purpose: "case_work"})
}

// GetClient reads a client without identifying details (no name, birth
// year, phone or e-mail), so it needs no audit: for checks and prefill.
func GetClient(ctx context.Context, q sqlx.QueryerContext, id int64) (Client, error) {
	var c Client
	err := sqlx.GetContext(ctx, q, &c, `SELECT `+clientColumns+` FROM clients WHERE id = $1`, id)
	return c, notFound(err)
}

// FindClientByCode resolves a typed code; a code failing its check is a
// validation error, an unknown one is not found.
func FindClientByCode(ctx context.Context, q sqlx.QueryerContext, typed string) (Client, error) {
	code, ok := NormalizeClientCode(typed)
	if !ok {
		v := &ValidationError{}
		v.Add("client_code", "error.client_code")
		return Client{}, v
	}
	var c Client
	err := sqlx.GetContext(ctx, q, &c, `SELECT `+clientColumns+` FROM clients WHERE code = $1`, code)
	return c, notFound(err)
}

// ContactDefaults prefills a new contact from the client's profile.
func (c Client) ContactDefaults() ContactInput {
	in := ContactInput{ClientID: c.ID, ClientLanguage: c.ClientLanguage, Profile: c.Profile}
	if c.HouseholdSize != nil {
		in.HouseholdSize = *c.HouseholdSize
	}
	return in
}
