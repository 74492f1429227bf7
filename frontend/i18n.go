package frontend

import (
	"encoding/json"
	"fmt"
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

func loadCatalogs() (map[string]map[string]string, error) {
	catalogs := map[string]map[string]string{}
	for _, code := range Languages {
		body, err := files.ReadFile("i18n/" + code + ".json")
		if err != nil {
			return nil, err
		}
		msgs := map[string]string{}
		if err := json.Unmarshal(body, &msgs); err != nil {
			return nil, fmt.Errorf("i18n/%s.json: %w", code, err)
		}
		for key := range msgs {
			if strings.TrimSpace(msgs[key]) == "" {
				return nil, fmt.Errorf("i18n/%s.json: %q is empty", code, key)
			}
		}
		catalogs[code] = msgs
	}
	return catalogs, nil
}
