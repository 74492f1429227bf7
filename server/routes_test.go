package server

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
)

// roleLogins maps each role of the matrix to a harness user who has only it.
var roleLogins = map[string][2]string{
	"adviser":        {"hub", "hub-adviser"},
	"partner_worker": {"partner", "partner-worker"},
	"manager":        {"hub", "hub-manager"},
	"admin":          {"hub", "hub-admin"},
}

// policy is the authorization matrix written down independently of the
// route table: loosening a route's access in routes.go without changing
// this table fails the test. "public" is anyone, "user" any logged-in user,
// otherwise the roles allowed.
var policy = map[string]string{
	"GET /healthz":                  "public",
	"GET /readyz":                   "public",
	"GET /static/:file":             "public",
	"GET /login":                    "public",
	"POST /login":                   "public",
	"GET /auth/callback":            "public",
	"GET /logged-out":               "public",
	"POST /logout":                  "user",
	"POST /language":                "public",
	"GET /":                         "user",
	"GET /notifications":            "user",
	"POST /notifications/read":      "user",
	"GET /admin/outbox":             "admin",
	"POST /admin/outbox/test":       "admin",
	"POST /admin/outbox/:id/retry":  "admin",
	"GET /admin/organisations":      "admin",
	"GET /admin/organisations/new":  "admin",
	"POST /admin/organisations":     "admin",
	"GET /admin/organisations/:id":  "admin",
	"POST /admin/organisations/:id": "admin",
	"GET /admin/advice-points":      "admin",
	"GET /admin/advice-points/new":  "admin",
	"POST /admin/advice-points":     "admin",
	"GET /admin/advice-points/:id":  "admin",
	"POST /admin/advice-points/:id": "admin",
	"GET /admin/users":              "admin",
	"GET /admin/users/new":          "admin",
	"POST /admin/users":             "admin",
	"GET /admin/users/:id":          "admin",
	"POST /admin/users/:id":         "admin",
	"GET /admin/audit":              "admin",

	"GET /contacts":             "adviser,manager",
	"GET /contacts/new":         "adviser",
	"POST /contacts":            "adviser",
	"GET /contacts/:id":         "adviser,manager",
	"GET /contacts/:id/edit":    "adviser,manager",
	"POST /contacts/:id":        "adviser,manager",
	"POST /contacts/:id/delete": "adviser,manager",
	"GET /clients":              "adviser",
	"POST /clients/find":        "adviser",
	"GET /clients/new":          "adviser",
	"POST /clients":             "adviser",
	"GET /clients/:id":          "adviser",
	"GET /clients/:id/purpose":  "adviser",
	"POST /clients/:id/purpose": "adviser",
	"GET /clients/:id/edit":     "adviser",
	"POST /clients/:id":         "adviser",
	"POST /follow-ups/:id/done": "adviser,manager",

	"POST /follow-ups/:id/take-over": "adviser",

	"GET /consultations":                  "adviser,partner_worker,manager",
	"GET /consultations/new":              "adviser,partner_worker",
	"POST /consultations":                 "adviser,partner_worker",
	"GET /consultations/:id":              "adviser,partner_worker,manager",
	"POST /consultations/:id/cancel":      "adviser,partner_worker",
	"POST /consultations/:id/reschedule":  "adviser,partner_worker",
	"POST /consultations/:id/no-show":     "adviser",
	"POST /consultations/:id/link":        "adviser",
	"GET /consultations/:id/hold":         "adviser",
	"POST /consultations/:id/hold":        "adviser",
	"GET /consultations/:id/invitation":   "adviser,partner_worker,manager",
	"GET /consultations/:id/qr.png":       "adviser,partner_worker,manager",
	"GET /consultations/:id/qr.svg":       "adviser,partner_worker,manager",
	"GET /consultations/:id/calendar.ics": "adviser,partner_worker,manager",
	"GET /slots":                          "adviser,partner_worker",
	"GET /slots/new":                      "adviser",
	"POST /slots":                         "adviser",
	"POST /slots/:id/withdraw":            "adviser",

	"GET /imports":              "adviser",
	"POST /imports":             "adviser",
	"GET /imports/:id":          "adviser",
	"POST /imports/:id/check":   "adviser",
	"POST /imports/:id/commit":  "adviser",
	"GET /imports/:id/progress": "adviser",
	"GET /imports/:id/status":   "adviser",

	"GET /api/v1/openapi.json":                    "public",
	"GET /api/v1/me":                              "user",
	"GET /api/v1/contacts":                        "adviser,manager",
	"POST /api/v1/contacts":                       "adviser",
	"GET /api/v1/contacts/:id":                    "adviser,manager",
	"PUT /api/v1/contacts/:id":                    "adviser,manager",
	"DELETE /api/v1/contacts/:id":                 "adviser,manager",
	"GET /api/v1/clients":                         "adviser",
	"POST /api/v1/clients":                        "adviser",
	"GET /api/v1/clients/:id":                     "adviser",
	"PUT /api/v1/clients/:id":                     "adviser",
	"GET /api/v1/consultations":                   "adviser,partner_worker,manager",
	"POST /api/v1/consultations":                  "adviser,partner_worker",
	"GET /api/v1/consultations/:id":               "adviser,partner_worker,manager",
	"GET /api/v1/consultations/:id/contact-draft": "adviser",
	"POST /api/v1/consultations/:id/status":       "adviser,partner_worker",
	"PUT /api/v1/consultations/:id/schedule":      "adviser,partner_worker",
	"PUT /api/v1/consultations/:id/link":          "adviser",
	"GET /api/v1/slots":                           "adviser,partner_worker",
	"POST /api/v1/slots":                          "adviser",
	"GET /api/v1/slots/:id":                       "adviser,partner_worker",
	"DELETE /api/v1/slots/:id":                    "adviser",
	"GET /api/v1/taxonomies":                      "user",
	"GET /api/v1/taxonomies/:kind":                "user",
	"POST /api/v1/taxonomies/:kind":               "admin",
	"PUT /api/v1/taxonomies/:kind/:code":          "admin",

	"GET /support":                "partner_worker,adviser",
	"GET /support/new":            "partner_worker,adviser",
	"POST /support":               "partner_worker,adviser",
	"GET /support/knowledge":      "partner_worker,adviser,manager",
	"GET /support/queue":          "adviser,manager",
	"GET /support/stats":          "manager",
	"GET /support/groups":         "manager",
	"POST /support/groups":        "manager",
	"GET /support/groups/:id":     "manager",
	"POST /support/groups/:id":    "manager",
	"GET /support/:id":            "partner_worker,adviser,manager",
	"POST /support/:id/messages":  "partner_worker,adviser",
	"POST /support/:id/take":      "adviser",
	"POST /support/:id/assign":    "manager",
	"POST /support/:id/close":     "partner_worker,adviser,manager",
	"POST /support/:id/rating":    "partner_worker,adviser",
	"POST /support/:id/knowledge": "adviser",
	"GET /admin/support-targets":  "admin",
	"POST /admin/support-targets": "admin",

	"GET /stats":              "manager",
	"GET /stats/print":        "manager",
	"POST /stats/releases":    "manager",
	"GET /stats/releases/:id": "manager",
	"GET /stats/export.csv":   "manager",
	"GET /stats/export.xlsx":  "manager",
	"GET /api/v1/stats":       "manager",

	"GET /api/v1/support-requests":               "partner_worker,adviser,manager",
	"POST /api/v1/support-requests":              "partner_worker,adviser",
	"GET /api/v1/support-requests/:id":           "partner_worker,adviser,manager",
	"POST /api/v1/support-requests/:id/messages": "partner_worker,adviser",
	"POST /api/v1/support-requests/:id/status":   "partner_worker,adviser,manager",
	"PUT /api/v1/support-requests/:id/rating":    "partner_worker,adviser",
	"GET /api/v1/knowledge-items":                "partner_worker,adviser,manager",

	"GET /admin/projects":                    "admin",
	"GET /admin/projects/new":                "admin",
	"POST /admin/projects":                   "admin",
	"GET /admin/projects/:id":                "admin",
	"POST /admin/projects/:id":               "admin",
	"POST /admin/projects/:id/targets":       "admin",
	"POST /admin/projects/:id/costs":         "admin",
	"GET /admin/stats-settings":              "admin",
	"POST /admin/stats-settings":             "admin",
	"POST /admin/stats-settings/staffing":    "admin",
	"POST /admin/stats-settings/key-figures": "admin",

	"GET /admin/taxonomies":              "admin",
	"GET /admin/taxonomies/:kind":        "admin",
	"POST /admin/taxonomies/:kind":       "admin",
	"POST /admin/taxonomies/:kind/:code": "admin",
}

