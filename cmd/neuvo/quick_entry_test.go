package main

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/jmoiron/sqlx"

	"neuvo/cases"
)

// keystrokeBudget is what recording a walk-in with two topics and an
// interpreter may cost after login; the issue asks for well under 40.
const keystrokeBudget = 25

// keyboard counts every key an adviser presses.
type keyboard struct {
	ctx     context.Context
	t       *testing.T
	presses int
}

func (k *keyboard) typeKeys(keys string) {
	k.t.Helper()
	k.presses += len([]rune(keys))
	if err := chromedp.Do(k.ctx, chromedp.KeyEvent(keys)); err != nil {
		k.t.Fatalf("typing %q: %v", keys, err)
	}
}

func (k *keyboard) ctrlEnter() {
	k.t.Helper()
	k.presses++
	if err := chromedp.Do(k.ctx, chromedp.KeyEvent(kb.Enter, chromedp.KeyModifiers(chromedp.ModifierCtrl))); err != nil {
		k.t.Fatal(err)
	}
}

func TestQuickEntryByKeyboardWithinBudget(t *testing.T) {
	base, d := demoStack(t)
	ctx := chromium(t)
	joensuu := chromedp.Search(`//button[contains(., "Joensuu")]`)
	adviser := chromedp.CSS(`button[name=subject][value="joensuu-adviser"]`)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/login"), chromedp.Click(joensuu), chromedp.WaitVisible(adviser),
		chromedp.Click(adviser), chromedp.WaitVisible(chromedp.CSS("#home-org")),
		chromedp.Navigate(base+"/contacts/new"), chromedp.WaitVisible(chromedp.CSS("input.typeahead-input"))); err != nil {
		t.Fatalf("log in and open the quick entry: %v", err)
	}
	var hub int64
	d.Owner.Get(&hub, `SELECT id FROM organisations WHERE kind = 'hub'`)
	countContacts := func() (n int) {
		d.InScope(t, cases.Scope{OrgID: hub}, func(tx *sqlx.Tx) error { return tx.Get(&n, `SELECT count(*) FROM contacts`) })
		return n
	}
	before := countContacts() // the demo's seeded contacts
	k := &keyboard{ctx: ctx, t: t}
	k.typeKeys("oleskelu" + kb.Enter) // topic: residence permits
	k.typeKeys("kela" + kb.Enter)     // topic: Kela and social security
	k.typeKeys(kb.Tab + "p")          // interpreter: on site
	screenshot(t, ctx, "quick-entry.png")
	k.ctrlEnter() // save and new
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("#saved"))); err != nil {
		screenshot(t, ctx, "quick-entry-after.png")
		t.Fatalf("no saved notice after Ctrl+Enter: %v", err)
	}
	if k.presses > keystrokeBudget {
		t.Fatalf("recording a walk-in took %d keystrokes, budget %d", k.presses, keystrokeBudget)
	}
	var saved struct {
		Topics      string `db:"topics"`
		Interpreter string `db:"interpreter"`
		Channel     string `db:"channel"`
		Unknowns    string `db:"unknowns"`
	}
	if after := countContacts(); after != before+1 {
		t.Fatalf("the keyboard entry recorded %d contacts, want one", after-before)
	}
	d.InScope(t, cases.Scope{OrgID: hub}, func(tx *sqlx.Tx) error {
		return tx.Get(&saved, `SELECT array_to_string(topics, ',') AS topics, interpreter, channel,
			concat_ws(',', age_band, gender, citizenship, country_group, municipality, residence_basis, time_in_finland,
				labour_market, client_language, outcome) AS unknowns FROM contacts
			WHERE adviser_id = (SELECT id FROM users WHERE subject = 'joensuu-adviser') ORDER BY id DESC LIMIT 1`)
	})
	if saved.Topics != "permits,social_security" || saved.Interpreter != "on_site" || saved.Channel != "walk_in" {
		t.Fatalf("saved %+v", saved)
	}
	// Nobody opened the profile: every field about the client and the
	// result must be stored as unknown, not as the first option of a list.
	if want := strings.Repeat("unknown,", 9) + "unknown"; saved.Unknowns != want {
		t.Fatalf("profile, client language and outcome stored as %s, want all unknown", saved.Unknowns)
	}
	location, _ := chromedp.Run(ctx, chromedp.Location())
	if !strings.Contains(location, "/contacts/new?saved=") {
		t.Fatalf("after saving the browser is at %s, want a new form", location)
	}
	t.Logf("walk-in recorded with %d keystrokes (budget %d)", k.presses, keystrokeBudget)
}
