package server

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
	"neuvo/cases/stats"
)

// statsForm is the report builder as typed: pages, exports, the print
// page and the API read the same query.
type statsForm struct {
	Scope, Period, From, To, Filter string
}

func readStatsForm(c *gin.Context) statsForm {
	return statsForm{Scope: strings.TrimSpace(c.Query("scope")), Period: strings.TrimSpace(c.Query("period")),
		From: strings.TrimSpace(c.Query("from")), To: strings.TrimSpace(c.Query("to")), Filter: strings.TrimSpace(c.Query("filter"))}
}

// Query is the form as a query string, for the export and print links.
func (f statsForm) Query() string {
	q := url.Values{}
	for k, v := range map[string]string{"scope": f.Scope, "period": f.Period, "from": f.From, "to": f.To, "filter": f.Filter} {
		if v != "" {
			q.Set(k, v)
		}
	}
	return q.Encode()
}

// scopeValue is a scope in a query: "network:12".
func scopeValue(s stats.Scope) string {
	return string(s.Kind) + ":" + strconv.FormatInt(s.OrgID, 10)
}

// parseScope reads "kind:id"; ok is false for anything else.
func parseScope(raw string) (stats.Scope, bool) {
	kind, id, found := strings.Cut(raw, ":")
	n, err := strconv.ParseInt(id, 10, 64)
	if !found || err != nil || n <= 0 {
		return stats.Scope{}, false
	}
	switch k := stats.ScopeKind(kind); k {
	case stats.ScopeOrg, stats.ScopeNetwork, stats.ScopeResidents:
		return stats.Scope{Kind: k, OrgID: n}, true
	}
	return stats.Scope{}, false
}

// parseFilter reads "dim:code"; blank is all.
func parseFilter(v *cases.ValidationError, raw string) stats.Filter {
	if raw == "" {
		return stats.Filter{}
	}
	dim, code, _ := strings.Cut(raw, ":")
	ok := code != "" && len(code) <= 64 && cases.Storable(code) && !strings.ContainsAny(code, " :")
	switch dim {
	case "advice_point":
		n, err := strconv.ParseInt(code, 10, 64)
		ok = ok && err == nil && n > 0
	case "channel", "kind":
	default:
		ok = false
	}
	if !ok {
		v.Add("filter", "stats.error.filter")
		return stats.Filter{}
	}
	return stats.Filter{Dim: dim, Code: code}
}

// request checks the form and builds the request. A malformed scope is a
// field error; a well-formed one the organisation may not choose reads as
// not found, so ok is false and nothing else is checked.
func (f *statsForm) request(v *cases.ValidationError, options []stats.ScopeOption, presets []periodPreset, lang string, now time.Time) (stats.Request, bool) {
	req := stats.Request{Lang: lang}
	if f.Scope == "" && len(options) > 0 {
		f.Scope = scopeValue(options[0].Scope)
	}
	scope, ok := parseScope(f.Scope)
	if !ok {
		v.Add("scope", "stats.error.scope")
	} else if !offered(options, scope) {
		return req, false
	}
	req.Scope = scope
	if f.Period == "" && f.From == "" && f.To == "" {
		f.Period = strconv.Itoa(now.In(cases.Finland).Year())
	}
	req.From, req.To = readPeriod(v, presets, f.Period, f.From, f.To)
	if f.Period != "" && f.Period != periodRange && v.For("period") == "" {
		f.From, f.To = req.From.String(), req.To.String()
	}
	req.Filter = parseFilter(v, f.Filter)
	return req, true
}

func offered(options []stats.ScopeOption, s stats.Scope) bool {
	for _, o := range options {
		if o.Scope == s {
			return true
		}
	}
	return false
}
