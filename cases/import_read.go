package cases

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
)

// ErrImportFormat is a file that is neither a readable CSV nor an XLSX
// workbook, or whose first row has no column names.
var ErrImportFormat = errors.New("import: unreadable file")

// ImportLineError is a CSV line that cannot be parsed, such as a quote
// that never closes. It is an ErrImportFormat.
type ImportLineError struct {
	Line int
	Err  error
}

func (e *ImportLineError) Error() string        { return fmt.Sprintf("import: line %d: %v", e.Line, e.Err) }
func (e *ImportLineError) Is(target error) bool { return target == ErrImportFormat }

// Sheet reads a spreadsheet one row at a time, so that a 50,000-row file
// never sits in memory: only the current row does.
type Sheet struct {
	Header []string
	row    int // the number of the last row read, 1 being the header, as the spreadsheet shows it
	next   func() ([]string, error)
	close  func() error
}

// xlsxMagic starts every zip archive, and so every XLSX workbook.
var xlsxMagic = []byte("PK\x03\x04")

// OpenSheet opens a CSV or XLSX file, telling them apart by content rather
// than by the name the browser sent, and reads the header row.
func OpenSheet(path string) (*Sheet, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	head := make([]byte, 4)
	n, _ := io.ReadFull(f, head)
	var s *Sheet
	if bytes.Equal(head[:n], xlsxMagic) {
		f.Close()
		s, err = openXLSX(path)
	} else {
		if _, err = f.Seek(0, io.SeekStart); err == nil {
			s, err = openCSV(f)
		}
		if err != nil {
			f.Close()
		}
	}
	if err != nil {
		return nil, err
	}
	header, err := s.Next()
	if err != nil || !hasValue(header) {
		s.Close()
		return nil, ErrImportFormat
	}
	for len(header) > 0 && strings.TrimSpace(header[len(header)-1]) == "" {
		header = header[:len(header)-1] // a blank column at the end names nothing
	}
	if len(header) > MaxImportColumns {
		s.Close()
		return nil, ErrTooManyColumns
	}
	s.Header = make([]string, len(header))
	for i, h := range header {
		s.Header[i] = strings.TrimSpace(CleanText(h, MaxImportHeaderLen))
	}
	return s, nil
}

// A header names a column, so what it says only has to be storable (it is
// kept in saved mappings) and short. Column counts are bounded because the
// mapping form shows one choice per column.
const (
	MaxImportColumns   = 200
	MaxImportHeaderLen = 200
)

// ErrTooManyColumns is a sheet whose header has more than MaxImportColumns
// cells. It is an ErrImportFormat.
var ErrTooManyColumns = fmt.Errorf("%w: more than %d columns", ErrImportFormat, MaxImportColumns)

// Next returns the next row's cells; io.EOF after the last row. The slice
// is only valid until the next call.
func (s *Sheet) Next() ([]string, error) {
	cells, err := s.next()
	if err == nil {
		s.row++
	}
	return cells, err
}

// Row is the spreadsheet's number of the row Next last returned.
func (s *Sheet) Row() int { return s.row }

// Close releases the file.
func (s *Sheet) Close() error { return s.close() }

// openCSV reads UTF-8 (with or without a byte-order mark) and, because a
// Finnish Excel's "CSV (semicolon separated)" is often Windows-1252, falls
// back to that when the start of the file is not UTF-8. The delimiter is
// whichever of ; , or tab the header line uses most.
func openCSV(f *os.File) (*Sheet, error) {
	buf := bufio.NewReaderSize(f, 64<<10)
	start, _ := buf.Peek(64 << 10)
	var r io.Reader = buf
	if bytes.HasPrefix(start, []byte("\xef\xbb\xbf")) {
		buf.Discard(3)
		start = start[3:]
	} else if !validUTF8Prefix(start, len(start) == 64<<10) {
		r = charmap.Windows1252.NewDecoder().Reader(buf)
	}
	firstLine, _, _ := bytes.Cut(start, []byte("\n"))
	cr := csv.NewReader(r)
	cr.Comma = delimiter(firstLine)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	next := func() ([]string, error) {
		cells, err := cr.Read()
		var parseErr *csv.ParseError
		if errors.As(err, &parseErr) {
			return nil, &ImportLineError{Line: parseErr.Line, Err: parseErr.Err}
		}
		return cells, err
	}
	return &Sheet{next: next, close: f.Close}, nil
}

// validUTF8Prefix allows a full peek window to end inside a character.
func validUTF8Prefix(b []byte, full bool) bool {
	if utf8.Valid(b) {
		return true
	}
	for cut := 1; full && cut < utf8.UTFMax && cut < len(b); cut++ {
		if utf8.Valid(b[:len(b)-cut]) {
			return true
		}
	}
	return false
}

func delimiter(line []byte) rune {
	best, count := ',', bytes.Count(line, []byte(","))
	for _, d := range []rune{';', '\t'} {
		if n := bytes.Count(line, []byte(string(d))); n > count {
			best, count = d, n
		}
	}
	return best
}

// maxXLSXMemoryParts bounds what excelize holds in memory for one file:
// styles, workbook, relationships and small sheets.
const maxXLSXMemoryParts = 32 << 20

func xlsxPartsFit(path string) error {
	z, err := zip.OpenReader(path)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrImportFormat, err)
	}
	defer z.Close()
	var inMemory uint64
	for _, f := range z.File {
		streamed := strings.HasPrefix(f.Name, "xl/worksheets/sheet") || f.Name == "xl/sharedStrings.xml"
		if !streamed || f.UncompressedSize64 <= 16<<20 {
			inMemory += f.UncompressedSize64
		}
	}
	if inMemory > maxXLSXMemoryParts {
		return fmt.Errorf("%w: %d MB of workbook parts outside the sheets", ErrImportFormat, inMemory>>20)
	}
	return nil
}

// openXLSX streams the first worksheet. Cells come raw, not formatted, so
// that a date is its serial number rather than whatever the cell's display
// format makes of it; the row parser understands both. Worksheets larger
// than excelize's chunk size are unzipped to a temporary file, not memory;
// every other part is unzipped to memory, so xlsxPartsFit refuses a file
// whose other parts would take more than a few megabytes (a zip bomb).
func openXLSX(path string) (*Sheet, error) {
	if err := xlsxPartsFit(path); err != nil {
		return nil, err
	}
	book, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true, UnzipSizeLimit: 1 << 30})
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrImportFormat, err)
	}
	sheets := book.GetSheetList()
	if len(sheets) == 0 {
		book.Close()
		return nil, ErrImportFormat
	}
	rows, err := book.Rows(sheets[0])
	if err != nil {
		book.Close()
		return nil, fmt.Errorf("%w: %v", ErrImportFormat, err)
	}
	next := func() ([]string, error) {
		if !rows.Next() {
			if err := rows.Error(); err != nil {
				return nil, fmt.Errorf("%w: %v", ErrImportFormat, err)
			}
			return nil, io.EOF
		}
		return rows.Columns()
	}
	closeAll := func() error {
		rows.Close()
		return book.Close()
	}
	return &Sheet{next: next, close: closeAll}, nil
}

func hasValue(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return true
		}
	}
	return false
}
