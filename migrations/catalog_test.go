package migrations_test

import (
	"context"
	"sync"
	"testing"

	"neuvo/cases/dbtest"
	"neuvo/migrations"
)

func TestEveryTenantTableForcesRowLevelSecurity(t *testing.T) {
	d := dbtest.New(t)
	var unprotected []string
	err := d.Owner.Select(&unprotected, `SELECT c.relname FROM pg_class c
		JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'org_id' AND NOT a.attisdropped
		WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
		  AND NOT (c.relrowsecurity AND c.relforcerowsecurity)`)
	if err != nil {
		t.Fatal(err)
	}
	if len(unprotected) > 0 {
		t.Fatalf("tables with org_id lacking ENABLE + FORCE ROW LEVEL SECURITY: %v", unprotected)
	}
	var tenantTables int
	d.Owner.Get(&tenantTables, `SELECT count(*) FROM pg_attribute WHERE attname = 'org_id'
		AND attrelid IN (SELECT oid FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r')`)
	if tenantTables < 6 {
		t.Fatalf("only %d tenant tables found; the catalog query is not seeing the schema", tenantTables)
	}
}

func TestServiceRoleOwnsNothingAndCannotBypass(t *testing.T) {
	d := dbtest.New(t)
	var owned int
	d.Owner.Get(&owned, `SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner
		WHERE r.rolname = $1`, d.ServiceRole)
	if owned != 0 {
		t.Errorf("service role owns %d relations", owned)
	}
	var super, bypass bool
	if err := d.Owner.QueryRow(`SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1`, d.ServiceRole).Scan(&super, &bypass); err != nil {
		t.Fatal(err)
	}
	if super || bypass {
		t.Errorf("service role superuser=%v bypassrls=%v", super, bypass)
	}
	for _, privilege := range []string{"UPDATE", "DELETE", "TRUNCATE"} {
		var has bool
		d.Owner.QueryRow(`SELECT has_table_privilege($1, 'audit_events', $2)`, d.ServiceRole, privilege).Scan(&has)
		if has {
			t.Errorf("service role has %s on audit_events", privilege)
		}
	}
	var canInsert bool
	d.Owner.QueryRow(`SELECT has_table_privilege($1, 'audit_events', 'INSERT')`, d.ServiceRole).Scan(&canInsert)
	if !canInsert {
		t.Error("service role cannot insert audit events")
	}
}

func TestApplyIsIdempotentAndSerialised(t *testing.T) {
	d := dbtest.New(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make([]error, 3)
	applied := make([][]int, 3)
	for i := range 3 {
		wg.Go(func() { applied[i], errs[i] = migrations.Apply(ctx, d.Owner.DB, d.ServiceRole) })
	}
	wg.Wait()
	for i := range 3 {
		if errs[i] != nil || len(applied[i]) != 0 {
			t.Errorf("second apply %d: applied %v, err %v", i, applied[i], errs[i])
		}
	}
	current, err := migrations.Current(ctx, d.Owner.DB)
	if err != nil || current != migrations.Latest() {
		t.Errorf("current %d (%v), latest %d", current, err, migrations.Latest())
	}
}

func TestApplyRefusesServiceRoleThatBypassesRLS(t *testing.T) {
	d := dbtest.New(t)
	admin := dbtest.Admin(t)
	if _, err := admin.Exec(`ALTER ROLE ` + d.ServiceRole + ` BYPASSRLS`); err != nil {
		t.Fatal(err)
	}
	if _, err := migrations.Apply(context.Background(), d.Owner.DB, d.ServiceRole); err == nil {
		t.Fatal("migrate accepted a service role with BYPASSRLS")
	}
}