func TestEveryRouteIsInTheTable(t *testing.T) {
	h := newHarness(t)
	table := map[string]bool{}
	for _, r := range h.server.routes() {
		table[r.method+" "+r.path] = true
	}
	for _, r := range h.server.engine().Routes() {
		if !table[r.Method+" "+r.Path] {
			t.Errorf("%s %s is registered but has no entry in the route table", r.Method, r.Path)
		}
		if _, ok := policy[r.Method+" "+r.Path]; !ok {
			t.Errorf("%s %s has no entry in the test's policy", r.Method, r.Path)
		}
	}
	if len(h.server.engine().Routes()) != len(table) {
		t.Errorf("%d registered routes, %d table entries", len(h.server.engine().Routes()), len(table))
	}
}

func TestAuthorizationMatrix(t *testing.T) {
	h := newHarness(t)
	params := h.matrixParams()
	sessions := map[string]*http.Client{"anonymous": h.browser()}
	for role, who := range roleLogins {
		sessions[role] = h.login(who[0], who[1])
	}
	for _, r := range h.server.routes() {
		for _, role := range []string{"anonymous", "adviser", "partner_worker", "manager", "admin"} {
			path := fillParamsAs(r.path, role, params)
			b := sessions[role]
			if r.method != http.MethodGet && role != "anonymous" {
				who := roleLogins[role]
				b = h.login(who[0], who[1]) // a POST may end the session (logout) or change data
			}
			resp := h.send(b, r.method, path)
			resp.Body.Close()
			if got, want := outcome(resp), expected(policy[r.method+" "+r.path], role); got != want {
				t.Errorf("%s %s as %s: %s (%d), table says %s", r.method, r.path, role, got, resp.StatusCode, want)
			}
		}
	}
}

