package cases

import (
	"errors"
	"strings"
)

// ErrNotFound is returned for a record that does not exist or that the
// current organisation may not see: the two are deliberately the same.
var ErrNotFound = errors.New("not found")

// ErrForbidden is returned when the record is visible but the action is not
// allowed for this actor.
var ErrForbidden = errors.New("forbidden")

// FieldError names a form field and the translation key of what is wrong.
type FieldError struct {
	Field string
	Key   string
}

// ValidationError collects every bad field of one form, so the user sees
// all problems at once.
type ValidationError struct {
	Fields []FieldError
}

func (e *ValidationError) Error() string {
	var parts []string
	for _, f := range e.Fields {
		parts = append(parts, f.Field+": "+f.Key)
	}
	return "invalid input: " + strings.Join(parts, ", ")
}

// Add records a problem with a field.
func (e *ValidationError) Add(field, key string) {
	e.Fields = append(e.Fields, FieldError{Field: field, Key: key})
}

// Err returns the error when any field was bad, else nil.
func (e *ValidationError) Err() error {
	if len(e.Fields) == 0 {
		return nil
	}
	return e
}

// Merge appends another check's errors after these, without repeating a
// field, and returns the whole (nil when nothing is wrong). An error that
// is not a ValidationError is returned as it is.
func (e *ValidationError) Merge(err error) error {
	var other *ValidationError
	if err != nil && !errors.As(err, &other) {
		return err
	}
	if other != nil {
		for _, f := range other.Fields {
			if e.For(f.Field) == "" {
				e.Fields = append(e.Fields, f)
			}
		}
	}
	return e.Err()
}

// For returns the translation key for a field, or "".
func (e *ValidationError) For(field string) string {
	if e == nil {
		return ""
	}
	for _, f := range e.Fields {
		if f.Field == field {
			return f.Key
		}
	}
	return ""
}
