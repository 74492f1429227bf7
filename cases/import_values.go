package cases

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// codeLookup turns what a spreadsheet says into taxonomy codes: the code
// itself, or its Finnish, Swedish or English label, ignoring case. A label
// that two items share is ambiguous and is not translated.
type codeLookup struct {
	names  map[string]map[string]string // kind -> folded code or label -> code ("" when ambiguous)
	pieces map[string]int               // kind -> most comma-separated pieces in one label
}

func newCodeLookup(tax *Taxonomy) codeLookup {
	l := codeLookup{names: map[string]map[string]string{}, pieces: map[string]int{}}
	for _, f := range importFields {
		if f.Kind == "" || l.names[f.Kind] != nil {
			continue
		}
		byName := map[string]string{}
		items := tax.All(f.Kind)
		l.pieces[f.Kind] = 1
		for _, it := range items {
			for _, label := range []string{it.LabelFI, it.LabelSV, it.LabelEN} {
				l.pieces[f.Kind] = max(l.pieces[f.Kind], strings.Count(label, ",")+1)
				key := fold(label)
				if had, ok := byName[key]; ok && had != it.Code {
					byName[key] = ""
				} else {
					byName[key] = it.Code
				}
			}
		}
		for _, it := range items { // a code wins over another item's label
			byName[fold(it.Code)] = it.Code
		}
		l.names[f.Kind] = byName
	}
	return l
}

// code translates one value; an unknown value comes back as typed, for
// validation to refuse with the same message as the form.
func (l codeLookup) code(kind, raw string) (string, bool) {
	raw = strings.TrimSpace(raw)
	if code := l.names[kind][fold(raw)]; code != "" {
		return code, true
	}
	return raw, false
}

// codes splits a cell of several values. Values are separated by ; | or a
// line break, or by commas; because labels may contain commas ("Money,
// taxes and banking"), comma-separated pieces are joined back when the
// joined text is a known label. No label has more pieces than the kind's
// longest, so no longer join is tried: a cell of 10,000 commas costs
// linear time, not cubic.
func (l codeLookup) codes(kind, raw string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(raw, func(r rune) bool { return r == ';' || r == '|' || r == '\n' }) {
		if code, ok := l.code(kind, part); ok {
			out = append(out, code)
			continue
		}
		pieces := strings.Split(part, ",")
		for i := 0; i < len(pieces); {
			j := min(len(pieces), i+l.pieces[kind])
			for ; j > i+1; j-- {
				if _, ok := l.code(kind, strings.Join(pieces[i:j], ",")); ok {
					break
				}
			}
			code, _ := l.code(kind, strings.Join(pieces[i:j], ","))
			if code != "" {
				out = append(out, code)
			}
			i = j
		}
	}
	return out
}

func fold(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// parseImportDate reads 2025-03-14, 14.3.2025 or an Excel serial date.
func parseImportDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02", "2.1.2006"} {
		if t, err := time.ParseInLocation(layout, s, Finland); err == nil {
			return t, true
		}
	}
	if t, ok := excelSerial(s); ok {
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, Finland), true
	}
	return time.Time{}, false
}

// parseImportClock reads 9:05, 09.05, 09:05:00 or an Excel fraction of a day.
func parseImportClock(s string) (h, m int, ok bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"15:04", "15.04", "15:04:05", "15.04.05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Hour(), t.Minute(), true
		}
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && f >= 0 && f < 1 {
		minutes := int(math.Round(f * 24 * 60))
		return minutes / 60 % 24, minutes % 60, true
	}
	return 0, 0, false
}

// parseImportDateTime reads a date and a time in one cell: "2025-03-14
// 10:30", "2025-03-14T10:30", "14.3.2025 10.30" or an Excel serial.
func parseImportDateTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if t, ok := excelSerial(s); ok {
		return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), 0, 0, Finland), true
	}
	date, clock, _ := strings.Cut(strings.Replace(s, "T", " ", 1), " ")
	day, ok := parseImportDate(date)
	if !ok {
		return time.Time{}, false
	}
	if strings.TrimSpace(clock) == "" {
		return day, true
	}
	h, m, ok := parseImportClock(clock)
	return time.Date(day.Year(), day.Month(), day.Day(), h, m, 0, 0, Finland), ok
}

// excelSerial reads XLSX cells, which come raw: a date is days since 1900
// with the time of day as the fraction. 1 to 2958465 is 1900 to 9999.
func excelSerial(s string) (time.Time, bool) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 1 || f > 2958465 {
		return time.Time{}, false
	}
	t, err := excelize.ExcelDateToTime(f, false)
	if err != nil {
		return time.Time{}, false
	}
	return t.Add(30 * time.Second).Truncate(time.Minute), true
}

// parseImportNumber reads whole numbers, also as a spreadsheet writes them
// ("15.0" or "15,0").
func parseImportNumber(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if n, err := strconv.Atoi(s); err == nil {
		return n, true
	}
	f, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) > 1e6 {
		return 0, false
	}
	return int(f), true
}
