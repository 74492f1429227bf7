package stats

import (
	"io"

	"github.com/xuri/excelize/v2"
)

// xlsxSheet is the one sheet of an XLSX export.
const xlsxSheet = "Neuvo"

// WriteXLSX writes the report as an XLSX workbook through excelize's
// StreamWriter, row by row (it spills to a temporary file beyond a few
// megabytes): published figures are numeric cells, every suppressed cell
// is the text Marker, text cells are neutralised against formulas, and
// the legend rows carry the rule.
func WriteXLSX(w io.Writer, r *Report, txt ExportText) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", xlsxSheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(xlsxSheet)
	if err != nil {
		return err
	}
	oneDecimal := "0.0"
	decimal, err := f.NewStyle(&excelize.Style{CustomNumFmt: &oneDecimal})
	if err != nil {
		return err
	}
	marker, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Horizontal: "right"}})
	if err != nil {
		return err
	}
	if err := sw.SetColWidth(1, 1, 36); err != nil {
		return err
	}
	line := 0
	err = exportRows(r, txt, func(row []exportCell) error {
		line++
		values := make([]any, len(row))
		for i, c := range row {
			values[i] = xlsxCell(c, decimal, marker)
		}
		cell, err := excelize.CoordinatesToCellName(1, line)
		if err != nil {
			return err
		}
		return sw.SetRow(cell, values)
	})
	if err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

func xlsxCell(c exportCell, decimal, marker int) excelize.Cell {
	switch {
	case c.figure == nil:
		return excelize.Cell{Value: Neutralise(c.text)}
	case !c.figure.Shown:
		return excelize.Cell{Value: Marker, StyleID: marker}
	case c.figure.Kind == Percent || c.figure.Kind == Ratio:
		return excelize.Cell{Value: figureValue(*c.figure), StyleID: decimal}
	}
	return excelize.Cell{Value: int64(figureValue(*c.figure))}
}
