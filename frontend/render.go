// Package frontend holds the templates, styles, scripts and translations,
// embedded in the binary: municipal intranets are often offline, so
// nothing is loaded from elsewhere.
package frontend

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"reflect"
	"slices"
	"strings"
	"time"
)

//go:embed templates static i18n
var files embed.FS

// Renderer renders pages. Each page is parsed once at start-up with the
// layout and partials into a template set of its own, so pages cannot
// clash on block names.
type Renderer struct {
	pages    map[string]*template.Template
	catalogs map[string]map[string]string
	Assets   *Assets
}

// New parses every page and loads the catalogues; any error stops start-up.
func New() (*Renderer, error) {
	catalogs, err := loadCatalogs()
	if err != nil {
		return nil, err
	}
	assets, err := loadAssets()
	if err != nil {
		return nil, err
	}
	r := &Renderer{pages: map[string]*template.Template{}, catalogs: catalogs, Assets: assets}
	pages, err := fs.Glob(files, "templates/pages/*.html")
	if err != nil {
		return nil, err
	}
	for _, page := range pages {
		name := strings.TrimSuffix(path.Base(page), ".html")
		t, err := template.New(name).Funcs(r.funcs()).ParseFS(files, "templates/layout.html", "templates/partials/*.html", page)
		if err != nil {
			return nil, fmt.Errorf("parsing %s: %w", page, err)
		}
		r.pages[name] = t
	}
	return r, nil
}

// Lang returns the translator for a language code, the default for an
// unknown one.
func (r *Renderer) Lang(code string) Lang {
	if !IsLanguage(code) {
		code = Languages[0]
	}
	return Lang{Code: code, msgs: r.catalogs[code]}
}

// Render writes a page. It renders into a buffer first so that a template
// error becomes a clean error page, not half a page.
func (r *Renderer) Render(w io.Writer, page string, data any) error {
	t, ok := r.pages[page]
	if !ok {
		return fmt.Errorf("no page %q", page)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", data); err != nil {
		return err
	}
	_, err := buf.WriteTo(w)
	return err
}

// Pages lists the parsed page names.
func (r *Renderer) Pages() []string {
	var out []string
	for name := range r.pages {
		out = append(out, name)
	}
	return out
}

func (r *Renderer) funcs() template.FuncMap {
	return template.FuncMap{
		"t":          func(l Lang, key string, args ...any) string { return l.T(key, args...) },
		"asset":      func(name string) string { return r.Assets.URL(name) },
		"has":        slices.Contains[[]string],
		"languages":  func() []string { return Languages },
		"localTime":  func(t time.Time) string { return t.In(finland).Format("2.1.2006 15:04") },
		"localDate":  func(t time.Time) string { return t.In(finland).Format("2.1.2006") },
		"localClock": func(t time.Time) string { return t.In(finland).Format("15:04") },
		"isoDate":    func(t time.Time) string { return t.In(finland).Format("2006-01-02") },
		"weekday":    func(t time.Time) string { return fmt.Sprintf("weekday.%d", t.In(finland).Weekday()) },
		"weekend": func(t time.Time) bool {
			d := t.In(finland).Weekday()
			return d == time.Saturday || d == time.Sunday
		},
		"choiceGroup": func(name string, options any) map[string]any {
			return map[string]any{"Name": name, "Options": options}
		},
		"langName": func(code string) string { return languageNames[code] },
		// followUpActions feeds the follow_up_actions partial, which has no $.
		"followUpActions": func(l Lang, id int64, canComplete bool, back string) map[string]any {
			return map[string]any{"L": l, "ID": id, "CanComplete": canComplete, "Return": back}
		},
		"fieldError": func(l Lang, errs fieldErrors, field string) string {
			if errs == nil || reflect.ValueOf(errs).IsNil() || errs.For(field) == "" {
				return ""
			}
			return l.T(errs.For(field))
		},
	}
}

// fieldErrors is what a form's validation error offers templates.
type fieldErrors interface{ For(field string) string }

// languageNames are shown in their own language, whatever the UI's.
var languageNames = map[string]string{"fi": "Suomi", "sv": "Svenska", "en": "English"}

// finland is where times are shown: every user is in Finland.
var finland = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Helsinki")
	if err != nil {
		return time.FixedZone("EET", 2*3600)
	}
	return loc
}()
