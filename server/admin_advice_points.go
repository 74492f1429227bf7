package server

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
)

type advicePointForm struct {
	ID     int64
	Input  cases.AdvicePointInput
	Kinds  []string
	Errors *cases.ValidationError
}

func (s *Server) advicePointList(c *gin.Context) {
	points, err := cases.AdvicePoints(c.Request.Context(), requestTx(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	s.render(c, http.StatusOK, "admin_advice_points", "admin.advice_points", points)
}

func (s *Server) advicePointNew(c *gin.Context) {
	form := advicePointForm{Kinds: cases.AdvicePointKinds, Input: cases.AdvicePointInput{Kind: "office", Active: true}}
	s.render(c, http.StatusOK, "admin_advice_point_form", "admin.advice_point_new", form)
}

func (s *Server) advicePointCreate(c *gin.Context) {
	form := advicePointForm{Kinds: cases.AdvicePointKinds, Input: advicePointInput(c)}
	_, err := cases.CreateAdvicePoint(c.Request.Context(), requestTx(c), currentActor(c).Roles, form.Input)
	if s.formFailed(c, err, &form.Errors) {
		s.render(c, http.StatusUnprocessableEntity, "admin_advice_point_form", "admin.advice_point_new", form)
		return
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	s.redirect(c, "/admin/advice-points")
}

func (s *Server) advicePointEdit(c *gin.Context) {
	p, err := cases.GetAdvicePoint(c.Request.Context(), requestTx(c), paramID(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	form := advicePointForm{ID: p.ID, Kinds: cases.AdvicePointKinds,
		Input: cases.AdvicePointInput{Name: p.Name, Kind: p.Kind, Address: p.Address, Active: p.Active}}
	s.render(c, http.StatusOK, "admin_advice_point_form", "admin.advice_point_edit", form)
}

func (s *Server) advicePointUpdate(c *gin.Context) {
	form := advicePointForm{ID: paramID(c), Kinds: cases.AdvicePointKinds, Input: advicePointInput(c)}
	err := cases.UpdateAdvicePoint(c.Request.Context(), requestTx(c), currentActor(c).Roles, form.ID, form.Input)
	if s.formFailed(c, err, &form.Errors) {
		s.render(c, http.StatusUnprocessableEntity, "admin_advice_point_form", "admin.advice_point_edit", form)
		return
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	s.redirect(c, "/admin/advice-points")
}

func advicePointInput(c *gin.Context) cases.AdvicePointInput {
	return cases.AdvicePointInput{Name: c.PostForm("name"), Kind: c.PostForm("kind"),
		Address: c.PostForm("address"), Active: c.PostForm("active") == "on"}
}
