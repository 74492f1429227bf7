package server

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
)

// supportQuestion is a request without identifiers.
func supportQuestion(text string) cases.SupportInput {
	return cases.SupportInput{Sector: "social_work", Topics: []string{"permits"}, Urgency: cases.UrgencyThisWeek,
		AnswerChannel: "written", Question: text}
}

// actorOf is a harness user as the support domain sees them.
func (h *harness) actorOf(slug, subject string, roles ...cases.Role) cases.SupportActor {
	return cases.SupportActor{UserID: h.users[subject], Name: subject, OrgID: h.orgs[slug], Roles: roles}
}

// fileSupport files a request as a harness user, through the domain.
func (h *harness) fileSupport(slug, subject string, role cases.Role, in cases.SupportInput) int64 {
	h.t.Helper()
	who := h.actorOf(slug, subject, role)
	var id int64
	h.db.InScope(h.t, cases.Scope{OrgID: who.OrgID, UserID: who.UserID}, func(tx *sqlx.Tx) error {
		ctx := context.Background()
		tax, err := cases.LoadTaxonomy(ctx, tx)
		if err != nil {
			return err
		}
		guard, err := cases.LoadGuard(ctx, tx, tax)
		if err != nil {
			return err
		}
		r, _, err := cases.FileSupportRequest(ctx, tx, tax, guard, who, in, time.Now())
		id = r.ID
		return err
	})
	return id
}

// supportGroup makes an expert group of the hub with the hub's adviser.
func (h *harness) supportGroup(name string) int64 {
	h.t.Helper()
	var id int64
	h.db.InScope(h.t, cases.Scope{OrgID: h.orgs["hub"], UserID: h.users["hub-manager"]}, func(tx *sqlx.Tx) error {
		ctx := context.Background()
		tax, err := cases.LoadTaxonomy(ctx, tx)
		if err != nil {
			return err
		}
		hub, err := cases.GetOrganisation(ctx, tx, h.orgs["hub"])
		if err != nil {
			return err
		}
		id, err = cases.SaveExpertGroup(ctx, tx, tax, cases.Roles{cases.RoleManager}, hub, 0,
			cases.ExpertGroupInput{Name: name, Topics: []string{"permits"}, Members: []int64{h.users["hub-adviser"]}})
		return err
	})
	return id
}

// matrixSupport adds the support routes' records: a request the hub's
// adviser filed (both sides are the hub's), the partner worker's own
// request, and an expert group.
func (h *harness) matrixSupport(params map[string]string) {
	hubRequest := idString(h.fileSupport("hub", "hub-adviser", cases.RoleAdviser, supportQuestion("Matriisin kysymys")))
	partnerRequest := idString(h.fileSupport("partner", "partner-worker", cases.RolePartnerWorker, supportQuestion("Kumppanin kysymys")))
	group := idString(h.supportGroup("Matrix group"))
	for _, suffix := range []string{"", "/messages", "/take", "/assign", "/close", "/rating", "/knowledge"} {
		params["/support/:id"+suffix] = "/support/" + hubRequest + suffix
		params["partner_worker /support/:id"+suffix] = "/support/" + partnerRequest + suffix
	}
	for _, suffix := range []string{"", "/messages", "/status", "/rating"} {
		params["/api/v1/support-requests/:id"+suffix] = "/api/v1/support-requests/" + hubRequest + suffix
		params["partner_worker /api/v1/support-requests/:id"+suffix] = "/api/v1/support-requests/" + partnerRequest + suffix
	}
	params["/support/groups/:id"] = "/support/groups/" + group
}
