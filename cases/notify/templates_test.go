package notify_test

import (
	"strings"
	"testing"

	"neuvo/cases/notify"
)

// A missing or broken text stops start-up instead of mailing a key.
func TestStartUpRefusesMissingOrBrokenTexts(t *testing.T) {
	real := texts(t)
	if _, err := notify.NewOutbox(nil, real, base, notify.SMTP{}); err != nil {
		t.Fatalf("the shipped texts: %v", err)
	}
	for key, replacement := range map[string]string{
		"mail.test.body":    "mail.test.body", // what a missing translation returns
		"mail.test.subject": "Neuvo {{.Name}}",
		"notice.test":       "notice.test",
	} {
		broken := func(lang, k string) string {
			if lang == "sv" && k == key {
				return replacement
			}
			return real(lang, k)
		}
		_, err := notify.NewOutbox(nil, broken, base, notify.SMTP{})
		if err == nil || !strings.Contains(err.Error(), key) || !strings.Contains(err.Error(), "sv") {
			t.Errorf("%s broken in sv: %v", key, err)
		}
	}
}
