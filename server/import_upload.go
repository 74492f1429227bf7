package server

import (
	"crypto/sha256"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
)

// maxImportBytes bounds an upload; 50 MB holds far more than 50,000 rows.
const maxImportBytes = 50 << 20

// importStartPage is the upload form with the organisation's earlier imports.
type importStartPage struct {
	Recent    []cases.Import
	Errors    *cases.ValidationError
	Duplicate *cases.Import
	MaxMB     int
}

func (s *Server) importStart(c *gin.Context) {
	s.imports.sweep(s.now())
	s.renderImportStart(c, http.StatusOK, importStartPage{})
}

func (s *Server) renderImportStart(c *gin.Context, status int, page importStartPage) {
	recent, err := cases.RecentImports(c.Request.Context(), requestTx(c), 20)
	if err != nil {
		s.fail(c, err)
		return
	}
	page.Recent, page.MaxMB = recent, maxImportBytes>>20
	s.render(c, status, "import_start", "import.title", page)
}

// importUpload streams the file to a temporary file while hashing it, so
// that neither a 50 MB upload nor its hash needs the file in memory, then
// checks that it reads as a spreadsheet and has not been imported before.
func (s *Server) importUpload(c *gin.Context) {
	refuse := func(status int, key string) {
		v := &cases.ValidationError{}
		v.Add("file", key)
		s.renderImportStart(c, status, importStartPage{Errors: v})
	}
	if s.imports.pending(currentActor(c)) >= maxPendingUploads {
		refuse(http.StatusTooManyRequests, "import.error.too_many")
		return
	}
	saved, err := s.saveUpload(c)
	switch {
	case errors.As(err, new(*http.MaxBytesError)):
		refuse(http.StatusRequestEntityTooLarge, "import.error.too_large")
		return
	case errors.Is(err, errNoFile):
		refuse(http.StatusUnprocessableEntity, "import.error.no_file")
		return
	case err != nil:
		s.fail(c, err)
		return
	}
	sheet, err := cases.OpenSheet(saved.path)
	if err != nil {
		os.Remove(saved.path)
		refuse(http.StatusUnprocessableEntity, map[bool]string{true: "import.error.too_many_columns",
			false: "import.error.format"}[errors.Is(err, cases.ErrTooManyColumns)])
		return
	}
	sheet.Close()
	earlier, err := cases.FindImport(c.Request.Context(), requestTx(c), saved.file.SHA256)
	if err == nil {
		os.Remove(saved.path)
		s.renderImportStart(c, http.StatusConflict, importStartPage{Duplicate: &earlier})
		return
	} else if !errors.Is(err, cases.ErrNotFound) {
		os.Remove(saved.path)
		s.fail(c, err)
		return
	}
	who := currentActor(c)
	saved.orgID, saved.userID = who.Org.ID, who.User.ID
	s.redirect(c, "/imports/"+s.imports.add(saved, s.now()))
}

var errNoFile = errors.New("no file in the upload")

func (s *Server) saveUpload(c *gin.Context) (*importUpload, error) {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxImportBytes)
	parts, err := c.Request.MultipartReader()
	if err != nil {
		return nil, errNoFile
	}
	for {
		part, err := parts.NextPart()
		if errors.Is(err, io.EOF) {
			return nil, errNoFile
		} else if err != nil {
			return nil, err
		}
		if part.FormName() == "file" && part.FileName() != "" {
			return s.saveFile(part, part.FileName())
		}
	}
}

func (s *Server) saveFile(r io.Reader, name string) (*importUpload, error) {
	f, err := s.imports.create()
	if err != nil {
		return nil, err
	}
	hash := sha256.New()
	n, err := io.Copy(io.MultiWriter(f, hash), r)
	if closeErr := f.Close(); err == nil {
		err = closeErr
	}
	if err == nil && n == 0 {
		err = errNoFile
	}
	if err != nil {
		os.Remove(f.Name())
		return nil, err
	}
	return &importUpload{path: f.Name(), file: cases.ImportFile{SHA256: hash.Sum(nil), Name: cleanFileName(name)}}, nil
}

// cleanFileName keeps the base name a browser sent, shortened and
// storable: it only labels the import.
func cleanFileName(name string) string {
	return cases.CleanText(filepath.Base(strings.ReplaceAll(name, `\`, "/")), cases.MaxNameLen)
}
