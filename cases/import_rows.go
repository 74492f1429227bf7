package cases

import (
	"errors"
	"io"
	"strconv"
	"strings"
	"time"
)

// MaxImportRows bounds one import's transaction.
const MaxImportRows = 100_000

// MaxReportedRowErrors is how many row errors a dry run lists; the rest
// are only counted.
const MaxReportedRowErrors = 200

// ErrTooManyRows is a file over MaxImportRows.
var ErrTooManyRows = errors.New("import: too many rows")

// ImportPlan is a mapping bound to one file's header, the network's
// taxonomies and the organisation's advice points.
type ImportPlan struct {
	columns  []ImportField // per column; Name "" when ignored
	defaults map[string]string
	tax      *Taxonomy
	codes    codeLookup
	points   map[string]int64 // folded name or id -> id
	closed   map[int64]bool   // advice points no longer active
	now      time.Time
}

// NewImportPlan checks the mapping against the header.
func NewImportPlan(header []string, m Mapping, tax *Taxonomy, points []AdvicePoint, now time.Time) (*ImportPlan, error) {
	if err := m.Check(header); err != nil {
		return nil, err
	}
	p := &ImportPlan{columns: make([]ImportField, len(header)), defaults: m.Defaults, tax: tax,
		codes: newCodeLookup(tax), points: map[string]int64{}, closed: map[int64]bool{}, now: now}
	for i, h := range header {
		p.columns[i], _ = importField(m.Columns[h])
	}
	for _, ap := range points {
		p.points[fold(ap.Name)] = ap.ID
		p.points[strconv.FormatInt(ap.ID, 10)] = ap.ID
		p.closed[ap.ID] = !ap.Active
	}
	return p, nil
}

// Contact reads one row into a contact and validates it exactly as the
// quick-entry form is validated. The error is a *ValidationError whose
// fields are the contact's.
func (p *ImportPlan) Contact(cells []string) (ContactInput, error) {
	values := p.cellValues(cells)
	one := func(name string) string {
		if v := values[name]; len(v) > 0 {
			return strings.TrimSpace(v[0])
		}
		return ""
	}
	var v ValidationError
	in := ContactInput{Note: one("note")}
	p.readTime(&v, &in, one)
	in.DurationMin = p.number(&v, "duration_min", one("duration_min"))
	in.Participants = p.number(&v, "participants", one("participants"))
	in.HouseholdSize = p.number(&v, "household_size", one("household_size"))
	if raw := one("advice_point"); raw != "" {
		if in.AdvicePointID = p.points[fold(raw)]; in.AdvicePointID == 0 {
			v.Add("advice_point", "error.unknown_record")
		} else if p.closed[in.AdvicePointID] {
			v.Add("advice_point", "error.advice_point_inactive")
		}
	}
	if raw := one("follow_up_on"); raw != "" {
		if d, ok := parseImportDate(raw); ok {
			day := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
			in.FollowUpOn = &day
		} else {
			v.Add("follow_up_on", "error.date")
		}
	}
	p.readCodes(&in, values, one)
	return in, v.Merge(in.Validate(p.tax, p.now, nil))
}

// cellValues groups a row's non-empty cells by field, with the file-wide
// defaults where a field has none.
func (p *ImportPlan) cellValues(cells []string) map[string][]string {
	values := map[string][]string{}
	for i, f := range p.columns {
		if f.Name != "" && i < len(cells) && strings.TrimSpace(cells[i]) != "" {
			values[f.Name] = append(values[f.Name], cells[i])
		}
	}
	for name, value := range p.defaults {
		if len(values[name]) == 0 && value != "" {
			values[name] = []string{value}
		}
	}
	return values
}

// readCodes translates the taxonomy fields: codes or labels in any UI
// language. What does not translate stays as typed, for Validate to name.
func (p *ImportPlan) readCodes(in *ContactInput, values map[string][]string, one func(string) string) {
	single := map[string]*string{"channel": &in.Channel, "kind": &in.Kind, "client_language": &in.ClientLanguage,
		"interpreter": &in.Interpreter, "outcome": &in.Outcome}
	for _, f := range in.Profile.fields() {
		single[f.name] = f.value
	}
	multi := map[string]*[]string{"service_languages": &in.ServiceLanguages, "topics": &in.Topics,
		"actions": &in.Actions, "referrals": &in.Referrals}
	for _, f := range importFields {
		switch {
		case f.Kind != "" && f.Multi:
			for _, cell := range values[f.Name] {
				*multi[f.Name] = append(*multi[f.Name], p.codes.codes(f.Kind, cell)...)
			}
		case f.Kind != "":
			*single[f.Name], _ = p.codes.code(f.Kind, one(f.Name))
		}
	}
}

func (p *ImportPlan) readTime(v *ValidationError, in *ContactInput, one func(string) string) {
	var ok bool
	if raw := one("started_at"); raw != "" {
		in.StartedAt, ok = parseImportDateTime(raw)
	} else if raw := one("date"); raw != "" {
		var day time.Time
		day, ok = parseImportDate(raw)
		h, m := 0, 0
		if clock := one("time"); clock != "" && ok {
			h, m, ok = parseImportClock(clock)
		}
		in.StartedAt = time.Date(day.Year(), day.Month(), day.Day(), h, m, 0, 0, Finland)
	} else {
		return // Validate reports the missing date
	}
	if !ok {
		in.StartedAt = time.Time{}
		v.Add("started_at", "error.date_time")
	}
}

func (p *ImportPlan) number(v *ValidationError, field, raw string) int {
	if raw == "" {
		return 0
	}
	n, ok := parseImportNumber(raw)
	if !ok {
		v.Add(field, "error.number")
	}
	return n
}

// EachImportRow reads the sheet's data rows into contacts, skipping blank
// rows, and calls fn with the spreadsheet's row number and either the
// contact or its validation error. Rows are never collected: memory stays
// one row deep whatever the file's size.
func EachImportRow(s *Sheet, p *ImportPlan, fn func(row int, in ContactInput, err error) error) error {
	n := 0
	for {
		cells, err := s.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if !hasValue(cells) {
			continue
		}
		if n++; n > MaxImportRows {
			return ErrTooManyRows
		}
		in, err := p.Contact(cells)
		if err := fn(s.Row(), in, err); err != nil {
			return err
		}
	}
}

// RowError is one problem of one row: the spreadsheet's row number, the
// contact field and the translation key, the same as the form shows.
type RowError struct {
	Row   int
	Field string
	Key   string
}

// DryRun is what an import would do, without doing it.
type DryRun struct {
	Rows       int        // non-blank data rows
	Valid      int        // rows that would be imported
	BadRows    int        // rows with at least one error
	ErrorCount int        // every error of every row
	Errors     []RowError // the first MaxReportedRowErrors
}

// DryRunImport validates every row and writes nothing.
func DryRunImport(s *Sheet, p *ImportPlan) (DryRun, error) {
	var d DryRun
	err := EachImportRow(s, p, func(row int, _ ContactInput, err error) error {
		d.Rows++
		var v *ValidationError
		if err == nil {
			d.Valid++
			return nil
		} else if !errors.As(err, &v) {
			return err
		}
		d.BadRows++
		for _, f := range v.Fields {
			d.ErrorCount++
			if len(d.Errors) < MaxReportedRowErrors {
				d.Errors = append(d.Errors, RowError{Row: row, Field: f.Field, Key: f.Key})
			}
		}
		return nil
	})
	return d, err
}
