package server

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
)

// clientSummary is a client without identifying details: what lists show.
type clientSummary struct {
	ID             int64         `json:"id,omitempty"`
	Code           string        `json:"code,omitempty"`
	Status         string        `json:"status"`
	ClientLanguage string        `json:"client_language"`
	HouseholdSize  *int          `json:"household_size"`
	Profile        cases.Profile `json:"profile"`
	CreatedAt      *time.Time    `json:"created_at,omitempty"`
}

// clientDoc is one client with the identifying details, which only the
// organisation's advisers see, and its open follow-ups. Reading one is
// audited with its purpose.
type clientDoc struct {
	clientSummary
	Name      string        `json:"name"`
	BirthYear *int          `json:"birth_year"`
	Phone     string        `json:"phone"`
	Email     string        `json:"email"`
	FollowUps []followUpDoc `json:"follow_ups,omitempty"`
}

type followUpDoc struct {
	ID        int64  `json:"id"`
	ContactID int64  `json:"contact_id"`
	DueOn     string `json:"due_on"`
}

func clientSummaryOf(c cases.Client) clientSummary {
	return clientSummary{ID: c.ID, Code: c.Code, Status: c.Status, ClientLanguage: c.ClientLanguage,
		HouseholdSize: c.HouseholdSize, Profile: c.Profile, CreatedAt: &c.CreatedAt}
}

func clientDocOf(c cases.Client, followUps []cases.FollowUp) clientDoc {
	d := clientDoc{clientSummary: clientSummaryOf(c), Name: c.Name, BirthYear: c.BirthYear, Phone: c.Phone, Email: c.Email}
	for _, f := range followUps {
		d.FollowUps = append(d.FollowUps, followUpDoc{ID: f.ID, ContactID: f.ContactID, DueOn: f.DueOn.Format(dateOnly)})
	}
	return d
}

// input converts the document; a status other than open or closed is an
// error, never read as open.
func (d clientDoc) input(key string) (cases.ClientInput, error) {
	in := cases.ClientInput{IdempotencyKey: key, Name: d.Name, Phone: d.Phone, Email: d.Email,
		ClientLanguage: d.ClientLanguage, Profile: d.Profile}
	if d.BirthYear != nil {
		in.BirthYear = *d.BirthYear
	}
	if d.HouseholdSize != nil {
		in.HouseholdSize = *d.HouseholdSize
	}
	var err error
	in.Closed, err = cases.ClientStatusClosed(d.Status)
	return in, err
}

type clientListDoc struct {
	Items      []clientSummary `json:"items"`
	NextCursor string          `json:"next_cursor,omitempty"`
}

func (s *Server) apiClientList(c *gin.Context) {
	status, limit, v := apiClientListParams(c)
	if v.Err() != nil {
		s.invalid(c, http.StatusBadRequest, v)
		return
	}
	page, err := cases.ListClients(c.Request.Context(), requestTx(c), status, c.Query("cursor"), limit)
	if err != nil {
		s.apiFail(c, err)
		return
	}
	doc := clientListDoc{Items: []clientSummary{}, NextCursor: page.Next}
	for _, client := range page.Clients {
		doc.Items = append(doc.Items, clientSummaryOf(client))
	}
	s.answer(c, http.StatusOK, doc)
}

// apiClientListParams reads the list's query: a status of open, closed or
// none (both), a page size and a cursor this list handed out.
func apiClientListParams(c *gin.Context) (status string, limit int, v *cases.ValidationError) {
	v = &cases.ValidationError{}
	if status = c.Query("status"); status != "" {
		status = v.Choice("status", status, "", cases.ClientStatuses...)
	}
	limit = int(v.Int("limit", c.DefaultQuery("limit", "50"), 1, cases.MaxPageSize, "error.limit"))
	_, err := cases.DecodeClientCursor(c.Query("cursor"))
	v.Merge(err)
	return status, limit, v
}

// apiClientGet opens the client file: one audit event with the purpose.
func (s *Server) apiClientGet(c *gin.Context) {
	purpose, err := s.apiPurpose(c)
	if err != nil {
		s.apiFail(c, err)
		return
	}
	file, err := cases.OpenClientFile(c.Request.Context(), requestTx(c), currentActor(c).Roles, paramID(c), purpose)
	if err != nil {
		s.apiFail(c, err)
		return
	}
	s.answer(c, http.StatusOK, clientDocOf(file.Client, file.FollowUps))
}

func (s *Server) apiClientCreate(c *gin.Context) {
	var doc clientDoc
	key, tax, ok := s.readCreate(c, &doc)
	if !ok {
		return
	}
	in, err := doc.input(key)
	if err != nil {
		s.apiFail(c, validationErrors(err, in.Validate(tax, s.now())))
		return
	}
	client, created, err := cases.CreateClient(c.Request.Context(), requestTx(c), tax, currentActor(c).Roles, in, s.now())
	if err != nil {
		s.apiFail(c, err)
		return
	}
	s.answerCreate(c, "/api/v1/clients/"+idString(client.ID), created, clientDocOf(client, nil))
}

func (s *Server) apiClientUpdate(c *gin.Context) {
	var doc clientDoc
	tax, ok := s.readDoc(c, &doc)
	if !ok {
		return
	}
	in, err := doc.input("")
	if err != nil {
		s.apiFail(c, validationErrors(err, in.Validate(tax, s.now())))
		return
	}
	client, err := cases.UpdateClient(c.Request.Context(), requestTx(c), tax, currentActor(c).Roles, paramID(c), in, s.now())
	if err != nil {
		s.apiFail(c, err)
		return
	}
	s.answer(c, http.StatusOK, clientDocOf(client, nil))
}
