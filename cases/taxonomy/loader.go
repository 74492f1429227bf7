// Package taxonomy holds the standard reference data every new network
// starts with, as embedded CSV files (code,parent,group,fi,sv,en; the line
// order is the display order).
package taxonomy

import (
	"embed"
	"encoding/csv"
	"fmt"
	"io"
	"regexp"
	"slices"
)

//go:embed data/*.csv
var files embed.FS

// Labels are an item's names in the UI languages.
type Labels struct{ FI, SV, EN string }

// Item is one standard taxonomy value.
type Item struct {
	Kind, Code, Parent, Group string
	Labels                    Labels
	Sort                      int
}

var kinds = []string{"channel", "contact_kind", "topic", "action", "referral_target", "residence_basis", "interpreter",
	"language", "country_group", "country", "municipality", "age_band", "gender", "time_in_finland", "labour_market", "outcome", "sector"}

var profileKinds = []string{"residence_basis", "country", "municipality", "age_band", "gender", "time_in_finland", "labour_market", "language"}

// Kinds lists every kind in a stable order.
func Kinds() []string { return slices.Clone(kinds) }

// ProfileKinds are the kinds with an explicit unknown value.
func ProfileKinds() []string { return slices.Clone(profileKinds) }

var codePattern = regexp.MustCompile(`^[A-Za-z0-9_]{1,40}$`)

// Standard returns every item of every kind, validated.
func Standard() ([]Item, error) {
	var all []Item
	for _, kind := range kinds {
		f, err := files.Open("data/" + kind + ".csv")
		if err != nil {
			return nil, err
		}
		items, err := parse(kind, f)
		f.Close()
		if err != nil {
			return nil, err
		}
		all = append(all, items...)
	}
	return all, validate(all)
}

func parse(kind string, r io.Reader) ([]Item, error) {
	rows, err := csv.NewReader(r).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s.csv: %w", kind, err)
	}
	if len(rows) == 0 || !slices.Equal(rows[0], []string{"code", "parent", "group", "fi", "sv", "en"}) {
		return nil, fmt.Errorf("%s.csv: header must be code,parent,group,fi,sv,en", kind)
	}
	var items []Item
	for i, row := range rows[1:] {
		items = append(items, Item{Kind: kind, Code: row[0], Parent: row[1], Group: row[2],
			Labels: Labels{FI: row[3], SV: row[4], EN: row[5]}, Sort: i + 1})
	}
	return items, nil
}

func validate(all []Item) error {
	byKind := map[string]map[string]Item{}
	last := map[string]Item{}
	for _, it := range all {
		if byKind[it.Kind] == nil {
			byKind[it.Kind] = map[string]Item{}
		}
		if _, dup := byKind[it.Kind][it.Code]; dup {
			return fmt.Errorf("%s: duplicate code %s", it.Kind, it.Code)
		}
		if !codePattern.MatchString(it.Code) {
			return fmt.Errorf("%s: bad code %q", it.Kind, it.Code)
		}
		if it.Labels.FI == "" || it.Labels.SV == "" || it.Labels.EN == "" {
			return fmt.Errorf("%s/%s: empty label", it.Kind, it.Code)
		}
		byKind[it.Kind][it.Code] = it
		last[it.Kind] = it
	}
	for _, it := range all {
		if it.Parent != "" {
			parent, ok := byKind[it.Kind][it.Parent]
			if !ok || parent.Parent != "" {
				return fmt.Errorf("%s/%s: parent %s missing or not level 1", it.Kind, it.Code, it.Parent)
			}
		}
		if it.Kind == "country" {
			if _, ok := byKind["country_group"][it.Group]; !ok {
				return fmt.Errorf("country %s: unknown group %q", it.Code, it.Group)
			}
		}
	}
	for _, kind := range profileKinds {
		if last[kind].Code != "unknown" {
			return fmt.Errorf("%s: the last item must be unknown", kind)
		}
	}
	return nil
}
