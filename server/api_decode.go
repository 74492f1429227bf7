package server

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
)

// maxAPIBody bounds a JSON request: a contact is a few kilobytes.
const maxAPIBody = 1 << 20

// readJSON decodes the body strictly: unknown fields, wrong types and
// trailing data are refused with a problem naming the field. It reports
// whether the handler may go on.
func (s *Server) readJSON(c *gin.Context, into any) bool {
	if c.ContentType() != "application/json" {
		s.writeProblem(c, problem{Status: http.StatusUnsupportedMediaType, Detail: s.lang(c).T("api.json_only")})
		return false
	}
	err := decodeStrict(http.MaxBytesReader(c.Writer, c.Request.Body, maxAPIBody), into)
	if err == nil {
		return true
	}
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		s.writeProblem(c, problem{Status: http.StatusRequestEntityTooLarge})
		return false
	}
	if field, key := fieldOf(err); field != "" {
		s.invalid(c, http.StatusBadRequest, &cases.ValidationError{Fields: []cases.FieldError{{Field: field, Key: key}}})
		return false
	}
	s.writeProblem(c, problem{Type: problemMalformed, Status: http.StatusBadRequest, Title: s.lang(c).T("api.malformed")})
	return false
}

// decodeStrict decodes one JSON document, refusing unknown fields and
// trailing data.
func decodeStrict(body io.Reader, into any) error {
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	err := dec.Decode(into)
	if err == nil && dec.Decode(&struct{}{}) != io.EOF {
		err = errors.New("trailing data after the JSON document")
	}
	return err
}

// fieldOf names the field a decoding error is about, if any.
func fieldOf(err error) (field, key string) {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) && typeErr.Field != "" {
		return typeErr.Field, "error.type"
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return strings.Trim(name, `"`), "error.unknown_field"
	}
	return "", ""
}

// validationErrors merges a document's parse errors with the domain's, so
// that every problem is named at once. An error that is not a validation
// error wins.
func validationErrors(errs ...error) error {
	v := &cases.ValidationError{}
	for _, err := range errs {
		if err := v.Merge(err); err != nil && !errors.As(err, new(*cases.ValidationError)) {
			return err
		}
	}
	return v.Err()
}
