package server

import (
	"errors"

	"neuvo/cases"
	"neuvo/cases/idguard"
	"neuvo/frontend"
)

// guardView is the identity guard's findings of a failed save, for a page
// that shows them by their fields (support requests, consultations).
type guardView struct {
	Guard *cases.GuardError
	// ConfirmKey is the confirmation's label; "" is the support form's.
	ConfirmKey string
}

// Segments cuts a stopped field's text at the guard's findings, so the
// page can mark them; nil when the guard did not stop the field.
func (v guardView) Segments(field string) []idguard.Segment {
	t := v.Guard.For(field)
	if t == nil {
		return nil
	}
	return idguard.Segments(t.Text, t.Findings)
}

// Findings lists what the guard found in a field.
func (v guardView) Findings(field string) []idguard.Finding {
	if t := v.Guard.For(field); t != nil {
		return t.Findings
	}
	return nil
}

// NeedsConfirm reports whether a field's findings are all warnings, which
// the writer may confirm.
func (v guardView) NeedsConfirm(field string) bool {
	fs := v.Findings(field)
	for _, f := range fs {
		if f.Severity != idguard.Warn {
			return false
		}
	}
	return len(fs) > 0
}

// caught keeps the guard's findings when err carries them.
func (v *guardView) caught(err error) {
	var g *cases.GuardError
	if errors.As(err, &g) {
		v.Guard = g
	}
}

// guardBox is what the guard_box partial shows for one field.
type guardBox struct {
	L          frontend.Lang
	Field      string
	Segments   []idguard.Segment
	Findings   []idguard.Finding
	Confirm    bool // only warnings: the writer may confirm them
	ConfirmKey string
}

// GuardBox feeds the guard_box partial, which has no $.
func (v guardView) GuardBox(l frontend.Lang, field string) guardBox {
	key := v.ConfirmKey
	if key == "" {
		key = "support.guard.confirm"
	}
	return guardBox{L: l, Field: field, Segments: v.Segments(field), Findings: v.Findings(field),
		Confirm: v.NeedsConfirm(field), ConfirmKey: key}
}
