package cases

import (
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestTextRefusesWhatPostgreSQLCannotStore(t *testing.T) {
	for _, tc := range []struct {
		text string
		max  int
		key  string
	}{
		{"Joensuu", 200, ""},
		{"Åbo – Turku", 11, ""}, // characters, not bytes, as the schema counts
		{"nul\x00byte", 200, "error.text"},
		{"bad \xff utf-8", 200, "error.text"},
		{strings.Repeat("ä", 201), 200, "error.too_long"},
	} {
		var v ValidationError
		ok := v.Text("name", tc.text, tc.max)
		if got := v.For("name"); got != tc.key || ok != (tc.key == "") {
			t.Errorf("Text(%q, %d) = %v %q, want %q", tc.text, tc.max, ok, got, tc.key)
		}
	}
	var v ValidationError
	if v.RequiredText("reason", "  ", 500); v.For("reason") != "error.required" {
		t.Errorf("blank required text: %q", v.For("reason"))
	}
	if got := CleanText("a\x00b\xffc"+strings.Repeat("x", 300), 5); got != "abcxx" {
		t.Errorf("CleanText = %q", got)
	}
}

func TestNumbersAreRefusedNeverClamped(t *testing.T) {
	for _, tc := range []struct {
		raw  string
		want int64
		key  string
	}{
		{"", 0, ""},
		{" 42 ", 42, ""},
		{"99999999999999999999", 0, "error.number"}, // ParseInt would clamp it to 2^63-1
		{"-1", 0, "error.number"},
		{"12abc", 0, "error.number"},
	} {
		var v ValidationError
		if got := v.ID("adviser_id", tc.raw); got != tc.want || v.For("adviser_id") != tc.key {
			t.Errorf("ID(%q) = %d %q, want %d %q", tc.raw, got, v.For("adviser_id"), tc.want, tc.key)
		}
	}
	var v ValidationError
	if got := v.Int("sort", "99999999999", 0, MaxSortOrder, "error.sort_order"); got != 0 || v.For("sort") != "error.sort_order" {
		t.Errorf("sort 99999999999: %d %q", got, v.For("sort"))
	}
	if got := v.Choice("order", "sideways", "desc", "asc", "desc"); got != "desc" || v.For("order") != "error.choose" {
		t.Errorf("order=sideways: %q %q", got, v.For("order"))
	}
}

func TestDedupeIsLinear(t *testing.T) {
	if got := dedupe([]string{" fi", "sv", "", "fi ", "en", "sv"}); !slices.Equal(got, []string{"fi", "sv", "en"}) {
		t.Fatalf("dedupe kept %q", got)
	}
	values := make([]string, 200_000)
	for i := range values {
		values[i] = fmt.Sprint("lang", i)
	}
	start := time.Now()
	if got := dedupe(values); len(got) != len(values) {
		t.Fatalf("dedupe of distinct values kept %d", len(got))
	}
	// Comparing each value with the ones kept (the old dedupe) takes
	// minutes here; one pass takes milliseconds.
	if took := time.Since(start); took > 2*time.Second {
		t.Fatalf("dedupe of 200,000 values took %v", took)
	}
}

func TestContactListsAreBounded(t *testing.T) {
	tax, err := StandardTaxonomy()
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, Finland)
	codes := func(kind string, n int) []string {
		var out []string
		for _, it := range tax.Active(kind)[:n] {
			out = append(out, it.Code)
		}
		return out
	}
	in := func() ContactInput {
		return ContactInput{AdvicePointID: 1, StartedAt: now.Add(-time.Hour), DurationMin: 10, Channel: "walk_in",
			Topics: codes("topic", MaxTopics), ServiceLanguages: codes("language", MaxServiceLanguages),
			Actions: codes("action", 8), Referrals: codes("referral_target", 15)}
	}
	full := in()
	if err := full.Validate(tax, now, nil); err != nil {
		t.Fatalf("lists at their limits refused: %v", err)
	}
	for field, grow := range map[string]func(*ContactInput){
		"topics":            func(c *ContactInput) { c.Topics = codes("topic", MaxTopics+1) },
		"service_languages": func(c *ContactInput) { c.ServiceLanguages = codes("language", MaxServiceLanguages+1) },
		"actions":           func(c *ContactInput) { c.Actions = slices.Repeat([]string{"advice_given"}, MaxActions+1) },
		"referrals":         func(c *ContactInput) { c.Referrals = slices.Repeat([]string{"migri"}, MaxReferrals+1) },
	} {
		c := in()
		grow(&c)
		var v *ValidationError
		if err := c.Validate(tax, now, nil); !errors.As(err, &v) || !strings.HasPrefix(v.For(field), "error.too_many_") {
			t.Errorf("%s over its limit: %v", field, err)
		}
	}
}

