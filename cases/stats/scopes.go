package stats

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"
)

// ScopeOption is a scope the current organisation may report on.
type ScopeOption struct {
	Scope Scope
	Name  string
}

var scopeWords = map[string][2]string{ // network, residents
	"fi": {"%s ja kumppanikunnat", "%s: kunnan asukkaat koko verkostossa"},
	"sv": {"%s och partnerkommunerna", "%s: kommunens invånare i hela nätverket"},
	"en": {"%s and partner municipalities", "%s: its residents across the network"},
}

// Scopes lists what the current organisation's managers may choose: own
// organisation; for a hub also the network and each member and each
// partner's residents; for a partner also its residents across the
// network. The first is the default.
func Scopes(ctx context.Context, q sqlx.QueryerContext, lang string) ([]ScopeOption, error) {
	var orgs []struct {
		ID   int64  `db:"id"`
		Name string `db:"name"`
		Kind string `db:"kind"`
		Self bool   `db:"self"`
	}
	err := sqlx.SelectContext(ctx, q, &orgs, `SELECT o.id, o.name, o.kind, o.id = app_org_id() AS self
		FROM organisations o WHERE o.id = app_org_id() OR o.network_id = app_hub_network_id()
		ORDER BY o.id <> app_org_id(), o.name`)
	if err != nil {
		return nil, err
	}
	w, ok := scopeWords[lang]
	if !ok {
		w = scopeWords["fi"]
	}
	var out []ScopeOption
	for _, o := range orgs {
		if o.Self && o.Kind == "hub" {
			out = append(out, ScopeOption{Scope{ScopeNetwork, o.ID}, fmt.Sprintf(w[0], o.Name)})
		}
		out = append(out, ScopeOption{Scope{ScopeOrg, o.ID}, o.Name})
		if o.Kind == "partner" {
			out = append(out, ScopeOption{Scope{ScopeResidents, o.ID}, fmt.Sprintf(w[1], o.Name)})
		}
	}
	return out, nil
}
