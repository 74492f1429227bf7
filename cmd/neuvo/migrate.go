package main

import (
	"context"
	"fmt"
	"io"

	"neuvo/cases"
	"neuvo/migrations"
)

func migrate(ctx context.Context, getenv func(string) string, stdout io.Writer) error {
	cfg, err := loadConfig(getenv, "NEUVO_MIGRATE_DATABASE_URL")
	if err != nil {
		return err
	}
	if cfg.ServiceRole == "" {
		return fmt.Errorf("configuration:\n  NEUVO_SERVICE_ROLE: required when NEUVO_DATABASE_URL does not name the service role")
	}
	return migrateDatabase(ctx, cfg.MigrateDatabaseURL, cfg.ServiceRole, stdout)
}

func migrateDatabase(ctx context.Context, ownerURL, serviceRole string, stdout io.Writer) error {
	db, err := cases.Open(ctx, ownerURL, 2)
	if err != nil {
		return err
	}
	defer db.Close()
	applied, err := migrations.Apply(ctx, db.DB, serviceRole)
	for _, v := range applied {
		fmt.Fprintf(stdout, "applied migration %03d\n", v)
	}
	if err != nil {
		return err
	}
	if err := cases.SeedAllNetworks(ctx, db); err != nil {
		return fmt.Errorf("adding standard taxonomy items: %w", err)
	}
	fmt.Fprintf(stdout, "schema at version %d; service role %s has its grants\n", migrations.Latest(), serviceRole)
	return nil
}
