package auth

import (
	"context"
	"errors"
	"net"
	"net/url"

	"github.com/coreos/go-oidc/v3/oidc"

	"neuvo/cases"
)

// Kinds of provider problem; each has a sentence for admins
// (org.provider.<kind>).
const (
	ProblemIssuerMismatch = "issuer_mismatch"
	ProblemUnreachable    = "unreachable"
	ProblemDiscovery      = "discovery"
)

// ProviderProblem is why an organisation's provider cannot be used, said
// for the organisation's admins. Users only ever see that the login service
// is not answering; the admin page shows this.
type ProviderProblem struct {
	Kind       string
	Configured string // the issuer entered in Neuvo
	Discovered string // the issuer the discovery document names, for a mismatch
	Detail     string // the cause in the network's or the provider's words, shortened
}

// Check discovers the organisation's provider if it is not known yet and
// reports what stops it being used, or nil when it works.
func (r *Registry) Check(org cases.Organisation) *ProviderProblem {
	_, err := r.For(org)
	if err == nil {
		return nil
	}
	p := diagnose(err)
	p.Configured = org.Issuer
	return &p
}

func diagnose(err error) ProviderProblem {
	var mismatch *oidc.IssuerMismatchError
	if errors.As(err, &mismatch) {
		return ProviderProblem{Kind: ProblemIssuerMismatch, Discovered: mismatch.Discovered}
	}
	var urlErr *url.Error
	var netErr net.Error
	if errors.As(err, &urlErr) || errors.As(err, &netErr) || errors.Is(err, context.DeadlineExceeded) {
		return ProviderProblem{Kind: ProblemUnreachable, Detail: shorten(err.Error())}
	}
	return ProviderProblem{Kind: ProblemDiscovery, Detail: shorten(err.Error())}
}

func shorten(s string) string {
	const most = 300
	if r := []rune(s); len(r) > most {
		return string(r[:most]) + "…"
	}
	return s
}