// send makes a request of any method with an empty form body.
func (h *harness) send(b *http.Client, method, path string) *http.Response {
	h.t.Helper()
	if method == http.MethodGet {
		return h.get(b, path)
	}
	req, _ := http.NewRequest(method, h.base+path, strings.NewReader(""))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := b.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	return resp
}

func outcome(resp *http.Response) string {
	switch {
	case resp.StatusCode == http.StatusForbidden:
		return "forbidden"
	case resp.StatusCode == http.StatusUnauthorized,
		resp.StatusCode == http.StatusSeeOther && strings.HasPrefix(resp.Header.Get("Location"), "/login?return="):
		return "login required"
	case resp.StatusCode == http.StatusNotFound, resp.StatusCode == http.StatusMethodNotAllowed:
		return "missing"
	default:
		return "allowed"
	}
}

func expected(rule, role string) string {
	switch {
	case rule == "public":
		return "allowed"
	case role == "anonymous":
		return "login required"
	case rule == "user" || slices.Contains(strings.Split(rule, ","), role):
		return "allowed"
	}
	return "forbidden"
}

// hubRelease stores a release of the hub's own figures, as a manager's
// release would (an empty report).
func (h *harness) hubRelease() int64 {
	var id int64
	manager := h.db.NewUser(h.t, h.orgs["hub"], h.idp.IssuerURL("hub"), "release-manager", cases.RoleManager)
	h.db.InScope(h.t, cases.Scope{OrgID: h.orgs["hub"], UserID: manager}, func(tx *sqlx.Tx) error {
		return tx.Get(&id, `INSERT INTO stats_releases (scope_kind, scope_org, released_by_org, from_month, to_month,
			title, lang, k, report, cells, released_by) VALUES ('org', app_org_id(), app_org_id(), '2026-01-01', '2026-01-01',
			'Matrix release', 'fi', 5, '{}', '{}', app_user_id()) RETURNING id`)
	})
	return id
}

