package server

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
	"neuvo/cases/idguard"
)

// guardCodes are the problem codes of the identity guard's findings.
var guardCodes = map[idguard.Severity]string{
	idguard.Block: "error.identity_code", idguard.Consent: "error.contact_details", idguard.Warn: "error.possible_name",
}

// apiSupportFail is apiFail for support writes: when the identity guard
// stopped a text, every finding is a field error with its kind and span,
// beside the other fields' errors. A client sends confirm_findings: true
// to keep possible names; nothing lets an identity code through.
func (s *Server) apiSupportFail(c *gin.Context, err error) {
	var g *cases.GuardError
	if !errors.As(err, &g) {
		s.apiFail(c, err)
		return
	}
	l := s.lang(c)
	p := problem{Type: problemInvalid, Title: l.T("api.invalid"), Status: http.StatusUnprocessableEntity}
	for _, f := range g.Invalid.Fields {
		if g.For(f.Field) == nil {
			p.Errors = append(p.Errors, fieldProblem{Field: f.Field, Code: f.Key, Detail: l.T(f.Key)})
		}
	}
	for _, text := range g.Texts {
		for _, f := range text.Findings {
			code := guardCodes[f.Severity]
			start, end := f.RuneStart, f.RuneEnd
			p.Errors = append(p.Errors, fieldProblem{Field: text.Field, Code: code, Detail: l.T(code), Kind: string(f.Kind),
				Severity: string(f.Severity), Start: &start, End: &end})
		}
	}
	s.writeProblem(c, p)
}
