package cases

import (
	"context"
	"errors"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// ErrConflict marks a refusal caused by other records rather than by the
// input: a slot booked meanwhile, an adviser busy at that time, a
// consultation already held. It is also a ValidationError naming the
// field, so a form shows it there; the API answers 409.
var ErrConflict = errors.New("conflict")

type conflictError struct{ *ValidationError }

func (e conflictError) Unwrap() []error { return []error{e.ValidationError, ErrConflict} }

func conflict(field, key string) error {
	v := &ValidationError{}
	v.Add(field, key)
	return conflictError{v}
}

// bookingConflict turns the constraints that keep bookings apart into
// conflicts; any other error is returned as it is.
func bookingConflict(err error) error {
	var pqErr *pq.Error
	if !errors.As(err, &pqErr) {
		return err
	}
	switch pqErr.Constraint {
	case "consultations_one_per_slot":
		return conflict("slot", "error.slot_taken")
	case "consultations_no_double_booking":
		return conflict("starts_at", "error.adviser_busy")
	case "consultation_slots_no_overlap":
		return conflict("starts_at", "error.slot_overlap")
	}
	return err
}

// attempt runs statements that may break a constraint under a savepoint:
// the refusal then leaves the request's transaction usable, so the form
// can be shown again with the message.
func attempt(ctx context.Context, q sqlx.ExtContext, fn func() error) error {
	if _, err := q.ExecContext(ctx, `SAVEPOINT attempt`); err != nil {
		return err
	}
	if err := fn(); err != nil {
		if _, rollbackErr := q.ExecContext(ctx, `ROLLBACK TO SAVEPOINT attempt`); rollbackErr != nil {
			return rollbackErr
		}
		return err
	}
	_, err := q.ExecContext(ctx, `RELEASE SAVEPOINT attempt`)
	return err
}
