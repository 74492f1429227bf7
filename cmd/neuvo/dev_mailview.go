package main

import (
	"html/template"
	"net/http"
	"net/url"

	"neuvo/cases/notify/mailpit"
)

// mailViewer is the demo's mailbox page. Mailpit built as a Go tool has
// no web UI (its release builds add it with npm), so `neuvo dev` shows
// the caught mail itself, read through Mailpit's API.
func mailViewer(p *mailpit.Process) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		list, err := p.Messages(r.Context())
		if err != nil {
			http.Error(w, "Mailpit does not answer", http.StatusBadGateway)
			return
		}
		mailPages.ExecuteTemplate(w, "list", list)
	})
	mux.HandleFunc("GET /m/{id}", func(w http.ResponseWriter, r *http.Request) {
		m, err := p.Message(r.Context(), r.PathValue("id"))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		mailPages.ExecuteTemplate(w, "message", m)
	})
	mux.HandleFunc("GET /m/{id}/part/{part}", func(w http.ResponseWriter, r *http.Request) {
		m, err := p.Message(r.Context(), r.PathValue("id"))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		for _, a := range m.Attachments {
			if a.PartID != r.PathValue("part") {
				continue
			}
			content, err := p.Attachment(r.Context(), m.ID, a.PartID)
			if err != nil {
				http.Error(w, "Mailpit does not answer", http.StatusBadGateway)
				return
			}
			w.Header().Set("Content-Type", a.ContentType)
			w.Header().Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(a.FileName))
			w.Write(content)
			return
		}
		http.NotFound(w, r)
	})
	return mux
}

var mailPages = template.Must(template.New("").Parse(`
{{define "head"}}<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Neuvo demo mail</title>
<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}td,th{text-align:left;padding:.3rem .6rem;border-bottom:1px solid #ddd}pre{white-space:pre-wrap;background:#f6f6f6;padding:1rem}</style></head><body>{{end}}
{{define "list"}}{{template "head"}}<h1>Neuvo demo mail</h1>
<p>Every e-mail the demo sends, newest first. Reload to see new ones.</p>
<table id="mail"><tr><th>To</th><th>Subject</th><th>Attachments</th></tr>
{{range .}}<tr><td>{{range .To}}{{.Address}} {{end}}</td><td><a href="/m/{{.ID}}">{{.Subject}}</a></td><td>{{.Attachments}}</td></tr>
{{else}}<tr><td colspan="3">No mail yet.</td></tr>{{end}}</table></body></html>{{end}}
{{define "message"}}{{template "head"}}<p><a href="/">← all mail</a></p><h1>{{.Subject}}</h1>
<p>From {{.From.Address}} to {{range .To}}{{.Address}} {{end}}<br>Message-ID {{.MessageID}}</p>
<pre id="text">{{.Text}}</pre>
{{range .Attachments}}<p><a href="/m/{{$.ID}}/part/{{.PartID}}">{{.FileName}}</a> ({{.ContentType}}, {{.Size}} bytes)</p>{{end}}
</body></html>{{end}}`))
