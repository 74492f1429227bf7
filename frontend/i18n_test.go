package frontend

import (
	"io/fs"
	"regexp"
	"testing"
)

func TestEveryLanguageHasEveryKey(t *testing.T) {
	catalogs, err := loadCatalogs()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range Languages {
		for _, b := range Languages {
			for key := range catalogs[a] {
				if _, ok := catalogs[b][key]; !ok {
					t.Errorf("%q is in %s.json but missing from %s.json", key, a, b)
				}
			}
		}
	}
}

// dynamicKeys are built in templates or Go code from a known set of values.
var dynamicKeys = []string{
	"error.400.title", "error.401.title", "error.403.title", "error.404.title", "error.405.title", "error.500.title",
	"error.400.text", "error.401.text", "error.403.text", "error.404.text", "error.405.text", "error.500.text",
	"role.adviser", "role.partner_worker", "role.manager", "role.admin",
	"role.adviser.does", "role.partner_worker.does", "role.manager.does", "role.admin.does",
	"point.kind.office", "point.kind.info_desk", "point.kind.outreach", "point.kind.online",
	"error.required", "error.too_long", "error.choose", "error.taken", "error.municipality_code", "error.issuer_url",
	"error.claim_path", "error.role_map", "error.own_admin", "error.email", "error.no_issuer",
	"login.provider_down", "login.failed", "login.cancelled", "login.deactivated", "login.choose_org",
	"home.title", "login.title", "logout.title", "error.title",
	"outbox.status.pending", "outbox.status.sent", "outbox.status.failed", "outbox.retried", "outbox.test_sent",
	"admin.outbox", "notifications.title",
}

var templateKey = regexp.MustCompile(`t \$?\.L "([a-z0-9_.]+)"`)

func TestEveryKeyUsedExists(t *testing.T) {
	catalogs, err := loadCatalogs()
	if err != nil {
		t.Fatal(err)
	}
	used := append([]string{}, dynamicKeys...)
	fs.WalkDir(files, "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, _ := files.ReadFile(p)
		for _, m := range templateKey.FindAllStringSubmatch(string(body), -1) {
			used = append(used, m[1])
		}
		return nil
	})
	if len(used) < len(dynamicKeys)+50 {
		t.Fatalf("found only %d keys in templates: the pattern no longer matches how templates call t", len(used)-len(dynamicKeys))
	}
	for _, key := range used {
		for _, code := range Languages {
			if _, ok := catalogs[code][key]; !ok {
				t.Errorf("%s.json lacks %q", code, key)
			}
		}
	}
}

func TestEveryPageParsesAndLanguageMatches(t *testing.T) {
	r, err := New()
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Pages()) < 10 {
		t.Fatalf("only %d pages parsed", len(r.Pages()))
	}
	for header, want := range map[string]string{"sv-FI,sv;q=0.9": "sv", "en-GB": "en", "de-DE": "fi", "": "fi", "fi": "fi"} {
		if got := MatchLanguage(header); got != want {
			t.Errorf("MatchLanguage(%q) = %s, want %s", header, got, want)
		}
	}
	if r.Lang("xx").Code != "fi" || r.Lang("sv").T("nav.logout") != "Logga ut" {
		t.Error("Lang fallback or lookup broken")
	}
}
