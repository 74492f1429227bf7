package stats

import (
	"context"
	"fmt"
	"strconv"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
)

// names label the categories that are not taxonomy items: advice points
// (by name where the organisation may read it) and partner municipalities.
type names struct {
	advicePoints map[string]string
	partners     map[string]string // "p<org id>" and "<org id>" -> municipality or organisation name
	hubPlace     string
	lang         string
}

func labelNames(ctx context.Context, q sqlx.QueryerContext, tax *cases.Taxonomy, lang string) (names, error) {
	n := names{advicePoints: map[string]string{}, partners: map[string]string{}, lang: lang}
	var points []struct {
		ID   int64  `db:"id"`
		Name string `db:"name"`
	}
	if err := sqlx.SelectContext(ctx, q, &points, `SELECT id, name FROM advice_points`); err != nil {
		return n, err
	}
	for _, p := range points {
		n.advicePoints[strconv.FormatInt(p.ID, 10)] = p.Name
	}
	var orgs []struct {
		ID   int64   `db:"id"`
		Name string  `db:"name"`
		Kind string  `db:"kind"`
		Code *string `db:"municipality_code"`
	}
	if err := sqlx.SelectContext(ctx, q, &orgs, `SELECT id, name, kind, municipality_code FROM organisations
		WHERE network_id = app_network_id()`); err != nil {
		return n, err
	}
	for _, o := range orgs {
		place := o.Name
		if o.Code != nil {
			place = tax.Label("municipality", *o.Code, lang)
		}
		if o.Kind == "hub" {
			n.hubPlace = place
			continue
		}
		id := strconv.FormatInt(o.ID, 10)
		n.partners["p"+id], n.partners[id] = place, place
	}
	return n, nil
}

// label is a category's text.
func (n names) label(tax *cases.Taxonomy, d dim, code string) string {
	switch {
	case d.ID == "advice_point":
		if name, ok := n.advicePoints[code]; ok {
			return name
		}
		return fmt.Sprintf(word(n.lang, "advice_point_n"), code)
	case d.ID == "municipality" && code == "hub" && n.hubPlace != "":
		return n.hubPlace
	case d.ID == "municipality" && n.partners[code] != "":
		return n.partners[code]
	case d.Taxonomy == "" || code == "unknown" && d.Taxonomy != "language":
		return word(n.lang, code)
	}
	return tax.Label(d.Taxonomy, code, n.lang)
}
