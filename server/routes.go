package server

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
)

// route is one entry of the route table: what answers, and who may ask.
type route struct {
	method string
	path   string
	access access
	handle gin.HandlerFunc
}

// routes is the one table of every route, its permission and handler.
// A test walks it against every role (routes_test.go).
func (s *Server) routes() []route {
	const get, post, put, del = http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete
	admin := only(cases.RoleAdmin)
	adviser := only(cases.RoleAdviser)
	caseWork := only(cases.RoleAdviser, cases.RoleManager)
	// Consultations cross organisations: cases also checks the side (hub
	// or partner) of the organisation, and RLS which records it sees.
	consults := only(cases.RoleAdviser, cases.RolePartnerWorker, cases.RoleManager)
	booker := only(cases.RoleAdviser, cases.RolePartnerWorker)
	asker := only(cases.RolePartnerWorker, cases.RoleAdviser) // asks the hub (a partner's worker, or anyone's adviser)
	coordinator := only(cases.RoleManager)                    // the hub's managers assign and report
	supportReader := only(cases.RolePartnerWorker, cases.RoleAdviser, cases.RoleManager)
	manager := only(cases.RoleManager) // statistics: cases/stats decides which scopes
	return []route{
		{get, "/healthz", bare, s.healthz},
		{get, "/readyz", bare, s.readyz},
		{get, "/static/:file", bare, s.static},

		{get, "/login", public, s.loginPage},
		{post, "/login", public, s.loginStart},
		{get, "/auth/callback", bare, s.loginCallback},
		{get, "/logged-out", public, s.loggedOut},
		{post, "/logout", anyUser, s.logout},
		{post, "/language", public, s.setLanguage},

		{get, "/", anyUser, s.home},
		{get, "/notifications", anyUser, s.notificationList},
		{post, "/notifications/read", anyUser, s.notificationsRead},

		{get, "/contacts", caseWork, s.contactList},
		{get, "/contacts/new", adviser, s.contactNew},
		{post, "/contacts", adviser, s.contactCreate},
		{get, "/contacts/:id", caseWork.audited(), s.contactShow},
		{get, "/contacts/:id/edit", caseWork.audited(), s.contactEdit},
		{post, "/contacts/:id", caseWork, s.contactUpdate},
		{post, "/contacts/:id/delete", caseWork, s.contactDelete},

		{get, "/imports", adviser, s.importStart},
		{post, "/imports", adviser, s.importUpload},
		{get, "/imports/:id", adviser, s.importMap},
		{post, "/imports/:id/check", adviser, s.importCheck},
		{post, "/imports/:id/commit", adviser, s.importCommit},
		{get, "/imports/:id/progress", adviser, s.importProgressShow},
		{get, "/imports/:id/status", adviser, s.importStatus},

		{get, "/clients", adviser, s.clientList},
		{post, "/clients/find", adviser, s.clientFind},
		{get, "/clients/new", adviser, s.clientNew},
		{post, "/clients", adviser, s.clientCreate},
		{get, "/clients/:id", adviser.audited(), s.clientShow},
		{get, "/clients/:id/purpose", adviser, s.clientPurposeForm},
		{post, "/clients/:id/purpose", adviser, s.clientPurposeSave},
		{get, "/clients/:id/edit", adviser.audited(), s.clientEdit},
		{post, "/clients/:id", adviser, s.clientUpdate},
		{post, "/follow-ups/:id/take-over", adviser, s.followUpTakeOver},
		{post, "/follow-ups/:id/done", caseWork, s.followUpDone},

		{get, "/consultations", consults, s.consultationCalendar},
		{get, "/consultations/new", booker, s.consultationNew},
		{post, "/consultations", booker, s.consultationCreate},
		{get, "/consultations/:id", consults.audited(), s.consultationShow},
		{get, "/consultations/:id/invitation", consults, s.consultationInvitation},
		{get, "/consultations/:id/qr.png", consults, s.consultationQR("png")},
		{get, "/consultations/:id/qr.svg", consults, s.consultationQR("svg")},
		{get, "/consultations/:id/calendar.ics", consults, s.consultationICS},
		{post, "/consultations/:id/cancel", booker, s.consultationCancel},
		{post, "/consultations/:id/reschedule", booker, s.consultationReschedule},
		{post, "/consultations/:id/no-show", adviser, s.consultationNoShow},
		{post, "/consultations/:id/link", adviser, s.consultationLink},
		{get, "/consultations/:id/hold", adviser.audited(), s.consultationHoldForm},
		{post, "/consultations/:id/hold", adviser, s.consultationHold},
		{get, "/slots", booker, s.slotList},
		{get, "/slots/new", adviser, s.slotNew},
		{post, "/slots", adviser, s.slotCreate},
		{post, "/slots/:id/withdraw", adviser, s.slotWithdraw},
		{get, "/support", asker, s.supportList},
		{get, "/support/new", asker, s.supportNew},
		{post, "/support", asker, s.supportCreate},
		{get, "/support/knowledge", supportReader, s.supportKnowledge},
		{get, "/support/queue", caseWork, s.supportQueue},
		{get, "/support/stats", coordinator, s.supportStats},
		{get, "/support/groups", coordinator, s.supportGroups},
		{post, "/support/groups", coordinator, s.supportGroupCreate},
		{get, "/support/groups/:id", coordinator, s.supportGroupEdit},
		{post, "/support/groups/:id", coordinator, s.supportGroupUpdate},
		{get, "/support/:id", supportReader.audited(), s.supportShow},
		{post, "/support/:id/messages", asker, s.supportMessage},
		{post, "/support/:id/take", adviser, s.supportTake},
		{post, "/support/:id/assign", coordinator, s.supportAssign},
		{post, "/support/:id/close", supportReader, s.supportClose},
		{post, "/support/:id/rating", asker, s.supportRate},
		{post, "/support/:id/knowledge", adviser, s.supportShare},

		{get, "/stats", manager, s.statsShow},
		{get, "/stats/print", manager, s.statsPrint},
		{get, "/stats/export.csv", manager, s.statsExportCSV},
		{get, "/stats/export.xlsx", manager, s.statsExportXLSX},
		{post, "/stats/releases", manager, s.statsRelease},
		{get, "/stats/releases/:id", manager, s.statsReleaseShow},

		{get, "/api/v1/openapi.json", bare, s.openAPI},
		{get, "/api/v1/me", anyUser, s.apiMe},
		{get, "/api/v1/contacts", caseWork.audited(), s.apiContactList},
		{post, "/api/v1/contacts", adviser, s.apiContactCreate},
		{get, "/api/v1/contacts/:id", caseWork.audited(), s.apiContactGet},
		{put, "/api/v1/contacts/:id", caseWork, s.apiContactUpdate},
		{del, "/api/v1/contacts/:id", caseWork, s.apiContactDelete},
		{get, "/api/v1/clients", adviser, s.apiClientList},
		{post, "/api/v1/clients", adviser, s.apiClientCreate},
		{get, "/api/v1/clients/:id", adviser.audited(), s.apiClientGet},
		{put, "/api/v1/clients/:id", adviser, s.apiClientUpdate},
		{get, "/api/v1/consultations", consults, s.apiConsultationList},
		{post, "/api/v1/consultations", booker, s.apiConsultationCreate},
		{get, "/api/v1/consultations/:id", consults.audited(), s.apiConsultationGet},
		{get, "/api/v1/consultations/:id/contact-draft", adviser.audited(), s.apiConsultationDraft},
		{post, "/api/v1/consultations/:id/status", booker, s.apiConsultationStatus},
		{put, "/api/v1/consultations/:id/schedule", booker, s.apiConsultationReschedule},
		{put, "/api/v1/consultations/:id/link", adviser, s.apiConsultationLink},
		{get, "/api/v1/slots", booker, s.apiSlotList},
		{post, "/api/v1/slots", adviser, s.apiSlotCreate},
		{get, "/api/v1/slots/:id", booker, s.apiSlotGet},
		{del, "/api/v1/slots/:id", adviser, s.apiSlotWithdraw},
		{get, "/api/v1/support-requests", supportReader, s.apiSupportList},
		{post, "/api/v1/support-requests", asker, s.apiSupportCreate},
		{get, "/api/v1/support-requests/:id", supportReader.audited(), s.apiSupportGet},
		{post, "/api/v1/support-requests/:id/messages", asker, s.apiSupportMessage},
		{post, "/api/v1/support-requests/:id/status", supportReader, s.apiSupportStatus},
		{put, "/api/v1/support-requests/:id/rating", asker, s.apiSupportRating},
		{get, "/api/v1/knowledge-items", supportReader, s.apiKnowledgeList},
		{get, "/api/v1/stats", manager, s.apiStats},
		{get, "/api/v1/taxonomies", anyUser, s.apiTaxonomyList},
		{get, "/api/v1/taxonomies/:kind", anyUser, s.apiTaxonomyGet},
		{post, "/api/v1/taxonomies/:kind", admin, s.apiTaxonomyAdd},
		{put, "/api/v1/taxonomies/:kind/:code", admin, s.apiTaxonomyUpdate},

		{get, "/admin/organisations", admin, s.organisationList},
		{get, "/admin/organisations/new", admin, s.organisationNew},
		{post, "/admin/organisations", admin, s.organisationCreate},
		{get, "/admin/organisations/:id", admin, s.organisationEdit},
		{post, "/admin/organisations/:id", admin, s.organisationUpdate},

		{get, "/admin/advice-points", admin, s.advicePointList},
		{get, "/admin/advice-points/new", admin, s.advicePointNew},
		{post, "/admin/advice-points", admin, s.advicePointCreate},
		{get, "/admin/advice-points/:id", admin, s.advicePointEdit},
		{post, "/admin/advice-points/:id", admin, s.advicePointUpdate},

		{get, "/admin/users", admin, s.userList},
		{get, "/admin/users/new", admin, s.userNew},
		{post, "/admin/users", admin, s.userCreate},
		{get, "/admin/users/:id", admin, s.userEdit},
		{post, "/admin/users/:id", admin, s.userUpdate},

		{get, "/admin/audit", admin, s.auditList},

		{get, "/admin/outbox", admin, s.outboxList},
		{post, "/admin/outbox/test", admin, s.outboxTest},
		{post, "/admin/outbox/:id/retry", admin, s.outboxRetry},
		{get, "/admin/support-targets", admin, s.supportTargets},
		{post, "/admin/support-targets", admin, s.supportTargetsSave},

		{get, "/admin/projects", admin, s.projectList},
		{get, "/admin/projects/new", admin, s.projectNew},
		{post, "/admin/projects", admin, s.projectCreate},
		{get, "/admin/projects/:id", admin, s.projectEdit},
		{post, "/admin/projects/:id", admin, s.projectUpdate},
		{post, "/admin/projects/:id/targets", admin, s.projectTargetsSave},
		{post, "/admin/projects/:id/costs", admin, s.projectCostsSave},
		{get, "/admin/stats-settings", admin, s.statsSettings},
		{post, "/admin/stats-settings", admin, s.statsThresholdSave},
		{post, "/admin/stats-settings/staffing", admin, s.statsStaffingSave},
		{post, "/admin/stats-settings/key-figures", admin, s.statsKeysSave},

		{get, "/admin/taxonomies", admin, s.taxonomyKinds},
		{get, "/admin/taxonomies/:kind", admin, s.taxonomyKind},
		{post, "/admin/taxonomies/:kind", admin, s.taxonomyAdd},
		{post, "/admin/taxonomies/:kind/:code", admin, s.taxonomyUpdate},
	}
}

// bodyLimits names the routes whose request bodies may be larger than
// smallBody (1 MB). Every body is read whole, up to its route's limit,
// before the request's transaction opens; beyond it the answer is 413.
func bodyLimits() map[string]bodyLimit {
	return map[string]bodyLimit{
		"POST /imports": {max: maxImportBytes, spool: true},
		// A support text is at most cases.MaxSupportText characters, which
		// the identity guard checks in milliseconds; its form is a few more.
		"POST /support":                              {max: supportBody},
		"POST /support/:id/messages":                 {max: supportBody},
		"POST /support/:id/rating":                   {max: supportBody},
		"POST /support/:id/knowledge":                {max: supportBody},
		"POST /api/v1/support-requests":              {max: supportBody},
		"POST /api/v1/support-requests/:id/messages": {max: supportBody},
		"PUT /api/v1/support-requests/:id/rating":    {max: supportBody},
	}
}
