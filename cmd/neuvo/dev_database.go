package main

import (
	"context"
	"net/url"

	"github.com/lib/pq"

	"neuvo/cases"
)

const (
	devDatabase    = "neuvo_dev"
	devOwnerRole   = "neuvo_dev_owner"
	devServiceRole = "neuvo_dev_app"
)

// devDatabaseURLs makes sure the demo database and its owner exist and
// returns the owner's and the service role's URLs. The service role itself
// is created by the migration, as in production.
func devDatabaseURLs(ctx context.Context, adminURL string) (ownerURL, serviceURL string, err error) {
	admin, err := cases.Open(ctx, adminURL, 1)
	if err != nil {
		return "", "", err
	}
	defer admin.Close()
	var exists bool
	admin.GetContext(ctx, &exists, `SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)`, devOwnerRole)
	if !exists {
		if _, err := admin.ExecContext(ctx, `CREATE ROLE `+pq.QuoteIdentifier(devOwnerRole)+` LOGIN CREATEROLE`); err != nil {
			return "", "", err
		}
	}
	admin.GetContext(ctx, &exists, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, devDatabase)
	if !exists {
		if _, err := admin.ExecContext(ctx, `CREATE DATABASE `+devDatabase+` OWNER `+pq.QuoteIdentifier(devOwnerRole)); err != nil {
			return "", "", err
		}
	}
	return withUserAndDB(adminURL, devOwnerRole, devDatabase), withUserAndDB(adminURL, devServiceRole, devDatabase), nil
}

func withUserAndDB(base, user, db string) string {
	u, err := url.Parse(base)
	if err != nil {
		return base
	}
	u.User = url.User(user)
	u.Path = "/" + db
	return u.String()
}
