package cases

import (
	"context"

	"github.com/jmoiron/sqlx"

	"neuvo/cases/idguard"
)

// Guard runs the identity guard (issue 9, item 2) over the texts of a
// support request: the question, what was shared with consent, every
// later message, a rating comment and a shared answer. An identity code
// always stops the save; contact details stop it unless the client's
// consent to share them is recorded; a possible name stops it until the
// worker confirms it (or consent is recorded). The same rules hold for the form and the API.
type Guard struct{ known idguard.Names }

// NewGuard knows the taxonomies' labels in every language and the extra
// names (organisations, advice points) as words that are no person.
func NewGuard(tax *Taxonomy, extra ...string) Guard {
	labels := append([]string{}, extra...)
	for _, items := range tax.byKind {
		for _, it := range items {
			labels = append(labels, it.LabelFI, it.LabelSV, it.LabelEN)
		}
	}
	return Guard{known: idguard.Known(labels...)}
}

// LoadGuard builds the guard for the current organisation: the network's
// taxonomies, organisations and the advice points it sees.
func LoadGuard(ctx context.Context, q sqlx.QueryerContext, tax *Taxonomy) (Guard, error) {
	var names []string
	err := sqlx.SelectContext(ctx, q, &names, `SELECT name FROM organisations WHERE network_id = app_network_id()
		UNION ALL SELECT name FROM advice_points`)
	if err != nil {
		return Guard{}, err
	}
	return NewGuard(tax, names...), nil
}

// GuardedText is a text the guard stopped, with the findings that stop it
// (sorted by position, never overlapping).
type GuardedText struct {
	Field    string
	Text     string
	Findings []idguard.Finding
}

// GuardError is a save stopped by the guard. Invalid names every field's
// problem, the guard's and any other, so the form shows all at once; it is
// what errors.As finds as a *ValidationError.
type GuardError struct {
	Texts   []GuardedText
	Invalid *ValidationError
	warnKey string // the code of a confirmable finding; "" is error.possible_name
}

// Code is a finding's problem code, as the field's message names it.
func (e *GuardError) Code(f idguard.Finding) string {
	switch {
	case f.Severity == idguard.Block:
		return "error.identity_code"
	case f.Severity == idguard.Consent:
		return "error.contact_details"
	case e.warnKey != "":
		return e.warnKey
	}
	return "error.possible_name"
}

func (e *GuardError) Error() string { return "identity guard: " + e.Invalid.Error() }

func (e *GuardError) Unwrap() error { return e.Invalid }

// For returns the guarded text of a field, or nil.
func (e *GuardError) For(field string) *GuardedText {
	if e == nil {
		return nil
	}
	for i := range e.Texts {
		if e.Texts[i].Field == field {
			return &e.Texts[i]
		}
	}
	return nil
}

// guardCheck collects the guard's verdicts over the texts of one save.
type guardCheck struct {
	guard   Guard
	consent bool   // the client's consent to share their details is recorded
	confirm bool   // the possible names were checked by the worker
	warnKey string // the field message of confirmable findings; "" is error.possible_name
	stopped []GuardedText
}

// check examines one field's text and records a field error when it stops.
func (g *guardCheck) check(v *ValidationError, field, text string) {
	if text == "" || v.For(field) != "" {
		return
	}
	g.stop(v, field, text, idguard.Check(text, g.guard.known))
}

// stop records a field error when the findings in text stop the save.
func (g *guardCheck) stop(v *ValidationError, field, text string, findings []idguard.Finding) {
	var stop []idguard.Finding
	key := ""
	warnKey := g.warnKey
	if warnKey == "" {
		warnKey = "error.possible_name"
	}
	for _, f := range findings {
		switch {
		case f.Severity == idguard.Block:
			key = "error.identity_code"
		case f.Severity == idguard.Consent && !g.consent:
			if key != "error.identity_code" {
				key = "error.contact_details"
			}
		case f.Severity == idguard.Warn && !g.consent && !g.confirm:
			if key == "" {
				key = warnKey
			}
		default:
			continue
		}
		stop = append(stop, f)
	}
	if len(stop) > 0 {
		v.Add(field, key)
		g.stopped = append(g.stopped, GuardedText{Field: field, Text: text, Findings: stop})
	}
}

// result is the save's error: a GuardError when the guard stopped a text,
// else the validation error or nil.
func (g *guardCheck) result(v *ValidationError) error {
	if len(g.stopped) > 0 {
		return &GuardError{Texts: g.stopped, Invalid: v, warnKey: g.warnKey}
	}
	return v.Err()
}

// Findings is everything the guard finds in a text, whatever it stops.
func (g Guard) Findings(text string) []idguard.Finding { return idguard.Check(text, g.known) }
