package stats

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
)

func readCSV(t *testing.T, data []byte, comma rune) [][]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma, r.FieldsPerRecord = comma, -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// find returns the row whose first cell is label.
func find(t *testing.T, rows [][]string, label string) []string {
	t.Helper()
	for _, r := range rows {
		if len(r) > 0 && r[0] == label {
			return r
		}
	}
	t.Fatalf("no row %q in %q", label, rows)
	return nil
}

func TestCSVNeutralisesFormulasAndMarksSuppressedCells(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCSV(&buf, sampleReport(), sampleText(), CSVPlain); err != nil {
		t.Fatal(err)
	}
	if bytes.HasPrefix(buf.Bytes(), []byte(utf8BOM)) {
		t.Fatal("plain CSV has a BOM")
	}
	rows := readCSV(t, buf.Bytes(), ',')
	if got := find(t, rows, `'=HYPERLINK("http://x")`); got[1] != ".." || got[2] != ".." {
		t.Fatalf("suppressed row %q", got)
	}
	if got := find(t, rows, "Walk-in"); got[1] != "40" || got[2] != "88.9" {
		t.Fatalf("walk-in row %q", got)
	}
	find(t, rows, `'-persons`)
	if got := find(t, rows, "Scope"); got[1] != `'=Network "hub"` {
		t.Fatalf("scope %q", got)
	}
	if got := find(t, rows, "1/2026"); got[1] != "0" {
		t.Fatalf("zero shown as %q", got[1])
	}
	find(t, rows, "Topic by language")
	for _, r := range rows {
		for _, c := range r {
			if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
				t.Fatalf("cell %q starts a formula", c)
			}
		}
	}
}

func TestFinnishCSVHasBOMSemicolonAndDecimalComma(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCSV(&buf, sampleReport(), sampleText(), CSVExcelFinnish); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte{0xEF, 0xBB, 0xBF}) {
		t.Fatal("no UTF-8 BOM")
	}
	if !strings.Contains(buf.String(), "Walk-in;40;88,9\n") {
		t.Fatalf("no semicolon row with a decimal comma:\n%s", buf.String())
	}
	rows := readCSV(t, bytes.TrimPrefix(buf.Bytes(), []byte(utf8BOM)), ';')
	if got := find(t, rows, "Total"); got[2] != "100,0" {
		t.Fatalf("total row %q", got)
	}
}

// The export holds the tables in the page's order: grouped by section.
func TestExportFollowsTheSectionsOrder(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCSV(&buf, sampleReport(), sampleText(), CSVPlain); err != nil {
		t.Fatal(err)
	}
	s := buf.String()
	months, persons := strings.Index(s, "Contacts by month"), strings.Index(s, "Persons reached")
	if months < 0 || persons < 0 || months > persons {
		t.Fatalf("months at %d, persons at %d", months, persons)
	}
}
