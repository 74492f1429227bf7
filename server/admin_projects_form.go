package server

import (
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
	"neuvo/cases/stats"
)

// targetGrid is the targets form: a row per measure, a column for the
// whole project and one per partner member.
type targetGrid struct {
	Measures []string
	Columns  []cases.Organisation // the first is the whole project (ID 0)
	Values   map[string]string    // field -> as typed or stored
}

// Field names the input of a measure and column.
func (g targetGrid) Field(measure string, orgID int64) string {
	return stats.TargetField(measure, orgID)
}

// Value is what the input holds.
func (g targetGrid) Value(measure string, orgID int64) string {
	return g.Values[g.Field(measure, orgID)]
}

// projectForm reads what the form pages show besides the project: the
// network to choose members from and, for a saved project, its targets
// and cost settings as stored.
func (s *Server) projectForm(c *gin.Context, id int64, in stats.ProjectInput) (projectPage, error) {
	ctx, tx := c.Request.Context(), requestTx(c)
	network, err := cases.ManagedOrganisations(ctx, tx)
	if err != nil {
		return projectPage{}, err
	}
	page := projectPage{ID: id, Input: in, Network: network}
	if id == 0 {
		return page, nil
	}
	p, err := stats.GetProject(ctx, tx, id)
	if err != nil {
		return page, err
	}
	targets, err := stats.ProjectTargets(ctx, tx, id)
	if err != nil {
		return page, err
	}
	page.Targets = newTargetGrid(p, network)
	for _, t := range targets {
		page.Targets.Values[stats.TargetField(t.Measure, t.OrgID)] = strconv.Itoa(t.Value)
	}
	costs, err := stats.ProjectCosts(ctx, tx, p)
	if err != nil {
		return page, err
	}
	for _, k := range costs {
		row := stats.CostInputRow{Year: k.Year, PartnersShare: projectDecimalText(k.PartnersShare, s.lang(c).Code)}
		if k.Budget.Valid {
			row.Budget = projectDecimalText(k.Budget.Float64, s.lang(c).Code)
		}
		page.Costs = append(page.Costs, row)
	}
	return page, nil
}

func newTargetGrid(p stats.Project, network []cases.Organisation) targetGrid {
	g := targetGrid{Measures: stats.TargetMeasures, Columns: []cases.Organisation{{}}, Values: map[string]string{}}
	for _, o := range network {
		if o.Kind == cases.KindPartner && p.HasMember(o.ID) {
			g.Columns = append(g.Columns, o)
		}
	}
	return g
}

// projectDecimalText shows a stored decimal as the admin would type it:
// no trailing zeros, a decimal comma in Finnish and Swedish.
func projectDecimalText(x float64, lang string) string {
	s := strconv.FormatFloat(x, 'f', -1, 64)
	if lang != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}
