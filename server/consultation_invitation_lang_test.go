package server

import (
	"context"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
)

// TestTheInvitationIsInTheClientsLanguageByDefault: the invitation opens
// in the client's language when the consultation has a client whose
// language it is written in, else in the service language, else in
// Finnish; ?lang= still chooses (review low 5).
func TestTheInvitationIsInTheClientsLanguageByDefault(t *testing.T) {
	h := newHarness(t)
	adviser := h.staffOf("hub", "hub-adviser", cases.RoleAdviser)
	book := func(hours int, service, clientLanguage string) int64 {
		var id int64
		h.asStaff(adviser, func(tx *sqlx.Tx, tax *cases.Taxonomy) error {
			in := cases.BookingInput{PartnerOrgID: h.orgs["partner"], StartsAt: time.Now().Add(time.Duration(hours) * time.Hour).Truncate(time.Hour),
				DurationMin: 30, Meeting: cases.Meeting{ServiceLanguage: service, Topics: []string{"housing"}}}
			if clientLanguage != "" {
				client, _, err := cases.CreateClient(context.Background(), tx, tax, nil, cases.ClientInput{ClientLanguage: clientLanguage}, time.Now())
				if err != nil {
					return err
				}
				in.ClientID = client.ID
			}
			c, _, err := cases.Book(context.Background(), tx, nil, tax, adviser, in, time.Now())
			id = c.ID
			return err
		})
		return id
	}
	session := h.login("hub", "hub-adviser")
	for _, tc := range []struct {
		id    int64
		query string
		want  string
	}{
		{book(30, "fi", "sv"), "", "sv"},         // the client's language
		{book(32, "en", "ar"), "", "en"},         // no invitation in Arabic: the service language
		{book(34, "ar", "so"), "", "fi"},         // neither: Finnish
		{book(36, "en", ""), "", "en"},           // no client: the service language
		{book(38, "fi", "sv"), "?lang=en", "en"}, // asked
	} {
		page := body(t, h.get(session, "/consultations/"+idString(tc.id)+"/invitation"+tc.query))
		mustContain(t, page, `<article class="invitation" lang="`+tc.want+`"`)
	}
}
