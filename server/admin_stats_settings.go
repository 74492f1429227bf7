package server

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
	"neuvo/cases/stats"
)

// statsSettingsPage is an organisation's statistics settings: its
// threshold k and staffing and, for a hub, its partners' key figures.
// Each is a form of its own; values are kept as typed.
type statsSettingsPage struct {
	K              string
	KErrors        *cases.ValidationError
	Years          []int
	Staffing       map[int]string
	StaffingErrors *cases.ValidationError
	Partners       []cases.Organisation // a hub's partners; none for a partner
	Keys           map[string]string    // field -> value
	KeyErrors      *cases.ValidationError
	Saved          string
}

// FTEField, KeyField and KeyValue name and fill the grids' inputs.
func (p statsSettingsPage) FTEField(year int) string { return stats.StaffingField(year) }
func (p statsSettingsPage) KeyField(orgID int64, year int) string {
	return stats.KeyField(orgID, year)
}
func (p statsSettingsPage) KeyValue(orgID int64, year int) string {
	return p.Keys[stats.KeyField(orgID, year)]
}

// settingsYears are the years the page offers: two back, this one and
// the next (a budget is often set before its year begins).
func settingsYears(now time.Time) []int {
	y := now.Year()
	return []int{y - 2, y - 1, y, y + 1}
}

func (s *Server) statsSettings(c *gin.Context) {
	page, err := s.statsSettingsForm(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	page.Saved = c.Query("saved")
	s.render(c, http.StatusOK, "admin_stats_settings", "admin.stats_settings", page)
}

// statsSettingsForm reads what is stored, as the forms show it.
func (s *Server) statsSettingsForm(c *gin.Context) (statsSettingsPage, error) {
	ctx, tx, who := c.Request.Context(), requestTx(c), currentActor(c)
	page := statsSettingsPage{Years: settingsYears(time.Now()), Staffing: map[int]string{}, Keys: map[string]string{}}
	k, err := stats.K(ctx, tx, who.Org.ID)
	if err != nil {
		return page, err
	}
	page.K = strconv.Itoa(k)
	staffing, err := stats.Staffing(ctx, tx)
	if err != nil {
		return page, err
	}
	for y, fte := range staffing {
		page.Staffing[y] = projectDecimalText(fte, s.lang(c).Code)
	}
	if !who.Org.IsHub() {
		return page, nil
	}
	network, err := cases.ManagedOrganisations(ctx, tx)
	if err != nil {
		return page, err
	}
	for _, o := range network {
		if o.Kind == cases.KindPartner {
			page.Partners = append(page.Partners, o)
		}
	}
	keys, err := stats.KeyFigures(ctx, tx)
	for y, byOrg := range keys {
		for org, key := range byOrg {
			page.Keys[stats.KeyField(org, y)] = strconv.FormatInt(key, 10)
		}
	}
	return page, err
}

// statsSettingsFailed shows the page again with one form as typed.
func (s *Server) statsSettingsFailed(c *gin.Context, err error, typed func(*statsSettingsPage, *cases.ValidationError)) {
	var invalid *cases.ValidationError
	if err == nil || !s.formFailed(c, err, &invalid) {
		s.fail(c, err)
		return
	}
	page, ferr := s.statsSettingsForm(c)
	if ferr != nil {
		s.fail(c, ferr)
		return
	}
	typed(&page, invalid)
	s.render(c, http.StatusUnprocessableEntity, "admin_stats_settings", "admin.stats_settings", page)
}
