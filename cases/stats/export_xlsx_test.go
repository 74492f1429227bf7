package stats

import (
	"bytes"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"
)

func openXLSX(t *testing.T) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, sampleReport(), sampleText()); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// rowOf finds the sheet row (1-based) whose first cell is label.
func rowOf(t *testing.T, f *excelize.File, label string) int {
	t.Helper()
	rows, err := f.GetRows(xlsxSheet)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if len(r) > 0 && r[0] == label {
			return i + 1
		}
	}
	t.Fatalf("no row %q", label)
	return 0
}

func cellAt(t *testing.T, f *excelize.File, col string, row int) (string, excelize.CellType) {
	t.Helper()
	name := col + strconv.Itoa(row)
	v, err := f.GetCellValue(xlsxSheet, name, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	typ, err := f.GetCellType(xlsxSheet, name)
	if err != nil {
		t.Fatal(err)
	}
	return v, typ
}

func TestXLSXNumbersAreNumbersAndSuppressedCellsTheMarker(t *testing.T) {
	f := openXLSX(t)
	row := rowOf(t, f, `'=HYPERLINK("http://x")`)
	for _, col := range []string{"B", "C"} {
		if v, typ := cellAt(t, f, col, row); v != ".." || isNumber(typ) {
			t.Fatalf("suppressed %s%d = %q (%v)", col, row, v, typ)
		}
	}
	walkIn := rowOf(t, f, "Walk-in")
	if v, typ := cellAt(t, f, "B", walkIn); v != "40" || !isNumber(typ) {
		t.Fatalf("B%d = %q (%v), want the number 40", walkIn, v, typ)
	}
	if v, typ := cellAt(t, f, "C", walkIn); v != "88.9" || !isNumber(typ) {
		t.Fatalf("C%d = %q (%v), want the number 88.9", walkIn, v, typ)
	}
	if v, _ := cellAt(t, f, "B", rowOf(t, f, "Scope")); v != `'=Network "hub"` {
		t.Fatalf("scope %q", v)
	}
	rowOf(t, f, "'-persons")
	rowOf(t, f, ".. = confidential")
	formulas, err := f.GetCellFormula(xlsxSheet, "A"+strconv.Itoa(row))
	if err != nil || formulas != "" {
		t.Fatalf("formula %q, %v", formulas, err)
	}
}

// isNumber: excelize reports a numeric cell as unset or number.
func isNumber(t excelize.CellType) bool {
	return t == excelize.CellTypeNumber || t == excelize.CellTypeUnset
}
