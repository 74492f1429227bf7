package devidp

import (
	"errors"
	"fmt"
	"maps"
	"net/url"
	"regexp"
	"slices"
	"strings"
)

var slugPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// validated checks cfg and returns a deep copy, so that a caller changing its
// slices later cannot race with requests being served.
func validated(cfg Config) (Config, error) {
	base, err := url.Parse(cfg.BaseURL)
	if err != nil {
		return Config{}, fmt.Errorf("devidp: BaseURL: %w", err)
	}
	if (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
		return Config{}, fmt.Errorf("devidp: BaseURL %q must be an absolute http(s) URL", cfg.BaseURL)
	}
	if base.RawQuery != "" || base.Fragment != "" {
		return Config{}, fmt.Errorf("devidp: BaseURL %q must not have a query or fragment", cfg.BaseURL)
	}
	if len(cfg.Issuers) == 0 {
		return Config{}, errors.New("devidp: no issuers")
	}
	if cfg.Client.ID == "" || cfg.Client.Secret == "" {
		return Config{}, errors.New("devidp: client needs an ID and a secret")
	}
	if len(cfg.Client.RedirectURIs) == 0 {
		return Config{}, errors.New("devidp: client needs at least one redirect URI")
	}

	out := Config{
		BaseURL: strings.TrimSuffix(cfg.BaseURL, "/"),
		Client: Client{
			ID:                     cfg.Client.ID,
			Secret:                 cfg.Client.Secret,
			RedirectURIs:           slices.Clone(cfg.Client.RedirectURIs),
			PostLogoutRedirectURIs: slices.Clone(cfg.Client.PostLogoutRedirectURIs),
		},
	}
	slugs := map[string]bool{}
	for _, ic := range cfg.Issuers {
		if !slugPattern.MatchString(ic.Slug) {
			return Config{}, fmt.Errorf("devidp: issuer slug %q must match %s", ic.Slug, slugPattern)
		}
		if slugs[ic.Slug] {
			return Config{}, fmt.Errorf("devidp: duplicate issuer slug %q", ic.Slug)
		}
		slugs[ic.Slug] = true
		iss, err := validatedIssuer(ic)
		if err != nil {
			return Config{}, err
		}
		out.Issuers = append(out.Issuers, iss)
	}
	return out, nil
}

func validatedIssuer(ic Issuer) (Issuer, error) {
	if len(ic.Users) == 0 {
		return Issuer{}, fmt.Errorf("devidp: issuer %q has no users", ic.Slug)
	}
	out := Issuer{Slug: ic.Slug, Title: ic.Title, IssParameter: ic.IssParameter}
	if out.Title == "" {
		out.Title = ic.Slug
	}
	subjects := map[string]bool{}
	for _, u := range ic.Users {
		if u.Subject == "" {
			return Issuer{}, fmt.Errorf("devidp: issuer %q has a user without a subject", ic.Slug)
		}
		if subjects[u.Subject] {
			return Issuer{}, fmt.Errorf("devidp: issuer %q: duplicate subject %q", ic.Slug, u.Subject)
		}
		subjects[u.Subject] = true
		u.Roles = slices.Clone(u.Roles)
		u.Claims = maps.Clone(u.Claims)
		out.Users = append(out.Users, u)
	}
	return out, nil
}
