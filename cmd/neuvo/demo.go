package main

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/url"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/auth/devidp"
	"neuvo/cases"
	"neuvo/cases/jobs"
	"neuvo/cases/notify"
	"neuvo/server"
)

// demoOrg is one organisation of the demo network with its demo users.
type demoOrg struct {
	slug, name, code, kind string
	points                 []cases.AdvicePointInput
	users                  []devidp.User
}

const (
	demoNetwork  = "Pohjois-Karjala (demo)"
	demoClientID = "neuvo-demo"
	demoSecret   = "neuvo-demo-secret"
)

func demoUser(subject, name string, roles ...string) devidp.User {
	return devidp.User{Subject: subject, Name: name, Email: subject + "@demo.neuvo.invalid", Roles: roles}
}

// demoOrgs is the demo network: the Joensuu hub and four partners, with
// Statistics Finland's municipality codes.
var demoOrgs = []demoOrg{
	{slug: "joensuu", name: "Joensuu", code: "167", kind: cases.KindHub,
		points: []cases.AdvicePointInput{
			{Name: "International House Joensuu", Kind: "office", Address: "Rantakatu 20, 80100 Joensuu", Active: true},
			{Name: "Etäneuvonta", Kind: "online", Active: true},
		},
		users: []devidp.User{
			demoUser("joensuu-adviser", "Aino Korhonen", "adviser"),
			demoUser("joensuu-adviser2", "Mohammed Al-Sayed", "adviser"),
			demoUser("joensuu-manager", "Liisa Nieminen", "manager"),
			demoUser("joensuu-admin", "Pekka Hyvönen", "admin"),
			demoUser("joensuu-lead", "Sanna Turunen", "adviser", "manager", "admin"),
		}},
	{slug: "liperi", name: "Liperi", code: "426", kind: cases.KindPartner,
		points: []cases.AdvicePointInput{{Name: "Liperin sosiaalitoimisto", Kind: "office", Active: true}},
		users: []devidp.User{
			demoUser("liperi-worker", "Katja Räsänen", "partner_worker"),
			demoUser("liperi-manager", "Juha Kettunen", "manager"),
			demoUser("liperi-admin", "Tiina Pesonen", "admin"),
		}},
	{slug: "kontiolahti", name: "Kontiolahti", code: "276", kind: cases.KindPartner,
		points: []cases.AdvicePointInput{{Name: "Kontiolahden kirjasto, infopiste", Kind: "info_desk", Active: true}},
		users: []devidp.User{
			demoUser("kontiolahti-worker", "Ville Lappalainen", "partner_worker"),
			demoUser("kontiolahti-adviser", "Olga Ivanova", "adviser"),
		}},
	{slug: "ilomantsi", name: "Ilomantsi", code: "146", kind: cases.KindPartner,
		users: []devidp.User{demoUser("ilomantsi-worker", "Eeva Hirvonen", "partner_worker")}},
	{slug: "outokumpu", name: "Outokumpu", code: "309", kind: cases.KindPartner,
		users: []devidp.User{demoUser("outokumpu-worker", "Markus Partanen", "partner_worker")}},
}

// demoProvider builds the local OpenID provider with one issuer per demo
// organisation. It is only ever started by `neuvo dev` and tests.
func demoProvider(idpBase string, neuvoBase *url.URL) (*devidp.Provider, error) {
	cfg := devidp.Config{BaseURL: idpBase, Client: devidp.Client{
		ID: demoClientID, Secret: demoSecret,
		RedirectURIs:           []string{server.RedirectURL(neuvoBase)},
		PostLogoutRedirectURIs: []string{server.PostLogoutURL(neuvoBase)},
	}}
	for _, o := range demoOrgs {
		cfg.Issuers = append(cfg.Issuers, devidp.Issuer{Slug: o.slug, Title: o.name + " (demo)", Users: o.users})
	}
	return devidp.New(cfg)
}

