package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/auth"
	"neuvo/cases"
	"neuvo/migrations"
)

// benchDB is a throw-away database for one benchmark run, with an owner
// and a service role as in production. drop removes all three.
type benchDB struct {
	admin                *sqlx.DB
	name, owner, service string
	ownerURL, serviceURL string
}

func newBenchDB(ctx context.Context, adminURL string) (*benchDB, error) {
	admin, err := cases.Open(ctx, adminURL, 2)
	if err != nil {
		return nil, err
	}
	b := make([]byte, 4)
	rand.Read(b)
	name := "neuvo_bench_" + hex.EncodeToString(b)
	d := &benchDB{admin: admin, name: name, owner: name + "_owner", service: name + "_app"}
	for _, stmt := range []string{`CREATE ROLE ` + d.owner + ` LOGIN CREATEROLE`, `CREATE DATABASE ` + d.name + ` OWNER ` + d.owner} {
		if _, err := admin.ExecContext(ctx, stmt); err != nil {
			d.drop()
			return nil, err
		}
	}
	d.ownerURL, d.serviceURL = withUserAndDB(adminURL, d.owner, d.name), withUserAndDB(adminURL, d.service, d.name)
	owner, err := cases.Open(ctx, d.ownerURL, 2)
	if err != nil {
		d.drop()
		return nil, err
	}
	defer owner.Close()
	if _, err := migrations.Apply(ctx, owner.DB, d.service); err != nil {
		d.drop()
		return nil, err
	}
	return d, nil
}

func (d *benchDB) drop() {
	d.admin.Exec(`DROP DATABASE IF EXISTS ` + d.name + ` WITH (FORCE)`)
	d.admin.Exec(`DROP ROLE IF EXISTS ` + d.service)
	d.admin.Exec(`DROP ROLE IF EXISTS ` + d.owner)
	d.admin.Close()
}

// benchOrg is the organisation the benchmark works in: one advice point
// and one adviser with a session per simulated client.
type benchOrg struct {
	orgID, pointID int64
	advisers       []int64
	sessions       []string // session secrets, one per adviser
}

func seedBenchOrg(ctx context.Context, d *benchDB, service *sqlx.DB, advisers int, policy auth.SessionPolicy) (benchOrg, error) {
	owner, err := cases.Open(ctx, d.ownerURL, 2)
	if err != nil {
		return benchOrg{}, err
	}
	defer owner.Close()
	var o benchOrg
	o.orgID, err = cases.CreateNetwork(ctx, owner, "Bench network", cases.OrganisationInput{Name: "Bench hub",
		MunicipalityCode: "167", Issuer: "https://bench.invalid/hub", ClientID: "neuvo", Active: true, ContactEditDays: 14})
	if err != nil {
		return o, err
	}
	if err := cases.SeedAllNetworks(ctx, owner); err != nil {
		return o, err
	}
	err = cases.InScope(ctx, service, cases.Scope{OrgID: o.orgID}, func(tx *sqlx.Tx) (err error) {
		o.pointID, err = cases.CreateAdvicePoint(ctx, tx, nil, cases.AdvicePointInput{Name: "Bench desk", Kind: "office", Active: true})
		for i := 0; i < advisers && err == nil; i++ {
			err = o.addAdviser(ctx, tx, i, policy)
		}
		return err
	})
	return o, err
}

func (o *benchOrg) addAdviser(ctx context.Context, tx *sqlx.Tx, i int, policy auth.SessionPolicy) error {
	id, err := cases.PreRegisterUser(ctx, tx, nil, cases.LoginIdentity{Issuer: "https://bench.invalid/hub",
		Subject: fmt.Sprintf("adviser-%02d", i), Name: fmt.Sprintf("Adviser %02d", i), SeedRoles: cases.Roles{cases.RoleAdviser}})
	if err != nil {
		return err
	}
	secret, err := auth.StartSession(ctx, tx, policy, id, "")
	o.advisers, o.sessions = append(o.advisers, id), append(o.sessions, secret)
	return err
}

var benchPolicy = auth.SessionPolicy{Idle: 10 * time.Hour, Absolute: 10 * time.Hour}
