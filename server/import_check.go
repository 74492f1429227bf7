package server

import (
	"errors"
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
)

// importCheckPage is a dry run's outcome: counts, the first row errors
// and, when every row is valid, the button that imports them.
type importCheckPage struct {
	ID        string
	FileName  string
	Run       cases.DryRun
	Rows      []importRowError
	More      int // errors counted but not listed
	Duplicate *cases.Import
	Saved     string // the name the mapping was saved under
	Problem   string // translation key of why the file could not be read to the end
	Line      int    // the CSV line that could not be parsed
}

// importRowError names the spreadsheet's column as well as the field.
type importRowError struct {
	Row     int
	Columns string
	Field   string
	Key     string
}

// CanCommit is true for a clean dry run of a file not imported before.
func (p importCheckPage) CanCommit() bool {
	return p.Duplicate == nil && p.Problem == "" && p.Run.Rows > 0 && p.Run.BadRows == 0
}

// importCheck saves the mapping when a name is given, and validates every
// row with it. Nothing is written to contacts.
func (s *Server) importCheck(c *gin.Context) {
	u, err := s.imports.get(c.Param("id"), currentActor(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	if _, _, job := s.imports.state(u); job != nil && job.progress().State != "failed" {
		s.redirect(c, "/imports/"+u.id+"/progress")
		return
	}
	sheet, err := cases.OpenSheet(u.path)
	if err != nil {
		s.fail(c, err)
		return
	}
	defer sheet.Close()
	m, plan, err := s.importPlan(c, u, sheet)
	var invalid *cases.ValidationError
	switch {
	case errors.As(err, &invalid):
		s.renderMappingErrors(c, u, m, invalid)
	case err != nil:
		s.fail(c, err)
	default:
		s.dryRun(c, u, sheet, m, plan)
	}
}

// importPlan reads the posted mapping, checks it against the sheet and
// the taxonomies, and saves it when the user named it.
func (s *Server) importPlan(c *gin.Context, u *importUpload, sheet *cases.Sheet) (cases.Mapping, *cases.ImportPlan, error) {
	ctx, tx := c.Request.Context(), requestTx(c)
	m, err := readMapping(c, sheet.Header)
	if err != nil {
		return m, nil, err
	}
	tax, err := s.taxonomy(c)
	if err != nil {
		return m, nil, err
	}
	points, err := cases.AdvicePoints(ctx, tx)
	if err != nil {
		return m, nil, err
	}
	s.imports.tried(u, m, 0)
	plan, err := cases.NewImportPlan(sheet.Header, m, tax, points, s.now())
	if name := strings.TrimSpace(c.PostForm("mapping_name")); err == nil && name != "" {
		_, err = cases.SaveImportMapping(ctx, tx, name, m)
	}
	return m, plan, err
}

func (s *Server) renderMappingErrors(c *gin.Context, u *importUpload, m cases.Mapping, invalid *cases.ValidationError) {
	page, err := s.importMapPage(c, u, m)
	if err != nil {
		s.fail(c, err)
		return
	}
	page.Errors, page.Name = invalid, strings.TrimSpace(c.PostForm("mapping_name"))
	s.render(c, http.StatusUnprocessableEntity, "import_map", "import.map", page)
}

// dryRun validates every row and shows the outcome; a clean run of a new
// file may then be committed.
func (s *Server) dryRun(c *gin.Context, u *importUpload, sheet *cases.Sheet, m cases.Mapping, plan *cases.ImportPlan) {
	page := importCheckPage{ID: u.id, FileName: u.file.Name, Saved: strings.TrimSpace(c.PostForm("mapping_name"))}
	var err error
	page.Run, err = cases.DryRunImport(sheet, plan)
	if page.Problem, page.Line = readProblem(err); page.Problem != "" {
		s.render(c, http.StatusUnprocessableEntity, "import_check", "import.check", page)
		return
	} else if err != nil {
		s.fail(c, err)
		return
	}
	if earlier, err := cases.FindImport(c.Request.Context(), requestTx(c), u.file.SHA256); err == nil {
		page.Duplicate = &earlier
	} else if !errors.Is(err, cases.ErrNotFound) {
		s.fail(c, err)
		return
	}
	for _, e := range page.Run.Errors {
		page.Rows = append(page.Rows, importRowError{Row: e.Row, Columns: columnsOf(m, sheet.Header, e.Field),
			Field: e.Field, Key: e.Key})
	}
	page.More = page.Run.ErrorCount - len(page.Run.Errors)
	if page.CanCommit() {
		s.imports.tried(u, m, page.Run.Rows)
	}
	s.render(c, http.StatusOK, "import_check", "import.check", page)
}

// readProblem names why a file could not be read to its end, if it could not.
func readProblem(err error) (key string, line int) {
	var lineErr *cases.ImportLineError
	switch {
	case errors.As(err, &lineErr):
		return "import.error.line", lineErr.Line
	case errors.Is(err, cases.ErrImportFormat):
		return "import.error.format", 0
	case errors.Is(err, cases.ErrTooManyRows):
		return "import.error.too_many_rows", 0
	}
	return "", 0
}

// columnsOf names the columns a field was read from, so the user finds
// the cell; "" when the value came from a default.
func columnsOf(m cases.Mapping, header []string, field string) string {
	fields := []string{field}
	if field == "started_at" {
		fields = []string{"started_at", "date", "time"}
	}
	var out []string
	for _, h := range header {
		if slices.Contains(fields, m.FieldFor(h)) && !slices.Contains(out, h) {
			out = append(out, h)
		}
	}
	return strings.Join(out, ", ")
}
