package server

import (
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
	"neuvo/frontend"
)

// importSampleRows are shown under each column to help choose its field.
const importSampleRows = 3

// importMapPage is the mapping form: each column with a few sample
// values and the field it fills.
type importMapPage struct {
	ID       string
	FileName string
	Columns  []importColumn
	Fields   []cases.ImportField
	Saved    []cases.SavedMapping
	Points   []cases.AdvicePoint
	Channels []cases.TaxonomyItem
	Defaults map[string]string
	Lang     string
	Name     string
	Errors   *cases.ValidationError
}

type importColumn struct {
	Header  string
	Field   string
	Samples []string
}

// FieldErrors are the mapping's problems, for the summary above the form.
func (p importMapPage) FieldErrors() []cases.FieldError {
	if p.Errors == nil {
		return nil
	}
	return p.Errors.Fields
}

// importMap shows the mapping form: the last mapping tried, a saved one
// the user picked, or a guess from the column names.
func (s *Server) importMap(c *gin.Context) {
	u, err := s.imports.get(c.Param("id"), currentActor(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	mapping, _, job := s.imports.state(u)
	if job != nil && job.progress().State != "failed" {
		s.redirect(c, "/imports/"+u.id+"/progress")
		return
	}
	var name string
	if id, _ := strconv.ParseInt(c.Query("mapping"), 10, 64); id > 0 {
		saved, err := cases.GetImportMapping(c.Request.Context(), requestTx(c), id)
		if err != nil {
			s.fail(c, err)
			return
		}
		mapping, name = saved.Mapping, saved.Name
	}
	page, err := s.importMapPage(c, u, mapping)
	if err != nil {
		s.fail(c, err)
		return
	}
	page.Name = name
	s.render(c, http.StatusOK, "import_map", "import.map", page)
}

func (s *Server) importMapPage(c *gin.Context, u *importUpload, m cases.Mapping) (importMapPage, error) {
	ctx, tx := c.Request.Context(), requestTx(c)
	page := importMapPage{ID: u.id, FileName: u.file.Name, Fields: cases.ImportFields(), Defaults: m.Defaults,
		Lang: s.lang(c).Code}
	sheet, err := cases.OpenSheet(u.path)
	if err != nil {
		return page, err
	}
	defer sheet.Close()
	guess := len(m.Columns) == 0
	for _, h := range sheet.Header {
		field := m.FieldFor(h)
		if guess {
			field = s.guessField(h)
		}
		page.Columns = append(page.Columns, importColumn{Header: h, Field: field})
	}
	for n := 0; n < importSampleRows; n++ {
		cells, err := sheet.Next()
		if errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return page, err
		}
		for i := range page.Columns {
			if i < len(cells) {
				page.Columns[i].Samples = append(page.Columns[i].Samples, cells[i])
			}
		}
	}
	tax, err := s.taxonomy(c)
	if err != nil {
		return page, err
	}
	page.Channels = tax.Active("channel")
	if page.Saved, err = cases.ImportMappings(ctx, tx); err == nil {
		page.Points, err = cases.AdvicePoints(ctx, tx)
	}
	return page, err
}

// guessField maps a column whose name is a field's code or its label in
// any UI language, e.g. "Kanava", "Kanal" or "channel".
func (s *Server) guessField(header string) string {
	h := strings.ToLower(strings.TrimSpace(header))
	for _, f := range cases.ImportFields() {
		if h == f.Name {
			return f.Name
		}
		for _, code := range frontend.Languages {
			if h == strings.ToLower(s.pages.Lang(code).T("import.field."+f.Name)) {
				return f.Name
			}
		}
	}
	return ""
}

// readMapping reads the form: one select per column, in header order,
// and the defaults.
func readMapping(c *gin.Context, header []string) (cases.Mapping, error) {
	cols := c.PostFormArray("col")
	if len(cols) != len(header) {
		return cases.Mapping{}, errBadRequest
	}
	m := cases.Mapping{Columns: map[string]string{}, Defaults: map[string]string{}}
	for i, h := range header {
		if cols[i] != "" {
			m.Columns[h] = cols[i]
		}
	}
	for _, name := range cases.ImportDefaultFields {
		if v := strings.TrimSpace(c.PostForm("default_" + name)); v != "" {
			m.Defaults[name] = v
		}
	}
	return m, nil
}
