package server

import (
	"time"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
	"neuvo/cases/stats"
)

func (s *Server) statsThresholdSave(c *gin.Context) {
	who := currentActor(c)
	raw := c.PostForm(stats.ThresholdField)
	if _, err := stats.SaveK(c.Request.Context(), requestTx(c), who.Roles, who.Org, raw); err != nil {
		s.statsSettingsFailed(c, err, func(p *statsSettingsPage, v *cases.ValidationError) { p.K, p.KErrors = raw, v })
		return
	}
	s.redirect(c, "/admin/stats-settings?saved=k")
}

func (s *Server) statsStaffingSave(c *gin.Context) {
	who := currentActor(c)
	typed := map[int]string{}
	var in []stats.StaffingInput
	for _, y := range settingsYears(time.Now()) {
		raw := c.PostForm(stats.StaffingField(y))
		typed[y] = raw
		in = append(in, stats.StaffingInput{Year: y, Raw: raw})
	}
	if err := stats.SaveStaffing(c.Request.Context(), requestTx(c), who.Roles, who.Org, in); err != nil {
		s.statsSettingsFailed(c, err, func(p *statsSettingsPage, v *cases.ValidationError) {
			p.Staffing, p.StaffingErrors = typed, v
		})
		return
	}
	s.redirect(c, "/admin/stats-settings?saved=staffing#staffing")
}

func (s *Server) statsKeysSave(c *gin.Context) {
	ctx, tx, who := c.Request.Context(), requestTx(c), currentActor(c)
	if !who.Org.IsHub() {
		s.fail(c, cases.ErrForbidden)
		return
	}
	network, err := cases.ManagedOrganisations(ctx, tx)
	if err != nil {
		s.fail(c, err)
		return
	}
	typed := map[string]string{}
	var in []stats.KeyInput
	for _, o := range network {
		if o.Kind != cases.KindPartner {
			continue
		}
		for _, y := range settingsYears(time.Now()) {
			raw := c.PostForm(stats.KeyField(o.ID, y))
			typed[stats.KeyField(o.ID, y)] = raw
			in = append(in, stats.KeyInput{OrgID: o.ID, Year: y, Raw: raw})
		}
	}
	if err := stats.SaveKeyFigures(ctx, tx, who.Roles, who.Org, in); err != nil {
		s.statsSettingsFailed(c, err, func(p *statsSettingsPage, v *cases.ValidationError) { p.Keys, p.KeyErrors = typed, v })
		return
	}
	s.redirect(c, "/admin/stats-settings?saved=keys#keys")
}
