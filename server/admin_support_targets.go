package server

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
)

// supportTargetsPage is the hub admin's response targets, as typed.
type supportTargetsPage struct {
	Rows   []cases.TargetInput
	Errors *cases.ValidationError
	Saved  bool
}

func targetRows(t cases.Targets) []cases.TargetInput {
	var rows []cases.TargetInput
	for _, u := range cases.Urgencies {
		rt := t[u]
		rows = append(rows, cases.TargetInput{Urgency: u, Amount: strconv.Itoa(rt.Target.N), Unit: string(rt.Target.Unit),
			NearShare: strconv.Itoa(int(rt.NearShare*100 + 0.5))})
	}
	return rows
}

// supportTargets shows the targets; only a hub has them.
func (s *Server) supportTargets(c *gin.Context) {
	if !currentActor(c).Org.IsHub() {
		s.fail(c, cases.ErrForbidden)
		return
	}
	targets, err := cases.HubTargets(c.Request.Context(), requestTx(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	s.render(c, http.StatusOK, "admin_support_targets", "admin.support_targets",
		supportTargetsPage{Rows: targetRows(targets), Saved: c.Query("saved") != ""})
}

func (s *Server) supportTargetsSave(c *gin.Context) {
	var rows []cases.TargetInput
	for _, u := range cases.Urgencies {
		rows = append(rows, cases.TargetInput{Urgency: u, Amount: c.PostForm(u + "_amount"), Unit: c.PostForm(u + "_unit"),
			NearShare: c.PostForm(u + "_near")})
	}
	who := currentActor(c)
	_, err := cases.SaveTargets(c.Request.Context(), requestTx(c), who.Roles, who.Org, rows)
	var invalid *cases.ValidationError
	switch {
	case err == nil:
		s.redirect(c, "/admin/support-targets?saved=1")
	case s.formFailed(c, err, &invalid):
		s.render(c, http.StatusUnprocessableEntity, "admin_support_targets", "admin.support_targets",
			supportTargetsPage{Rows: rows, Errors: invalid})
	default:
		s.fail(c, err)
	}
}
