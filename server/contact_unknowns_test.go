package server

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
)

// unknownColumns are the fields about the client and the result that no
// path may fill with a category nobody gave.
const unknownColumns = `concat_ws(',', age_band, gender, citizenship, country_group, municipality, residence_basis,
	time_in_finland, labour_market, client_language, outcome)`

var allUnknown = strings.TrimSuffix(strings.Repeat("unknown,", 10), ",")

func (h *harness) storedUnknowns(org int64, where string) string {
	h.t.Helper()
	var got string
	h.db.InScope(h.t, cases.Scope{OrgID: org}, func(tx *sqlx.Tx) error {
		return tx.Get(&got, `SELECT `+unknownColumns+` FROM contacts WHERE `+where+` ORDER BY id DESC LIMIT 1`)
	})
	return got
}

func TestContactWithoutProfileIsStoredAsUnknownOnEveryPath(t *testing.T) {
	h := newHarness(t)
	point := h.addPoint(h.orgs["hub"], "Desk")
	b := h.login("hub", "hub-adviser")

	// The form as a browser submits it when the adviser leaves the
	// profile closed: whatever the page preselected.
	form := browserForm(t, body(t, h.get(b, "/contacts/new")), "contact-form")
	form["topics"] = []string{"permits"}
	form.Set("next", "show")
	if resp := h.post(b, "/contacts", form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("form: %d %s", resp.StatusCode, body(t, resp))
	}
	if got := h.storedUnknowns(h.orgs["hub"], `import_id IS NULL`); got != allUnknown {
		t.Errorf("form stored %s, want %s", got, allUnknown)
	}

	// The API with no profile, client language or outcome at all.
	token := h.accessToken("hub", "hub-adviser")
	res := h.api(apiCall{method: http.MethodPost, path: "/api/v1/contacts", token: token, body: walkInJSON(point, ""),
		headers: map[string]string{"Idempotency-Key": "8f0c7a52-54d2-4c55-9a38-5b1f7c1f0a11"}})
	if res.status != http.StatusCreated {
		t.Fatalf("API: %d %s", res.status, res.body)
	}
	var doc contactDoc
	res.decode(t, &doc)
	if got := h.storedUnknowns(h.orgs["hub"], `id = `+idString(doc.ID)); got != allUnknown {
		t.Errorf("API stored %s, want %s", got, allUnknown)
	}

	// An import whose file has no profile columns.
	path := h.uploaded(b, "log.csv", importLog("DAY;9.15;20;Puhelin;Lupahakemus;"))
	if resp := h.post(b, path+"/check", importMapping(point)); resp.StatusCode != http.StatusOK {
		t.Fatalf("import check: %d", resp.StatusCode)
	}
	h.post(b, path+"/commit", url.Values{}).Body.Close()
	if p := h.waitImport(b, path); p.State != "done" {
		t.Fatalf("import ended as %+v", p)
	}
	if got := h.storedUnknowns(h.orgs["hub"], `import_id IS NOT NULL`); got != allUnknown {
		t.Errorf("import stored %s, want %s", got, allUnknown)
	}
}