// seedDemo creates the demo network unless it exists, then its case data
// for every demo adviser who has no contacts yet: an older dev database has
// the network but no cases, and gets them on its next start. Its support
// requests notify their people through n (nil: nobody). created reports
// whether the network was new.
func seedDemo(ctx context.Context, owner, service *sqlx.DB, idp *devidp.Provider, n cases.SupportNotifier) (created bool, err error) {
	if created, err = seedDemoNetwork(ctx, owner, service, idp); err != nil {
		return false, err
	}
	now := time.Now()
	if err := seedDemoCases(ctx, service, now); err != nil {
		return created, err
	}
	if err := seedDemoStatistics(ctx, service, now); err != nil {
		return created, err
	}
	queue, err := demoJobs(service)
	if err != nil {
		return created, err
	}
	if err := seedDemoConsultations(ctx, service, queue, now); err != nil {
		return created, err
	}
	if err := seedDemoProjects(ctx, service, now); err != nil {
		return created, err
	}
	return created, seedDemoSupport(ctx, service, n, now)
}

// demoJobs is a job client that only inserts: the notices the demo's
// upcoming consultations queue are sent by Neuvo's own client once it runs.
func demoJobs(db *sqlx.DB) (*jobs.Client, error) {
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	reg := jobs.NewRegistry()
	notify.Register(reg, db, notify.SMTP{}, quiet)
	cases.RegisterConsultationJobs(reg, db, &cases.ConsultationMail{})
	return jobs.New(db, reg, jobs.Options{Logger: quiet})
}

// seedDemoNetwork creates the organisations and users. The hub is created
// by the owner (as `neuvo bootstrap` does), everything else through the
// service role in the organisations' own scopes, as the UI would.
func seedDemoNetwork(ctx context.Context, owner, service *sqlx.DB, idp *devidp.Provider) (bool, error) {
	var exists bool
	if err := owner.GetContext(ctx, &exists, `SELECT EXISTS (SELECT 1 FROM networks WHERE name = $1)`, demoNetwork); err != nil || exists {
		return false, err
	}
	orgInput := func(o demoOrg) cases.OrganisationInput {
		return cases.OrganisationInput{Name: o.name, MunicipalityCode: o.code, Issuer: idp.IssuerURL(o.slug),
			ClientID: demoClientID, ClientSecret: demoSecret, RoleClaim: "roles",
			RoleMap: "adviser=adviser,partner_worker=partner_worker,manager=manager,admin=admin", Active: true,
			ContactEditDays: 14}
	}
	hubID, err := cases.CreateNetwork(ctx, owner, demoNetwork, orgInput(demoOrgs[0]))
	if err != nil {
		return false, err
	}
	for i, o := range demoOrgs {
		orgID := hubID
		if i > 0 {
			err := cases.InScope(ctx, service, cases.Scope{OrgID: hubID}, func(tx *sqlx.Tx) (err error) {
				orgID, err = cases.CreatePartner(ctx, tx, nil, orgInput(o))
				return err
			})
			if err != nil {
				return false, err
			}
		}
		if err := cases.InScope(ctx, service, cases.Scope{OrgID: orgID}, func(tx *sqlx.Tx) error {
			return seedOrgContent(ctx, tx, o, idp.IssuerURL(o.slug))
		}); err != nil {
			return false, err
		}
	}
	return true, nil
}

func seedOrgContent(ctx context.Context, tx *sqlx.Tx, o demoOrg, issuer string) error {
	for _, p := range o.points {
		if _, err := cases.CreateAdvicePoint(ctx, tx, nil, p); err != nil {
			return err
		}
	}
	for _, u := range o.users {
		var roles cases.Roles
		for _, name := range u.Roles {
			r, ok := cases.ParseRole(name)
			if !ok {
				return errors.New("demo user with unknown role " + name)
			}
			roles = append(roles, r)
		}
		_, err := cases.PreRegisterUser(ctx, tx, nil, cases.LoginIdentity{Issuer: issuer, Subject: u.Subject,
			Name: u.Name, Email: u.Email, SeedRoles: roles})
		if err != nil {
			return err
		}
	}
	return nil
}
