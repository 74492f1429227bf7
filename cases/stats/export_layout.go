package stats

import (
	"strconv"
	"strings"
)

// ExportText is what an export says around its tables, already in the
// report's language: the writers know no translations.
type ExportText struct {
	Title    string      // first line, e.g. "Neuvo statistics"
	Head     [][2]string // label and value: scope, period, rule, figures as of
	Legend   string      // the meaning of Marker, with k
	Sections map[string]string
	Withheld string // heading of the list of withheld tables
}

// exportCell is one cell of an export row: a text, or a figure.
type exportCell struct {
	text   string
	figure *Cell
}

func textCell(s string) exportCell { return exportCell{text: s} }

// exportRows calls emit for every row of the export, top to bottom: the
// header block, each section's tables in screen order, then the withheld
// tables. A writer that emits each row as it comes streams the file.
func exportRows(r *Report, txt ExportText, emit func([]exportCell) error) error {
	rows := [][]exportCell{{textCell(txt.Title)}}
	for _, h := range txt.Head {
		rows = append(rows, []exportCell{textCell(h[0]), textCell(h[1])})
	}
	rows = append(rows, []exportCell{textCell(txt.Legend)}, nil)
	for _, row := range rows {
		if err := emit(row); err != nil {
			return err
		}
	}
	for _, sec := range r.Sections() {
		if err := emit([]exportCell{textCell(sectionTitle(txt, sec.Section))}); err != nil {
			return err
		}
		for _, t := range sec.Tables {
			if err := exportTable(t, emit); err != nil {
				return err
			}
		}
	}
	return exportWithheld(r, txt, emit)
}

func sectionTitle(txt ExportText, code string) string {
	if s, ok := txt.Sections[code]; ok {
		return s
	}
	return code
}

// exportTable writes a table's title, its column headings and its rows,
// then an empty row.
func exportTable(t Table, emit func([]exportCell) error) error {
	head := []exportCell{textCell(t.RowHead)}
	for _, c := range t.Cols {
		head = append(head, textCell(c.Text))
	}
	if err := emit([]exportCell{textCell(t.Title)}); err != nil {
		return err
	}
	if err := emit(head); err != nil {
		return err
	}
	for i, label := range t.Rows {
		row := []exportCell{textCell(label.Text)}
		for j := range t.Cols {
			row = append(row, exportCell{figure: &t.Cells[i][j]})
		}
		if err := emit(row); err != nil {
			return err
		}
	}
	return emit(nil)
}

func exportWithheld(r *Report, txt ExportText, emit func([]exportCell) error) error {
	if len(r.Withheld) == 0 {
		return nil
	}
	if err := emit([]exportCell{textCell(txt.Withheld)}); err != nil {
		return err
	}
	for _, title := range r.Withheld {
		if err := emit([]exportCell{textCell(title)}); err != nil {
			return err
		}
	}
	return nil
}

// Neutralise keeps a text cell from being read as a formula by a
// spreadsheet: labels are admin-editable taxonomy texts.
func Neutralise(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// figureText is a published figure as plain text, with a decimal point
// or comma, or Marker.
func figureText(c Cell, decimalComma bool) string {
	if !c.Shown {
		return Marker
	}
	var s string
	switch c.Kind {
	case Percent, Ratio:
		s = strconv.FormatFloat(c.Value, 'f', 1, 64)
	default:
		s = strconv.FormatFloat(roundWhole(c.Value), 'f', 0, 64)
	}
	if decimalComma {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

func roundWhole(v float64) float64 { return float64(int64(v + 0.5)) }

// figureValue is a published figure as a spreadsheet number.
func figureValue(c Cell) float64 {
	switch c.Kind {
	case Percent, Ratio:
		v, _ := strconv.ParseFloat(strconv.FormatFloat(c.Value, 'f', 1, 64), 64)
		return v
	}
	return roundWhole(c.Value)
}
