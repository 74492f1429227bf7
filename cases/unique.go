package cases

import (
	"errors"
	"strings"

	"github.com/lib/pq"
)

// uniqueAsField turns a unique-constraint violation into a validation error
// on the field whose constraint it is, so the user sees "already in use"
// next to it instead of a server error. fields name the candidates in the
// order their names appear in constraint names.
func uniqueAsField(err error, fields ...string) error {
	var pqErr *pq.Error
	if !errors.As(err, &pqErr) || pqErr.Code != "23505" {
		return err
	}
	for _, f := range fields {
		if strings.Contains(pqErr.Constraint, f) {
			v := &ValidationError{}
			v.Add(f, "error.taken")
			return v
		}
	}
	v := &ValidationError{}
	v.Add(fields[0], "error.taken")
	return v
}
