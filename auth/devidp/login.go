package devidp

import (
	"context"
	"html/template"
	"net/http"
	"strings"

	"github.com/zitadel/oidc/v3/pkg/op"
)

// loginPage is the user picker zitadel redirects to (client.LoginURL). It
// keeps no session, so every authorization request shows it: handy for
// switching users.
type loginPage struct {
	title       string
	users       []User
	store       *storage
	issuerURL   string
	formAction  string
	callbackURL func(ctx context.Context, authRequestID string) string
}

func (p *loginPage) show(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	if err := p.store.pendingLogin(id); err != nil {
		http.Error(w, err.Error()+"; start again from the application", http.StatusBadRequest)
		return
	}
	setPageHeaders(w)
	err := loginTemplate.Execute(w, map[string]any{
		"Title":  p.title,
		"Action": p.formAction,
		"ID":     id,
		"Users":  p.users,
	})
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}

func (p *loginPage) submit(w http.ResponseWriter, r *http.Request) {
	id := r.PostFormValue("id")
	if err := p.store.completeLogin(id, r.PostFormValue("subject")); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	// The login page sits outside zitadel's router, so the issuer it reads
	// from the context has to be put there by hand.
	ctx := op.ContextWithIssuer(r.Context(), p.issuerURL)
	http.Redirect(w, r, p.callbackURL(ctx, id), http.StatusSeeOther)
}

// setPageHeaders forbids scripts, framing and caching; the pages need none.
func setPageHeaders(w http.ResponseWriter) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-store")
}

var loginTemplate = template.Must(template.New("login").Funcs(template.FuncMap{
	"join": func(roles []string) string {
		if len(roles) == 0 {
			return "none"
		}
		return strings.Join(roles, ", ")
	},
}).Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in – {{.Title}}</title>
<style>` + pageStyle + `
ul { list-style: none; padding: 0; }
li { margin: .5rem 0; }
button { width: 100%; text-align: left; padding: .75rem 1rem; font: inherit; cursor: pointer;
  border: 1px solid #888; border-radius: .4rem; background: #f6f6f6; }
button:hover, button:focus { background: #e4eefc; }
button span { display: block; color: #444; font-size: .9em; }
</style>
</head>
<body>
<main>
<h1>{{.Title}}</h1>
<p class="warning">Demo login — not a real identity provider</p>
<p>Sign in as:</p>
<form method="post" action="{{.Action}}">
<input type="hidden" name="id" value="{{.ID}}">
<ul>
{{- range .Users}}
<li><button type="submit" name="subject" value="{{.Subject}}">
<strong>{{.Name}}</strong>
<span>{{.Email}}</span>
<span>Roles: {{join .Roles}}</span>
</button></li>
{{- end}}
</ul>
</form>
</main>
</body>
</html>
`))
