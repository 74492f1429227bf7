package auth

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"neuvo/cases"
)

// Registry holds one Provider per organisation. Providers are discovered at
// start-up and again only when an admin changes the organisation's issuer
// settings (seen as a newer updated_at), so no request pays for discovery
// twice and every replica picks up a change at its next login.
type Registry struct {
	ctx         context.Context
	client      *http.Client
	redirectURL string
	mu          sync.Mutex
	byOrg       map[int64]*Provider
	failed      map[int64]failure
}

// failure remembers a discovery that failed, so that requests during a
// provider's outage do not each wait for another discovery to time out.
type failure struct {
	at      time.Time
	version time.Time
	err     error
}

// retryDiscovery is how long a failed discovery is answered from memory.
const retryDiscovery = time.Minute

// NewRegistry makes an empty registry. ctx must live as long as the
// service: providers refresh their signing keys with it.
func NewRegistry(ctx context.Context, client *http.Client, redirectURL string) *Registry {
	return &Registry{ctx: ctx, client: client, redirectURL: redirectURL, byOrg: map[int64]*Provider{}, failed: map[int64]failure{}}
}

// Load discovers every organisation's provider. A provider that cannot be
// reached is logged and retried at the next login, so one municipality's
// outage does not stop the others from logging in.
func (r *Registry) Load(orgs []cases.Organisation, log *slog.Logger) {
	for _, org := range orgs {
		if org.Issuer == "" || !org.Active {
			continue
		}
		if _, err := r.For(org); err != nil {
			log.Warn("OpenID provider not reachable at start-up", "org_id", org.ID, "issuer", org.Issuer, "err", err)
		}
	}
}

// For returns the organisation's provider, discovering it when it is new or
// its settings changed.
func (r *Registry) For(org cases.Organisation) (*Provider, error) {
	r.mu.Lock()
	p, ok := r.byOrg[org.ID]
	f, failed := r.failed[org.ID]
	r.mu.Unlock()
	if ok && p.version.Equal(org.UpdatedAt) && p.Issuer == org.Issuer {
		return p, nil
	}
	if failed && f.version.Equal(org.UpdatedAt) && time.Since(f.at) < retryDiscovery {
		return nil, f.err
	}
	p, err := discover(r.ctx, r.client, r.redirectURL, org)
	r.mu.Lock()
	defer r.mu.Unlock()
	if err != nil {
		r.failed[org.ID] = failure{at: time.Now(), version: org.UpdatedAt, err: err}
		return nil, err
	}
	delete(r.failed, org.ID)
	r.byOrg[org.ID] = p
	return p, nil
}
