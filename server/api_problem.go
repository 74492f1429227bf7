package server

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
)

// problem is an RFC 9457 problem detail. Errors names each bad field with
// a stable code (the translation key) and the message in the caller's
// language, so a client can both branch on it and show it.
type problem struct {
	Type   string         `json:"type"`
	Title  string         `json:"title"`
	Status int            `json:"status"`
	Detail string         `json:"detail,omitempty"`
	Errors []fieldProblem `json:"errors,omitempty"`
}

type fieldProblem struct {
	Field  string `json:"field"`
	Code   string `json:"code"`
	Detail string `json:"detail"`
	// A finding of the identity guard also says what it found and where,
	// in Unicode code points of the field's text: [start, end).
	Kind     string `json:"kind,omitempty"`
	Severity string `json:"severity,omitempty"`
	Start    *int   `json:"start,omitempty"`
	End      *int   `json:"end,omitempty"`
}

// Problem types beyond the plain HTTP status ("about:blank").
const (
	problemInvalid   = "urn:neuvo:problem:invalid-input"
	problemMalformed = "urn:neuvo:problem:malformed-json"
)

func isAPI(c *gin.Context) bool { return strings.HasPrefix(c.Request.URL.Path, "/api/") }

// writeProblem ends the transaction as finish does and answers with
// application/problem+json.
func (s *Server) writeProblem(c *gin.Context, p problem) {
	finish(c, p.Status)
	if p.Type == "" {
		p.Type = "about:blank"
	}
	if p.Title == "" {
		p.Title = http.StatusText(p.Status)
	}
	if p.Status == http.StatusUnauthorized && c.Writer.Header().Get("WWW-Authenticate") == "" {
		c.Header("WWW-Authenticate", `Bearer realm="neuvo"`)
	}
	body, _ := json.Marshal(p)
	c.Data(p.Status, "application/problem+json", body)
}

// invalid answers a validation error, naming every bad field.
func (s *Server) invalid(c *gin.Context, status int, v *cases.ValidationError) {
	l := s.lang(c)
	p := problem{Type: problemInvalid, Title: l.T("api.invalid"), Status: status}
	for _, f := range v.Fields {
		p.Errors = append(p.Errors, fieldProblem{Field: f.Field, Code: f.Key, Detail: l.T(f.Key)})
	}
	s.writeProblem(c, p)
}

// apiFail is fail for the API: domain errors become problems, anything
// else a generic 500 whose cause only the log sees.
func (s *Server) apiFail(c *gin.Context, err error) {
	var v *cases.ValidationError
	switch {
	case s.busy(c, err):
		s.unavailable(c)
	case errors.Is(err, cases.ErrBadCursor):
		s.invalid(c, http.StatusBadRequest, cases.ErrBadCursor)
	case errors.Is(err, cases.ErrConflict) && errors.As(err, &v): // another booking won, or it is held already
		s.invalid(c, http.StatusConflict, v)
	case errors.As(err, &v):
		s.invalid(c, http.StatusUnprocessableEntity, v)
	case errors.Is(err, cases.ErrNotFound):
		s.writeProblem(c, problem{Status: http.StatusNotFound})
	case errors.Is(err, cases.ErrForbidden):
		s.writeProblem(c, problem{Status: http.StatusForbidden})
	default:
		s.log.Error("internal error", append(logAttrs(c), "err", err)...)
		s.writeProblem(c, problem{Status: http.StatusInternalServerError})
	}
}

// answerCreate answers a create: 201 with the new record's location, or
// 200 when the Idempotency-Key had already created it.
func (s *Server) answerCreate(c *gin.Context, location string, created bool, doc any) {
	if !created {
		s.answer(c, http.StatusOK, doc)
		return
	}
	c.Header("Location", location)
	s.answer(c, http.StatusCreated, doc)
}

// answer commits and writes a JSON document.
func (s *Server) answer(c *gin.Context, status int, doc any) {
	if err := finish(c, status); err != nil {
		s.apiFail(c, err)
		return
	}
	c.JSON(status, doc)
}
