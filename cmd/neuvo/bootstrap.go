package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"neuvo/cases"
)

// bootstrap creates the first network and its hub, so that the hub's first
// admin can log in (their role comes from the role claim mapping) and
// manage everything else in the web UI.
func bootstrap(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("bootstrap", flag.ContinueOnError)
	flags.SetOutput(stderr)
	network := flags.String("network", "", "name of the network, e.g. \"Pohjois-Karjala\"")
	in := cases.OrganisationInput{Active: true, ContactEditDays: 14}
	flags.StringVar(&in.Name, "hub", "", "name of the hub organisation")
	flags.StringVar(&in.MunicipalityCode, "municipality", "", "Statistics Finland municipality code of the hub")
	flags.StringVar(&in.Issuer, "issuer", "", "the hub's OpenID issuer URL")
	flags.StringVar(&in.ClientID, "client-id", "", "Neuvo's client ID at that issuer")
	secretFile := flags.String("client-secret-file", "", "file holding the client secret")
	flags.StringVar(&in.RoleClaim, "role-claim", "roles", "claim path holding roles or groups")
	flags.StringVar(&in.RoleMap, "role-map", "", "claim-value=role pairs, comma-separated; map at least one value to admin")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if *network == "" || in.Name == "" || in.Issuer == "" {
		return fmt.Errorf("bootstrap needs -network, -hub and -issuer (see neuvo bootstrap -h)")
	}
	if *secretFile != "" {
		b, err := os.ReadFile(*secretFile)
		if err != nil {
			return err
		}
		in.ClientSecret = strings.TrimSpace(string(b))
	}
	cfg, err := loadConfig(getenv, "NEUVO_MIGRATE_DATABASE_URL")
	if err != nil {
		return err
	}
	owner, err := cases.Open(ctx, cfg.MigrateDatabaseURL, 2)
	if err != nil {
		return err
	}
	defer owner.Close()
	id, err := cases.CreateNetwork(ctx, owner, *network, in)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "created network %q with hub %q (organisation %d)\n", *network, in.Name, id)
	return nil
}
