package stats

import (
	"encoding/csv"
	"io"
)

// CSVDialect is the flavour of a CSV export.
type CSVDialect uint8

const (
	CSVPlain        CSVDialect = iota // UTF-8, comma, decimal point
	CSVExcelFinnish                   // UTF-8 with BOM, semicolon, decimal comma: what Excel in Finnish opens as columns
)

const utf8BOM = "\ufeff"

// WriteCSV writes the report as CSV, row by row, exactly as the page
// shows it: the same tables in the same order, Marker for every
// suppressed cell, text cells neutralised against formulas.
func WriteCSV(w io.Writer, r *Report, txt ExportText, dialect CSVDialect) error {
	finnish := dialect == CSVExcelFinnish
	if finnish {
		if _, err := io.WriteString(w, utf8BOM); err != nil {
			return err
		}
	}
	out := csv.NewWriter(w)
	if finnish {
		out.Comma = ';'
	}
	record := make([]string, 0, 16)
	err := exportRows(r, txt, func(row []exportCell) error {
		record = record[:0]
		for _, c := range row {
			if c.figure != nil {
				record = append(record, figureText(*c.figure, finnish))
			} else {
				record = append(record, Neutralise(c.text))
			}
		}
		if len(record) == 0 {
			record = append(record, "")
		}
		return out.Write(record)
	})
	if err != nil {
		return err
	}
	out.Flush()
	return out.Error()
}