func TestFollowUpAtMostTwoYearsAhead(t *testing.T) {
	tax, _ := StandardTaxonomy()
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, Finland)
	for day, key := range map[string]string{"2028-11-25": "", "2028-11-26": "error.follow_up_far", "9999-12-31": "error.follow_up_far"} {
		due, _ := time.Parse("2006-01-02", day)
		in := ContactInput{AdvicePointID: 1, StartedAt: now.Add(-time.Hour), DurationMin: 10, Channel: "walk_in",
			Topics: []string{"permits"}, Outcome: "follow_up_planned", FollowUpOn: &due}
		var v ValidationError
		v.Merge(in.Validate(tax, now, nil))
		if v.For("follow_up_on") != key {
			t.Errorf("follow-up on %s: %q, want %q", day, v.For("follow_up_on"), key)
		}
	}
}

func TestCursorsRefuseNumbersTheColumnsCannotHold(t *testing.T) {
	cursor := func(sort, value, id string) string {
		return base64.RawURLEncoding.EncodeToString([]byte(sort + "|" + value + "|" + id))
	}
	for _, c := range []string{
		cursor("duration_min", "99999999999", "5"), // once a failed query: integer out of range
		cursor("duration_min", "0", "5"),
		cursor("duration_min", "20", "99999999999999999999"),
		cursor("duration_min", "20", "-3"),
		cursor("started_at", "0000-01-01T00:00:00Z", "5"),
	} {
		raw, _ := base64.RawURLEncoding.DecodeString(c)
		sort, _, _ := strings.Cut(string(raw), "|")
		if _, _, err := decodeCursor(c, sort); err != ErrBadCursor {
			t.Errorf("cursor %q: %v", raw, err)
		}
	}
	good := encodeCursor(Contact{ID: 7, DurationMin: 480}, "duration_min")
	if n, id, err := decodeCursor(good, "duration_min"); err != nil || n != 480 || id != 7 {
		t.Errorf("round trip: %v %d %v", n, id, err)
	}
	if id, err := DecodeClientCursor("zzzzzzzzzzzzzz"); err != ErrBadCursor || id != 0 {
		t.Errorf("client cursor past 2^63: %d %v", id, err)
	}
	if id, err := DecodeClientCursor("zzzzzz"); err != nil || id != 2176782335 { // past 2^31: a valid id
		t.Errorf("client cursor past 2^31: %d %v", id, err)
	}
}

func TestImportCellOfManyCommasIsLinear(t *testing.T) {
	tax, _ := StandardTaxonomy()
	l := newCodeLookup(tax)
	if got := l.codes("topic", "Money, taxes and banking, permits"); !slices.Equal(got, []string{"money", "permits"}) {
		t.Fatalf("labels with commas: %q", got)
	}
	start := time.Now()
	got := l.codes("topic", strings.Repeat("x,", 20_000))
	if len(got) != 20_000 {
		t.Fatalf("%d values from 20,000 pieces", len(got))
	}
	// Trying every join of the pieces (as before) takes hours here.
	if took := time.Since(start); took > 2*time.Second {
		t.Fatalf("a cell of 20,000 commas took %v", took)
	}
}
