package notify

import (
	"fmt"
	"html/template"
	"net/url"
	"strings"
	texttemplate "text/template"
	"time"
)

// Template names one kind of notification. Its texts live in
// frontend/i18n/<lang>/notify.json: the e-mail's "mail.<name>.subject"
// and "mail.<name>.body", and the in-app line "notice.<name>" (plain
// text; the list shows the number and time beside it). Mail texts are Go
// text templates that may use {{.Number}}, {{.Link}} (on a line of its
// own, so the HTML part can make it a link), {{.At}} and {{.MeetingLink}}
// (a client's invitation; also on a line of its own), and nothing else. To add one: a constant here, an entry in Templates, and the texts
// in every language; start-up fails when a text is missing or broken.
type Template string

const (
	// Test is the administrator's test message from /admin/outbox: it
	// proves the SMTP settings and the whole path to a mailbox.
	Test Template = "test"

	// Remote consultations (issue 8): the adviser and the partner contact
	// hear of a booking, a move, a cancellation and a new meeting link,
	// and are reminded the working day before. A client who gave an
	// address and consent gets the Client ones, with the .ics attached.
	ConsultationBooked        Template = "consultation_booked"
	ConsultationRescheduled   Template = "consultation_rescheduled"
	ConsultationCancelled     Template = "consultation_cancelled"
	ConsultationLinkSet       Template = "consultation_link_set"
	ConsultationReminder      Template = "consultation_reminder"
	ClientConsultationBooked  Template = "client_consultation_booked"
	ClientConsultationMoved   Template = "client_consultation_rescheduled"
	ClientConsultationCancel  Template = "client_consultation_cancelled"
	ClientConsultationLinkSet Template = "client_consultation_link_set"
	ClientConsultationRemind  Template = "client_consultation_reminder"
	// Support requests (issue 9): the expert or group a request is
	// assigned to; the requester on an answer or a question back; the
	// expert on a follow-up and near the target; the coordinators past it.
	SupportAssigned      Template = "support_assigned"
	SupportAnswered      Template = "support_answered"
	SupportClarification Template = "support_clarification"
	SupportFollowUp      Template = "support_follow_up"
	SupportNear          Template = "support_near"
	SupportOverdue       Template = "support_overdue"
)

// Templates lists every template, so start-up can check their texts.
func Templates() []Template {
	return []Template{Test, ConsultationBooked, ConsultationRescheduled, ConsultationCancelled, ConsultationLinkSet,
		ConsultationReminder, ClientConsultationBooked, ClientConsultationMoved, ClientConsultationCancel,
		ClientConsultationLinkSet, ClientConsultationRemind,
		SupportAssigned, SupportAnswered, SupportClarification, SupportFollowUp, SupportNear, SupportOverdue}
}

func (t Template) known() bool {
	for _, k := range Templates() {
		if k == t {
			return true
		}
	}
	return false
}

// Texts translates a key for a language and returns the key itself when
// there is no translation (frontend.Lang.T behaves so).
type Texts func(lang, key string) string

// mailTexts holds every template's parsed subject and body per language.
// A template may have a footer of its own ("mail.<name>.footer"): a
// client, who has no login, is not told to log in.
type mailTexts struct {
	subject, body map[string]*texttemplate.Template // by "<lang>/<template>"
	footer        map[string]string                 // by language, and by "<lang>/<template>" when its own
}

func parseTexts(texts Texts) (*mailTexts, error) {
	m := &mailTexts{subject: map[string]*texttemplate.Template{}, body: map[string]*texttemplate.Template{}, footer: map[string]string{}}
	var err error
	for _, lang := range []string{"fi", "sv", "en"} {
		if m.footer[lang], err = text(texts, lang, "mail.footer"); err != nil {
			return nil, err
		}
		for _, t := range Templates() {
			if _, err := text(texts, lang, "notice."+string(t)); err != nil {
				return nil, err
			}
			k := lang + "/" + string(t)
			if m.subject[k], err = parseText(texts, lang, "mail."+string(t)+".subject"); err != nil {
				return nil, err
			}
			if m.body[k], err = parseText(texts, lang, "mail."+string(t)+".body"); err != nil {
				return nil, err
			}
			if own, err := text(texts, lang, "mail."+string(t)+".footer"); err == nil {
				m.footer[k] = own
			}
		}
	}
	return m, nil
}