// matrixParams gives every route parameter a value that exists in the hub,
// so an allowed request reaches its handler instead of a 404.
func (h *harness) matrixParams() map[string]string {
	ctx := context.Background()
	var pointID int64
	h.db.InScope(h.t, cases.Scope{OrgID: h.orgs["hub"]}, func(tx *sqlx.Tx) (err error) {
		pointID, err = cases.CreateAdvicePoint(ctx, tx, nil, cases.AdvicePointInput{Name: "Matrix desk", Kind: "office", Active: true})
		return err
	})
	target := h.db.NewUser(h.t, h.orgs["hub"], h.idp.IssuerURL("hub"), "matrix-target", cases.RoleAdviser)
	contact, client, followUp := h.matrixCase(pointID)
	upload := h.matrixUpload()
	consultation := "/consultations/" + idString(h.bookSlot(h.publishSlot(1, 10)).ID)
	freeSlot := "/slots/" + idString(h.publishSlot(1, 13).ID)
	project := "/admin/projects/" + idString(h.hubProject("Matrix project"))
	params := map[string]string{
		"/consultations/:id":                      consultation,
		"/consultations/:id/cancel":               consultation + "/cancel",
		"/consultations/:id/reschedule":           consultation + "/reschedule",
		"/consultations/:id/no-show":              consultation + "/no-show",
		"/consultations/:id/link":                 consultation + "/link",
		"/consultations/:id/hold":                 consultation + "/hold",
		"/consultations/:id/invitation":           consultation + "/invitation",
		"/consultations/:id/qr.png":               consultation + "/qr.png",
		"/consultations/:id/qr.svg":               consultation + "/qr.svg",
		"/consultations/:id/calendar.ics":         consultation + "/calendar.ics",
		"/slots/:id/withdraw":                     freeSlot + "/withdraw",
		"/api/v1/consultations/:id":               "/api/v1" + consultation,
		"/api/v1/consultations/:id/contact-draft": "/api/v1" + consultation + "/contact-draft",
		"/api/v1/consultations/:id/status":        "/api/v1" + consultation + "/status",
		"/api/v1/consultations/:id/schedule":      "/api/v1" + consultation + "/schedule",
		"/api/v1/consultations/:id/link":          "/api/v1" + consultation + "/link",
		"/api/v1/slots/:id":                       "/api/v1/slots/" + idString(h.publishSlot(1, 15).ID),
		"/imports/:id":                            upload,
		"/imports/:id/check":                      upload + "/check",
		"/imports/:id/commit":                     upload + "/commit",
		"/imports/:id/progress":                   upload + "/progress",
		"/imports/:id/status":                     upload + "/status",
		"/contacts/:id":                           "/contacts/" + idString(contact),
		"/contacts/:id/edit":                      "/contacts/" + idString(contact) + "/edit",
		"/contacts/:id/delete":                    "/contacts/" + idString(contact) + "/delete",
		"/clients/:id":                            "/clients/" + idString(client),
		"/clients/:id/edit":                       "/clients/" + idString(client) + "/edit",
		"/clients/:id/purpose":                    "/clients/" + idString(client) + "/purpose",
		"/follow-ups/:id/done":                    "/follow-ups/" + idString(followUp) + "/done",
		"/follow-ups/:id/take-over":               "/follow-ups/" + idString(followUp) + "/take-over",
		"/api/v1/contacts/:id":                    "/api/v1/contacts/" + idString(contact),
		"/api/v1/clients/:id":                     "/api/v1/clients/" + idString(client),
		"/api/v1/taxonomies/:kind":                "/api/v1/taxonomies/topic",
		"/api/v1/taxonomies/:kind/:code":          "/api/v1/taxonomies/channel/phone",
		"/admin/taxonomies/:kind":                 "/admin/taxonomies/topic",
		"/admin/taxonomies/:kind/:code":           "/admin/taxonomies/channel/phone",
		"/admin/organisations/:id":                "/admin/organisations/" + idString(h.orgs["hub"]),
		"/admin/advice-points/:id":                "/admin/advice-points/" + idString(pointID),
		"/admin/users/:id":                        "/admin/users/" + idString(target),
		"/admin/projects/:id":                     project,
		"/admin/projects/:id/targets":             project + "/targets",
		"/admin/projects/:id/costs":               project + "/costs",
		"/stats/releases/:id":                     "/stats/releases/" + idString(h.hubRelease()),
		"/admin/outbox/:id/retry":                 "/admin/outbox/" + idString(h.failedMessage(h.orgs["hub"])) + "/retry",
		"/static/:file":                           h.server.pages.Assets.URL("app.css"),
	}
	h.matrixSupport(params)
	return params
}

// fillParamsAs is fillParams with a role's own value where the matrix
// has one ("partner_worker /support/:id"): a support request is seen from
// two organisations, so the partner's worker gets the partner's request.
func fillParamsAs(path, role string, params map[string]string) string {
	if filled, ok := params[role+" "+path]; ok {
		return filled
	}
	return fillParams(path, params)
}

func fillParams(path string, params map[string]string) string {
	if filled, ok := params[path]; ok {
		return filled
	}
	if strings.Contains(path, ":") {
		panic("no matrix value for " + path)
	}
	return path
}

// matrixCase records a contact with a client and a follow-up by the
// matrix's adviser, so that every case-work route has a real record.
func (h *harness) matrixCase(pointID int64) (contact, client, followUp int64) {
	ctx := context.Background()
	h.db.InScope(h.t, cases.Scope{OrgID: h.orgs["hub"], UserID: h.users["hub-adviser"]}, func(tx *sqlx.Tx) error {
		tax, err := cases.LoadTaxonomy(ctx, tx)
		if err != nil {
			return err
		}
		c, _, err := cases.CreateClient(ctx, tx, tax, nil, cases.ClientInput{}, time.Now())
		if err != nil {
			return err
		}
		due := time.Now().AddDate(0, 0, 1)
		in := cases.ContactInput{AdvicePointID: pointID, ClientID: c.ID, StartedAt: time.Now().Add(-time.Hour), DurationMin: 10,
			Channel: "walk_in", Topics: []string{tax.Active("topic")[0].Code}, Outcome: "follow_up_planned", FollowUpOn: &due}
		if contact, _, err = cases.CreateContact(ctx, tx, tax, nil, in, time.Now()); err != nil {
			return err
		}
		client = c.ID
		return tx.Get(&followUp, `SELECT id FROM follow_ups WHERE contact_id = $1`, contact)
	})
	return contact, client, followUp
}
