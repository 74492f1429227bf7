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

// browserUser logs in as one demo user, after logging out whoever was in.
func browserUser(t *testing.T, ctx context.Context, base, org, subject string) {
	t.Helper()
	if loc, _ := chromedp.Run(ctx, chromedp.Location()); strings.HasPrefix(loc, base) {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS("#logout")), chromedp.Click(chromedp.CSS("#logout")),
			chromedp.WaitVisible(chromedp.CSS(`a.button[href="/login"]`))); err != nil {
			t.Fatalf("log out: %v", err)
		}
	}
	button := chromedp.Search(`//button[contains(., "` + org + `")]`)
	user := chromedp.CSS(`button[name=subject][value="` + subject + `"]`)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/login"), chromedp.Click(button), chromedp.WaitVisible(user),
		chromedp.Click(user), chromedp.WaitVisible(chromedp.CSS("#home-org"))); err != nil {
		t.Fatalf("log in as %s: %v", subject, err)
	}
}

// TestBrowserSupportThread is issue 9's journey: a Liperi social worker
// files a request and is stopped by the identity guard once, a hub expert
// takes and answers it, the worker reads the answer, asks a follow-up and
// rates it.
func TestBrowserSupportThread(t *testing.T) {
	base, d := demoStack(t)
	ctx := chromium(t)
	do := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			screenshot(t, ctx, "support-failed.png")
			t.Fatalf("%s: %v", what, err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("reading %s: %v", sel, err)
		}
		return v
	}
	const hetu = "131052-308T"
	browserUser(t, ctx, base, "Liperi", "liperi-worker")
	do("fill the request", chromedp.Navigate(base+"/support/new"), chromedp.WaitVisible(chromedp.CSS("input.typeahead-input")),
		chromedp.SetValue(chromedp.CSS("#sector"), "social_work"),
		chromedp.SendKeys(chromedp.CSS("input.typeahead-input"), "perheenyhd"+kb.Enter),
		chromedp.SendKeys(chromedp.CSS("#question"), "Asiakkaan henkilötunnus on "+hetu+". Miten perheenyhdistäminen etenee, kun puoliso on Irakissa?"),
		chromedp.Click(chromedp.CSS("#send-request")), chromedp.WaitVisible(chromedp.CSS("#guard-question")))
	screenshot(t, ctx, "support-guard.png")
	if marked := text("#guard-question mark"); marked != hetu {
		t.Fatalf("the guard marked %q", marked)
	}
	do("remove the identity code and send", chromedp.Clear(chromedp.CSS("#question")),
		chromedp.SendKeys(chromedp.CSS("#question"), "Miten perheenyhdistäminen etenee, kun puoliso on Irakissa?"),
		chromedp.Click(chromedp.CSS("#send-request")), chromedp.WaitVisible(chromedp.CSS("#filed")))
	number := text("#request-number")
	location, _ := chromedp.Run(ctx, chromedp.Location())
	thread := strings.SplitN(strings.TrimPrefix(location, base), "?", 2)[0]

	browserUser(t, ctx, base, "Joensuu", "joensuu-adviser")
	do("open the queue", chromedp.Navigate(base+"/support/queue"), chromedp.WaitVisible(chromedp.CSS(`tr[data-number="`+number+`"]`)))
	screenshot(t, ctx, "support-queue.png")
	do("take and answer", chromedp.Click(chromedp.CSS(`tr[data-number="`+number+`"] a`)), chromedp.WaitVisible(chromedp.CSS("#take")),
		chromedp.Click(chromedp.CSS("#take")), chromedp.WaitVisible(chromedp.CSS("#assigned")),
		chromedp.SendKeys(chromedp.CSS("#body"), "Käsittelyaika on noin yhdeksän kuukautta. Hakemus jätetään sähköisesti."),
		chromedp.Click(chromedp.CSS("#send-message")), chromedp.WaitVisible(chromedp.Search(`//div[contains(@class, "body") and contains(., "yhdeksän kuukautta")]`)))

	browserUser(t, ctx, base, "Liperi", "liperi-worker")
	do("read the answer and follow up", chromedp.Navigate(base+thread),
		chromedp.WaitVisible(chromedp.Search(`//div[contains(@class, "body") and contains(., "yhdeksän kuukautta")]`)),
		chromedp.SendKeys(chromedp.CSS("#body"), "Kiitos! Voiko käsittelyä nopeuttaa?"),
		chromedp.Click(chromedp.CSS("#send-message")), chromedp.WaitVisible(chromedp.Search(`//div[contains(., "nopeuttaa")]`)))
	do("rate", chromedp.Click(chromedp.CSS(`#rating-form input[value="5"]`)),
		chromedp.SendKeys(chromedp.CSS("#comment"), "Selkeä vastaus"), chromedp.Click(chromedp.CSS("#send-rating")),
		chromedp.WaitVisible(chromedp.CSS("#current-rating")))
	screenshot(t, ctx, "support-thread.png")

	var hub int64
	d.Owner.Get(&hub, `SELECT id FROM organisations WHERE kind = 'hub'`)
	var stored struct {
		Status   string `db:"status"`
		Rating   int    `db:"rating"`
		Messages int    `db:"messages"`
		Events   string `db:"events"`
		Question string `db:"question"`
	}
	d.InScope(t, cases.Scope{OrgID: hub}, func(tx *sqlx.Tx) error {
		return tx.Get(&stored, `SELECT r.status, r.rating,
			(SELECT count(*) FROM support_messages m WHERE m.request_id = r.id) AS messages,
			(SELECT string_agg(to_status, ',' ORDER BY id) FROM support_status_events e WHERE e.request_id = r.id) AS events,
			(SELECT body FROM support_messages m WHERE m.request_id = r.id AND kind = 'question') AS question
			FROM support_requests r WHERE r.number = $1`, number)
	})
	if stored.Status != "assigned" || stored.Rating != 5 || stored.Messages != 3 || stored.Events != "new,assigned,answered,assigned" ||
		strings.Contains(stored.Question, hetu) {
		t.Fatalf("stored %+v", stored)
	}
}