func text(texts Texts, lang, key string) (string, error) {
	s := texts(lang, key)
	if s == key || strings.TrimSpace(s) == "" {
		return "", fmt.Errorf("notification text %q is missing in %s", key, lang)
	}
	return s, nil
}

func parseText(texts Texts, lang, key string) (*texttemplate.Template, error) {
	s, err := text(texts, lang, key)
	if err != nil {
		return nil, err
	}
	t, err := texttemplate.New(key).Option("missingkey=error").Parse(s)
	if err != nil {
		return nil, fmt.Errorf("notification text %q in %s: %w", key, lang, err)
	}
	if err := t.Execute(&strings.Builder{}, view{Number: "1", Link: "https://neuvo.test/", At: "1.1.2026 12:00", MeetingLink: "https://meet.test/1"}); err != nil {
		return nil, fmt.Errorf("notification text %q in %s: %w", key, lang, err)
	}
	return t, nil
}

// view is what a text template sees.
type view struct{ Number, Link, At, MeetingLink string }

// rendered is a message ready for the outbox.
type rendered struct{ subject, text, html string }

func (m *mailTexts) render(lang string, t Template, f Fields, base *url.URL) (rendered, error) {
	v := view{Number: f.Number, Link: base.JoinPath(f.Link).String(), MeetingLink: f.MeetingLink}
	if !f.At.IsZero() {
		v.At = f.At.In(finland).Format("2.1.2006 15:04")
	}
	var subject, body strings.Builder
	k := lang + "/" + string(t)
	if err := m.subject[k].Execute(&subject, v); err != nil {
		return rendered{}, err
	}
	if err := m.body[k].Execute(&body, v); err != nil {
		return rendered{}, err
	}
	footer, own := m.footer[k]
	if !own {
		footer = m.footer[lang]
	}
	plain := strings.TrimSpace(body.String()) + "\n\n-- \n" + footer + "\n"
	html, err := htmlBody(lang, plain, v.Link, v.MeetingLink)
	return rendered{subject: strings.Join(strings.Fields(subject.String()), " "), text: plain, html: html}, err
}

var htmlPage = template.Must(template.New("mail").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}"><head><meta charset="utf-8"></head>
<body style="font-family: sans-serif; line-height: 1.5">
{{range .Paragraphs}}<p>{{range $i, $line := .}}{{if $i}}<br>{{end}}{{if index $.Links $line}}<a href="{{$line}}">{{$line}}</a>{{else}}{{$line}}{{end}}{{end}}</p>
{{end}}</body></html>
`))

// htmlBody is the text body as HTML, its link clickable: the same words,
// so neither part says more than the other.
func htmlBody(lang, plain string, links ...string) (string, error) {
	clickable := map[string]bool{}
	for _, l := range links {
		if l != "" {
			clickable[l] = true
		}
	}
	var paragraphs [][]string
	for _, p := range strings.Split(strings.TrimSpace(plain), "\n\n") {
		paragraphs = append(paragraphs, strings.Split(p, "\n"))
	}
	var b strings.Builder
	err := htmlPage.Execute(&b, map[string]any{"Lang": lang, "Paragraphs": paragraphs, "Links": clickable})
	return b.String(), err
}

// finland is where times are shown: every user is in Finland.
var finland = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Helsinki")
	if err != nil {
		panic("time zone data for Europe/Helsinki is missing: " + err.Error())
	}
	return loc
}()
