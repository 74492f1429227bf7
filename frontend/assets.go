package frontend

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
)

// Assets serves the embedded static files under URLs that carry a checksum
// of their content, so browsers may cache them forever and a new release
// is never hidden behind an old copy.
type Assets struct {
	urls   map[string]string // "app.css" -> "/static/app.1a2b3c4d5e6f.css"
	byPath map[string]string // "app.1a2b3c4d5e6f.css" -> "app.css"
}

func loadAssets() (*Assets, error) {
	a := &Assets{urls: map[string]string{}, byPath: map[string]string{}}
	err := fs.WalkDir(files, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := files.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		name := strings.TrimPrefix(p, "static/")
		ext := path.Ext(name)
		hashed := strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:6]) + ext
		a.urls[name] = "/static/" + hashed
		a.byPath[hashed] = name
		return nil
	})
	return a, err
}

// URL is the checksummed URL of a static file; it panics on an unknown name
// so a typo in a template fails the first render in tests.
func (a *Assets) URL(name string) string {
	u, ok := a.urls[name]
	if !ok {
		panic("unknown asset " + name)
	}
	return u
}

// Serve writes the file for a checksummed name; it reports false when
// there is none.
func (a *Assets) Serve(w http.ResponseWriter, hashed string) bool {
	name, ok := a.byPath[hashed]
	if !ok {
		return false
	}
	body, _ := files.ReadFile("static/" + name)
	w.Header().Set("Content-Type", mime.TypeByExtension(path.Ext(name)))
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	w.Write(body)
	return true
}
