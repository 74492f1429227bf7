package server

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
)

// apiGuardFail is apiFail for writes the identity guard checks (support
// requests, consultations): when the guard stopped a text, every finding
// is a field error with its code, kind, severity and span, beside the
// other fields' errors. A client sends confirm_findings: true to keep the
// warnings; nothing lets an identity code through.
func (s *Server) apiGuardFail(c *gin.Context, err error) {
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
			code := g.Code(f)
			start, end := f.RuneStart, f.RuneEnd
			p.Errors = append(p.Errors, fieldProblem{Field: text.Field, Code: code, Detail: l.T(code), Kind: string(f.Kind),
				Severity: string(f.Severity), Start: &start, End: &end})
		}
	}
	s.writeProblem(c, p)
}
