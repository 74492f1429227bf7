package devidp

import (
	"html/template"
	"net/http"
)

const pageStyle = `
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 32rem; padding: 0 1rem; }
.warning { background: #fff3cd; border: 1px solid #e0c36a; padding: .5rem .75rem; border-radius: .4rem; }`

// loggedOutPage is where end_session lands without a registered
// post_logout_redirect_uri (zitadel's DefaultLogoutRedirectURI).
func loggedOutPage(title string) http.Handler {
	return page(loggedOutTemplate, map[string]any{"Title": title})
}

// indexPage lists the issuers, for whoever opens BaseURL in a browser
// during `make run`.
func indexPage(cfg Config) http.Handler {
	type entry struct{ Title, URL string }
	var issuers []entry
	for _, ic := range cfg.Issuers {
		issuers = append(issuers, entry{ic.Title, cfg.BaseURL + "/" + ic.Slug})
	}
	return page(indexTemplate, map[string]any{"Issuers": issuers})
}

func page(t *template.Template, data any) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		setPageHeaders(w)
		if err := t.Execute(w, data); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
		}
	})
}

var loggedOutTemplate = template.Must(template.New("logged-out").Parse(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Signed out – {{.Title}}</title><style>` + pageStyle + `</style></head>
<body><main>
<h1>{{.Title}}</h1>
<p class="warning">Demo login — not a real identity provider</p>
<p>You are signed out.</p>
</main></body>
</html>
`))

var indexTemplate = template.Must(template.New("index").Parse(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Demo identity provider</title><style>` + pageStyle + `</style></head>
<body><main>
<h1>Demo identity provider</h1>
<p class="warning">Demo login — not a real identity provider</p>
<ul>
{{- range .Issuers}}
<li>{{.Title}}: <a href="{{.URL}}/.well-known/openid-configuration">{{.URL}}</a></li>
{{- end}}
</ul>
</main></body>
</html>
`))
