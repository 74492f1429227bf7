package stats

import (
	"math"
	"strconv"
	"strings"
	"time"

	"neuvo/cases"
)

func projectYearText(y int) string      { return strconv.Itoa(y) }
func projectIDText(id int64) string     { return strconv.FormatInt(id, 10) }
func projectBlank(s string) bool        { return strings.TrimSpace(s) == "" }
func projectSettingsYear(year int) bool { return year >= 2000 && year <= 2100 }
func projectRound2(x float64) float64   { return math.Round(x*100) / 100 }
func projectThisYear(now time.Time) int { return now.In(projectZone).Year() }

// projectDecimal reads a decimal number with a point or a comma (Finnish
// and Swedish users type a comma) and at most two decimals, in [min, max].
// Blank reports false without an error.
func projectDecimal(v *cases.ValidationError, field, raw string, min, max float64, rangeKey string) (float64, bool) {
	// Thousands are often grouped with a space, or a no-break space when
	// the figure is copied from a spreadsheet.
	raw = strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "").Replace(strings.TrimSpace(raw))
	if raw == "" {
		return 0, false
	}
	raw = strings.Replace(raw, ",", ".", 1)
	if i := strings.IndexByte(raw, '.'); i >= 0 && len(raw)-i-1 > 2 {
		v.Add(field, "error.decimals")
		return 0, false
	}
	x, err := strconv.ParseFloat(raw, 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) || strings.ContainsAny(raw, "eExXpP") {
		v.Add(field, "error.decimal")
		return 0, false
	}
	if x < min || x > max {
		v.Add(field, rangeKey)
		return 0, false
	}
	return projectRound2(x), true
}
