package server

import (
	"strings"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
	"neuvo/frontend"
)

// filterGroup is one dimension of the filter select.
type filterGroup struct {
	Dim     string
	Options []filterOption
}

type filterOption struct{ Value, Label string }

// statsFilters offers every value of the filter dimensions: advice
// points the organisation sees, and the network's channels and kinds.
func (s *Server) statsFilters(c *gin.Context, lang string) ([]filterGroup, error) {
	points, err := cases.AdvicePoints(c.Request.Context(), requestTx(c))
	if err != nil {
		return nil, err
	}
	tax, err := s.taxonomy(c)
	if err != nil {
		return nil, err
	}
	group := filterGroup{Dim: "advice_point"}
	for _, p := range points {
		group.Options = append(group.Options, filterOption{Value: "advice_point:" + idString(p.ID), Label: p.Name})
	}
	out := []filterGroup{group}
	for dim, kind := range map[string]string{"channel": "channel", "kind": "contact_kind"} {
		g := filterGroup{Dim: dim}
		for _, item := range tax.All(kind) {
			g.Options = append(g.Options, filterOption{Value: dim + ":" + item.Code, Label: item.Label(lang)})
		}
		out = append(out, g)
	}
	if out[1].Dim != "channel" {
		out[1], out[2] = out[2], out[1]
	}
	return out, nil
}

// filterText names a chosen filter, "Kanava: puhelin", or its code when
// the lists no longer hold it.
func filterText(l frontend.Lang, groups []filterGroup, value string) string {
	dim, code, _ := strings.Cut(value, ":")
	head := l.T("stats.filter." + dim)
	for _, g := range groups {
		for _, o := range g.Options {
			if o.Value == value {
				return head + ": " + o.Label
			}
		}
	}
	return head + ": " + code
}
