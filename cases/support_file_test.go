package cases_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
	"neuvo/cases/idguard"
)

func fileErr(t *testing.T, w *supportWorld, who cases.SupportActor, in cases.SupportInput) error {
	t.Helper()
	return w.try(who, func(tx *sqlx.Tx) error {
		tax, guard := w.tools(t, tx)
		_, _, err := cases.FileSupportRequest(context.Background(), tx, tax, guard, who, in, helsinki(2026, 3, 2, 10, 0))
		return err
	})
}

func TestFilingChecksEveryFieldAndNamesEach(t *testing.T) {
	w := newSupportWorld(t)
	consent := question("Voiko hakemusta täydentää?")
	consent.ConsentShared = true
	phone := question("Voisitteko soittaa?")
	phone.AnswerChannel = "phone"
	tooLong := question(strings.Repeat("ä", cases.MaxSupportText+1))
	for name, tc := range map[string]struct {
		in     cases.SupportInput
		fields map[string]string
	}{
		"empty":             {cases.SupportInput{}, map[string]string{"sector": "error.choose", "topics": "error.topic_required", "urgency": "error.choose", "question": "error.required"}},
		"unknown codes":     {cases.SupportInput{Sector: "x", Topics: []string{"nope"}, Urgency: "soon", AnswerChannel: "fax", Question: "q", Profile: cases.SupportProfile{AgeBand: "teen"}}, map[string]string{"sector": "error.choose", "topics": "error.unknown_code", "urgency": "error.choose", "answer_channel": "error.choose", "age_band": "error.unknown_code"}},
		"consent unsaid":    {consent, map[string]string{"consent_what": "error.required", "consent_basis": "error.choose"}},
		"phone, no number":  {phone, map[string]string{"callback_phone": "error.callback_phone"}},
		"question too long": {tooLong, map[string]string{"question": "error.too_long"}},
		"NUL in question":   {question("kysymys\x00"), map[string]string{"question": "error.text"}},
	} {
		err := fileErr(t, w, w.worker, tc.in)
		var v *cases.ValidationError
		if !errors.As(err, &v) {
			t.Fatalf("%s: %v, want a validation error", name, err)
		}
		for field, key := range tc.fields {
			if v.For(field) != key {
				t.Errorf("%s: %s is %q, want %q (%v)", name, field, v.For(field), key, v)
			}
		}
	}
	if n := w.count(t, w.worker, `SELECT count(*) FROM support_requests`); n != 0 {
		t.Fatalf("%d requests stored from refused input", n)
	}
}

func TestRequestNumbersRunPerHubAndYearAndRetriesFileOnce(t *testing.T) {
	w := newSupportWorld(t)
	march := helsinki(2026, 3, 2, 10, 0)
	first := w.file(t, w.worker, question("Ensimmäinen"), march)
	second := w.file(t, w.worker2, question("Toinen"), march.Add(time.Hour))
	nextYear := w.file(t, w.worker, question("Kolmas"), helsinki(2027, 1, 4, 9, 0))
	far := w.file(t, w.farExpert, question("Etelästä"), march)
	for _, tc := range []struct{ got, want string }{
		{first.Number, "2026-0001"}, {second.Number, "2026-0002"}, {nextYear.Number, "2027-0001"}, {far.Number, "2026-0001"},
	} {
		if tc.got != tc.want {
			t.Errorf("number %s, want %s", tc.got, tc.want)
		}
	}
	if far.HubID != w.far || far.OrgID != w.far || first.HubID != w.hub || second.OrgID != w.partner2 {
		t.Errorf("filed to the wrong hub: %+v / %+v", far, second)
	}
	in := question("Tupla")
	in.IdempotencyKey = cases.NewIdempotencyKey()
	again := w.file(t, w.worker, in, march)
	retry := w.file(t, w.worker, in, march.Add(time.Minute))
	if again.ID != retry.ID || w.count(t, w.worker, `SELECT count(*) FROM support_requests WHERE idempotency_key = $1`, in.IdempotencyKey) != 1 {
		t.Fatalf("a retry with the same key filed a second request: %d and %d", again.ID, retry.ID)
	}
	if n := w.count(t, w.worker, `SELECT count(*) FROM support_messages WHERE request_id = $1`, again.ID); n != 1 {
		t.Fatalf("the retry added the question again: %d messages", n)
	}
}

