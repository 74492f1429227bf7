package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	mail "github.com/wneessen/go-mail"

	"neuvo/cases/notify/mailpit"
)

// The demo's mail catcher takes mail over SMTP and shows it, attachment
// included, on the viewer page that `neuvo dev` prints.
func TestDemoMailCatcherShowsWhatWasSent(t *testing.T) {
	smtpAddr, _ := mailpit.FreeAddr()
	p, viewer, err := runMailCatcher(context.Background(), smtpAddr, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { viewer.Close(); p.Stop() })
	smtp := p.SMTP("neuvo@demo.neuvo.test")
	msg := mail.NewMsg()
	msg.From(smtp.From)
	msg.To("pekka@demo.neuvo.invalid")
	msg.Subject("Neuvo: testiviesti")
	msg.SetBodyString(mail.TypeTextPlain, "Hei,\n\nhttp://localhost:8080/notifications\n")
	msg.AttachReader("invitation.ics", bytes.NewReader([]byte("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")), mail.WithFileContentType("text/calendar"))
	client, err := mail.NewClient(smtp.Host, mail.WithPort(smtp.Port), mail.WithTLSPolicy(mail.NoTLS))
	if err != nil {
		t.Fatal(err)
	}
	if err := client.DialAndSend(msg); err != nil {
		t.Fatal(err)
	}
	base := "http://" + viewer.Addr().String()
	var list string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline) && !strings.Contains(list, "testiviesti"); time.Sleep(50 * time.Millisecond) {
		list = get(t, base+"/")
	}
	mustHave(t, list, "Neuvo: testiviesti", "pekka@demo.neuvo.invalid")
	link := regexp.MustCompile(`href="(/m/[^"]+)"`).FindStringSubmatch(list)
	if link == nil {
		t.Fatalf("no link to the message:\n%s", list)
	}
	page := get(t, base+link[1])
	mustHave(t, page, "http://localhost:8080/notifications", "invitation.ics")
	part := regexp.MustCompile(`href="(/m/[^"]+/part/[^"]+)"`).FindStringSubmatch(page)
	if part == nil || !strings.Contains(get(t, base+part[1]), "BEGIN:VCALENDAR") {
		t.Fatalf("the attachment cannot be downloaded from:\n%s", page)
	}
}

func get(t *testing.T, u string) string {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

func mustHave(t *testing.T, page string, wanted ...string) {
	t.Helper()
	for _, w := range wanted {
		if !strings.Contains(page, w) {
			t.Errorf("page lacks %q:\n%s", w, page)
		}
	}
}
