package server

import (
	"net/http"
	"strings"
	"testing"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
)

// TestManagersNeverReceiveClientLinks walks every page and API answer a
// manager can reach and looks for the client's id and code: with them a
// manager could group an organisation's contacts into client histories
// without an audited opening.
func TestManagersNeverReceiveClientLinks(t *testing.T) {
	h := newHarness(t)
	params := h.matrixParams()
	var client struct {
		ID   int64  `db:"id"`
		Code string `db:"code"`
	}
	h.db.InScope(t, cases.Scope{OrgID: h.orgs["hub"]}, func(tx *sqlx.Tx) error {
		return tx.Get(&client, `SELECT id, code FROM clients`)
	})
	leaks := []string{client.Code, `"client_id":` + idString(client.ID), "/clients/" + idString(client.ID),
		`"client_code":"`}
	manager := h.login("hub", "hub-manager")
	token := h.accessToken("hub", "hub-manager")
	walked := 0
	for _, r := range h.server.routes() {
		if r.method != http.MethodGet || !strings.Contains(policy["GET "+r.path], "manager") {
			continue
		}
		path := fillParams(r.path, params)
		answers := []string{body(t, h.get(manager, path))}
		if strings.HasPrefix(path, "/api/") {
			answers = append(answers, string(h.api(apiCall{method: http.MethodGet, path: path, token: token}).body))
		}
		for _, answer := range answers {
			for _, leak := range leaks {
				if strings.Contains(answer, leak) {
					t.Errorf("GET %s shows a manager %q", path, leak)
				}
			}
		}
		walked++
	}
	if walked < 5 {
		t.Fatalf("only %d manager routes walked", walked)
	}
	contact := params["/api/v1/contacts/:id"]
	put := h.api(apiCall{method: http.MethodPut, path: contact, token: token, body: walkInJSON(h.firstPoint(), "")})
	if put.status != http.StatusOK || strings.Contains(string(put.body), client.Code) {
		t.Fatalf("a manager's correction: %d %s", put.status, put.body)
	}
	if n := h.count(h.orgs["hub"], `SELECT count(*) FROM contacts WHERE client_id = $1`, client.ID); n != 1 {
		t.Fatal("a manager's correction dropped the client link it could not see")
	}
}

func (h *harness) firstPoint() int64 {
	var id int64
	h.db.InScope(h.t, cases.Scope{OrgID: h.orgs["hub"]}, func(tx *sqlx.Tx) error {
		return tx.Get(&id, `SELECT min(id) FROM advice_points`)
	})
	return id
}
