package frontend

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"strings"

	"golang.org/x/text/language"
)

// Languages are the UI languages, the default first.
var Languages = []string{"fi", "sv", "en"}

var matcher = language.NewMatcher([]language.Tag{language.Finnish, language.Swedish, language.English})

// Lang translates for one language. Templates call {{t $.L "key"}}.
type Lang struct {
	Code string
	msgs map[string]string
}

// T returns the translation of key, formatted with args when given. A
// missing key shows itself, and a test keeps that from reaching users.
func (l Lang) T(key string, args ...any) string {
	msg, ok := l.msgs[key]
	if !ok {
		return key
	}
	if len(args) > 0 {
		return fmt.Sprintf(msg, args...)
	}
	return msg
}

// IsLanguage reports whether code is a UI language.
func IsLanguage(code string) bool {
	for _, l := range Languages {
		if l == code {
			return true
		}
	}
	return false
}

// MatchLanguage picks the UI language for an Accept-Language header.
func MatchLanguage(acceptLanguage string) string {
	tags, _, _ := language.ParseAcceptLanguage(acceptLanguage)
	_, index, confidence := matcher.Match(tags...)
	if confidence == language.No {
		return Languages[0]
	}
	return Languages[index]
}

// loadCatalogs merges i18n/<lang>/*.json, one file per area of the UI, so
// that features add their own files; a key defined twice is an error.
func loadCatalogs() (map[string]map[string]string, error) {
	catalogs := map[string]map[string]string{}
	for _, code := range Languages {
		names, err := fs.Glob(files, "i18n/"+code+"/*.json")
		if err != nil || len(names) == 0 {
			return nil, fmt.Errorf("no catalogue files for %s", code)
		}
		msgs := map[string]string{}
		for _, name := range names {
			if err := mergeCatalog(msgs, name); err != nil {
				return nil, err
			}
		}
		catalogs[code] = msgs
	}
	return catalogs, nil
}

func mergeCatalog(into map[string]string, name string) error {
	body, err := files.ReadFile(name)
	if err != nil {
		return err
	}
	var msgs map[string]string
	if err := json.Unmarshal(body, &msgs); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	for key, msg := range msgs {
		if strings.TrimSpace(msg) == "" {
			return fmt.Errorf("%s: %q is empty", name, key)
		}
		if _, dup := into[key]; dup {
			return fmt.Errorf("%s: %q is already defined in another file", name, key)
		}
		into[key] = msg
	}
	return nil
}
