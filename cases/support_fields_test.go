package cases_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
)

// consented is a request whose client details were shared with consent.
func consented(text, what string) cases.SupportInput {
	in := question(text)
	in.ConsentShared, in.ConsentWhat, in.ConsentBasis = true, what, "oral"
	return in
}

func TestConsentWhatIsGuardedLikeTheQuestion(t *testing.T) {
	w := newSupportWorld(t)
	err := fileErr(t, w, w.worker, consented("Voiko jatkolupaa hakea?", "Asiakkaan henkilötunnus 131052-308T"))
	var g *cases.GuardError
	if !errors.As(err, &g) || g.For("consent_what") == nil || g.Invalid.For("consent_what") != "error.identity_code" {
		t.Fatalf("an identity code in what was shared: %v", err)
	}
	if g.For("question") != nil {
		t.Errorf("the clean question was stopped too: %+v", g.For("question"))
	}
	in := consented("Voiko jatkolupaa hakea?", "Asiakkaan henkilötunnus 131052-308T")
	in.ConfirmFindings = true
	if err := fileErr(t, w, w.worker, in); !errors.As(err, &g) || g.Invalid.For("consent_what") != "error.identity_code" {
		t.Fatalf("confirmation let an identity code through: %v", err)
	}
	if n := w.count(t, w.worker, `SELECT count(*) FROM support_requests`); n != 0 {
		t.Fatalf("%d requests stored with an identity code in consent_what", n)
	}
	// With consent recorded, contact details and names pass, as in the question.
	r := w.file(t, w.worker, consented("Voiko jatkolupaa hakea?", "Ahmed Hassanin puhelinnumero 040 123 4567"), helsinki(2026, 3, 2, 10, 0))
	if n := w.count(t, w.worker, `SELECT count(*) FROM support_requests WHERE id = $1 AND consent_what = $2`, r.ID,
		"Ahmed Hassanin puhelinnumero 040 123 4567"); n != 1 {
		t.Fatal("what was shared with consent was not stored as typed")
	}
}

func TestCallbackPhoneIsTheWorkersNumberAndNothingElse(t *testing.T) {
	w := newSupportWorld(t)
	for _, bad := range []string{"Aino Virtanen", "040 123 4567 (asiakas Ahmed Hassan)", "131052-308T", "soita iltapäivällä",
		"aino@kunta.fi"} {
		in := question("Voisitteko soittaa?")
		in.AnswerChannel, in.CallbackPhone = "phone", bad
		var v *cases.ValidationError
		if err := fileErr(t, w, w.worker, in); !errors.As(err, &v) || v.For("callback_phone") != "error.callback_phone_format" {
			t.Errorf("%q: %v, want error.callback_phone_format", bad, err)
		}
	}
	if n := w.count(t, w.worker, `SELECT count(*) FROM support_requests`); n != 0 {
		t.Fatalf("%d requests stored with a call-back text that is no number", n)
	}
	in := question("Voisitteko soittaa?")
	in.AnswerChannel, in.CallbackPhone = "phone", " +358 13 267 1000 "
	r := w.file(t, w.worker, in, helsinki(2026, 3, 2, 10, 0))
	if n := w.count(t, w.worker, `SELECT count(*) FROM support_requests WHERE id = $1 AND callback_phone = '+358 13 267 1000'`, r.ID); n != 1 {
		t.Fatal("the worker's number was not stored")
	}
}

func TestListsLeaveOutTheCallbackPhoneAndTheRatingComment(t *testing.T) {
	w := newSupportWorld(t)
	ctx := context.Background()
	now := helsinki(2026, 3, 2, 10, 0)
	in := question("Voisitteko soittaa?")
	in.AnswerChannel, in.CallbackPhone = "phone", "013 267 1000"
	r := w.file(t, w.worker, in, now)
	w.message(t, w.expert, r.ID, cases.KindAnswer, "Soitin ja kerroin.", now.Add(time.Hour))
	w.as(t, w.worker, func(tx *sqlx.Tx) error {
		_, guard := w.tools(t, tx)
		_, err := cases.RateSupportRequest(ctx, tx, guard, w.worker, r.ID, cases.RatingInput{Rating: 5, Comment: "Kiitos nopeasta soitosta"}, now.Add(2*time.Hour))
		return err
	})
	for _, tc := range []struct {
		who  cases.SupportActor
		side string
	}{{w.worker, cases.SideFiled}, {w.expert, cases.SideQueue}} {
		var page []cases.SupportRequest
		w.as(t, tc.who, func(tx *sqlx.Tx) (err error) {
			page, err = cases.ListSupportRequests(ctx, tx, cases.SupportFilter{Side: tc.side})
			return err
		})
		if len(page) != 1 || page[0].CallbackPhone != "" || page[0].RatingComment != "" || page[0].Rating == nil {
			t.Errorf("%s's %s list: %+v", tc.who.Name, tc.side, page)
		}
		th := w.read(t, tc.who, r.ID)
		if th.Request.CallbackPhone != "013 267 1000" || th.Request.RatingComment != "Kiitos nopeasta soitosta" {
			t.Errorf("%s's thread lacks them: %q %q", tc.who.Name, th.Request.CallbackPhone, th.Request.RatingComment)
		}
	}
}