func TestDueTimesAreWorkingTimeAfterFiling(t *testing.T) {
	w := newSupportWorld(t)
	for _, tc := range []struct {
		urgency  string
		filed    time.Time
		wantDue  time.Time
		describe string
	}{
		{cases.UrgencyToday, helsinki(2026, 3, 2, 10, 0), helsinki(2026, 3, 2, 14, 0), "4 working hours on a Monday"},
		{cases.UrgencyToday, helsinki(2026, 3, 6, 15, 0), helsinki(2026, 3, 9, 11, 0), "over a weekend"},
		{cases.UrgencyThisWeek, helsinki(2026, 3, 2, 10, 0), helsinki(2026, 3, 5, 10, 0), "3 working days"},
		{cases.UrgencyThisWeek, helsinki(2026, 4, 2, 10, 0), helsinki(2026, 4, 9, 10, 0), "over Easter (Good Friday, Easter Monday)"},
		{cases.UrgencyNoHurry, helsinki(2026, 12, 21, 12, 0), helsinki(2027, 1, 8, 12, 0), "10 working days over Christmas and New Year"},
	} {
		in := question("Milloin?")
		in.Urgency = tc.urgency
		r := w.file(t, w.worker, in, tc.filed)
		if !r.DueAt.Equal(tc.wantDue) {
			t.Errorf("%s: due %s, want %s", tc.describe, r.DueAt.In(cases.Finland), tc.wantDue)
		}
	}
}

// hetuSample is the Population Register Centre's classic sample code.
const hetuSample = "131052-308T"

func TestIdentityGuardStopsQuestionsAndFollowUps(t *testing.T) {
	w := newSupportWorld(t)
	withConsent := func(in cases.SupportInput) cases.SupportInput {
		in.ConsentShared, in.ConsentWhat, in.ConsentBasis = true, "Puhelinnumero soittopyyntöä varten", "oral"
		return in
	}
	confirmed := func(in cases.SupportInput) cases.SupportInput { in.ConfirmFindings = true; return in }
	code := question("Asiakkaan henkilötunnus on " + hetuSample + ", mitä teen?")
	phone := question("Äiti toivoo soittoa numeroon 040 123 4567 arabiaksi.")
	name := question("Asiakkaani Ahmed Hassan kysyy jatkoluvasta.")
	for _, tc := range []struct {
		name    string
		in      cases.SupportInput
		key     string
		kind    idguard.Kind
		stopped bool
	}{
		{"identity code", code, "error.identity_code", idguard.IdentityCode, true},
		{"identity code with consent", withConsent(code), "error.identity_code", idguard.IdentityCode, true},
		{"identity code confirmed", confirmed(withConsent(code)), "error.identity_code", idguard.IdentityCode, true},
		{"phone", phone, "error.contact_details", idguard.Phone, true},
		{"phone confirmed but no consent", confirmed(phone), "error.contact_details", idguard.Phone, true},
		{"phone with consent", withConsent(phone), "", "", false},
		{"possible name", name, "error.possible_name", idguard.PossibleName, true},
		{"possible name confirmed", confirmed(name), "", "", false},
		{"look-alike with a wrong check character", question("Viite 131052-308A ei ole tunnus."), "", "", false},
		{"date, case number and postcode", question("Päätös 12.3.2024, Dnro 123/2024, postinumero 80100."), "", "", false},
	} {
		err := fileErr(t, w, w.worker, tc.in)
		var g *cases.GuardError
		switch {
		case !tc.stopped && err != nil:
			t.Errorf("%s: refused: %v", tc.name, err)
		case tc.stopped && !errors.As(err, &g):
			t.Errorf("%s: %v, want the guard to stop it", tc.name, err)
		case tc.stopped:
			found := g.For("question")
			if g.Invalid.For("question") != tc.key || found == nil || len(found.Findings) == 0 || found.Findings[0].Kind != tc.kind {
				t.Errorf("%s: %q with %+v, want %s finding %s", tc.name, g.Invalid.For("question"), found, tc.key, tc.kind)
			}
		}
	}
	if n := w.count(t, w.worker, `SELECT count(*) FROM support_requests`); n != 4 {
		t.Fatalf("%d requests stored, want the 4 that passed", n)
	}
	r := w.file(t, w.worker, question("Siistitty kysymys"), helsinki(2026, 3, 2, 10, 0))
	err := w.try(w.worker, func(tx *sqlx.Tx) error {
		_, guard := w.tools(t, tx)
		_, _, err := cases.AddSupportMessage(context.Background(), tx, guard, nil, w.worker, r.ID,
			cases.MessageInput{Kind: cases.KindFollowUp, Body: "Unohdin: " + hetuSample}, helsinki(2026, 3, 2, 11, 0))
		return err
	})
	if g := (*cases.GuardError)(nil); !errors.As(err, &g) || g.Invalid.For("body") != "error.identity_code" {
		t.Fatalf("a follow-up with an identity code: %v", err)
	}
	if n := w.count(t, w.worker, `SELECT count(*) FROM support_messages WHERE request_id = $1`, r.ID); n != 1 {
		t.Fatalf("the stopped follow-up was stored: %d messages", n)
	}
}
