package cases_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"neuvo/cases"
)

// TestZipBombIsRefusedBeforeUnzipping: a small upload whose workbook parts
// unzip to 40 MB of zeros must be refused, not read into memory.
func TestZipBombIsRefusedBeforeUnzipping(t *testing.T) {
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	w, _ := z.Create("xl/styles.xml")
	zeros := make([]byte, 1<<20)
	for i := 0; i < 40; i++ {
		w.Write(zeros)
	}
	z.Close()
	path := filepath.Join(t.TempDir(), "bomb.xlsx")
	os.WriteFile(path, buf.Bytes(), 0o600)
	if buf.Len() > 1<<20 {
		t.Fatalf("the test file itself is %d bytes; it should be small", buf.Len())
	}
	sheet, err := cases.OpenSheet(path)
	if err == nil {
		sheet.Close()
	}
	if !errors.Is(err, cases.ErrImportFormat) {
		t.Fatalf("a zip bomb opened: %v", err)
	}
}
