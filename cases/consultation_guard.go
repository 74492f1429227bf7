package cases

import (
	"context"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"

	"neuvo/cases/idguard"
)

// The texts of a consultation that the other organisation reads: the hub
// reads a partner's, the partner's named contact (and, for the reason,
// every worker of the municipality) reads the hub's. The identity guard
// runs over each of them whoever writes it (review M1): an identity code
// always stops the save; a name, phone number, e-mail or street address
// stops it until the writer confirms that it may cross. Unlike a support
// request there is no consent flag to record, so contact details are
// confirmed like names: their findings come back as warnings.
const checkIdentifiers = "error.check_identifiers"

// consultationGuard checks the crossing texts of one consultation write.
type consultationGuard struct{ guardCheck }

// newConsultationGuard loads the network's guard (its taxonomies and
// organisations are no persons). tax may be nil: it is then read here.
func newConsultationGuard(ctx context.Context, q sqlx.QueryerContext, tax *Taxonomy, confirm bool) (*consultationGuard, error) {
	if tax == nil {
		var err error
		if tax, err = LoadTaxonomy(ctx, q); err != nil {
			return nil, err
		}
	}
	guard, err := LoadGuard(ctx, q, tax)
	if err != nil {
		return nil, err
	}
	return &consultationGuard{guardCheck{guard: guard, confirm: confirm, warnKey: checkIdentifiers}}, nil
}

// text checks a free text (a note, a reason, a booking reference).
func (g *consultationGuard) text(v *ValidationError, field, text string) {
	if text == "" || v.For(field) != "" {
		return
	}
	g.stop(v, field, text, confirmable(idguard.Check(text, g.guard.known)))
}

// link checks a meeting link as a person reads it (readLink), with the
// findings placed on the link as typed.
func (g *consultationGuard) link(v *ValidationError, field, link string) {
	if link == "" || v.For(field) != "" {
		return
	}
	g.stop(v, field, link, confirmable(g.guard.linkFindings(link)))
}

// confirmable turns contact details into warnings: in a consultation the
// writer confirms them, as there is no consent to record.
func confirmable(fs []idguard.Finding) []idguard.Finding {
	for i := range fs {
		if fs[i].Severity == idguard.Consent {
			fs[i].Severity = idguard.Warn
		}
	}
	return fs
}

// linkFindings finds identifiers in a link's path and query: the guard
// reads the link decoded, and each finding is given back in the offsets
// of the link as typed.
func (g Guard) linkFindings(link string) []idguard.Finding {
	text, from, to := readLink(link)
	fs := idguard.Check(text, g.known)
	for i := range fs {
		f := &fs[i]
		f.Start, f.End = from[f.Start], to[f.End-1]
		f.Text = link[f.Start:f.End]
		f.RuneStart = utf8.RuneCountInString(link[:f.Start])
		f.RuneEnd = f.RuneStart + utf8.RuneCountInString(f.Text)
	}
	return fs
}

// readLink is a link as a person reads it: percent escapes decoded, and
// the separators that join words in paths and queries (+ - _ / = & ? #
// ;) read as spaces, so "?name=Matti+Virtanen", "/Fatima-Ali" and
// "guest=matti%40example.fi" show what they carry. Byte i of text comes
// from link[from[i]:to[i]].
func readLink(link string) (text string, from, to []int) {
	out := make([]byte, 0, len(link))
	for i := 0; i < len(link); {
		b, width := link[i], 1
		if b == '%' && i+2 < len(link) && unhex(link[i+1]) >= 0 && unhex(link[i+2]) >= 0 {
			b, width = byte(unhex(link[i+1])<<4|unhex(link[i+2])), 3
		}
		switch b {
		case '+', '-', '_', '/', '=', '&', '?', '#', ';':
			b = ' '
		}
		out = append(out, b)
		from, to = append(from, i), append(to, i+width)
		i += width
	}
	return string(out), from, to
}

func unhex(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}
