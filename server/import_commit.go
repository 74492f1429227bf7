package server

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/jmoiron/sqlx"

	"neuvo/cases"
)

// importTimeout bounds a commit's transaction; 50,000 rows take seconds.
const importTimeout = 30 * time.Minute

// importCommit starts the import of a cleanly checked upload in the
// background and sends the browser to its progress page. Without a clean
// dry run it goes back to the mapping.
func (s *Server) importCommit(c *gin.Context) {
	who := currentActor(c)
	u, err := s.imports.get(c.Param("id"), who)
	if err != nil {
		s.fail(c, err)
		return
	}
	job, mapping, started := s.imports.start(u)
	if job == nil {
		s.redirect(c, "/imports/"+u.id)
		return
	}
	if started {
		go s.runImport(u, mapping, job, who.Roles)
	}
	s.redirect(c, "/imports/"+u.id+"/progress")
}

// runImport commits in a transaction of its own, scoped to the uploader's
// organisation and user exactly as a request's is, so row-level security
// and the audit log see the same actor. The file is deleted once its rows
// are in.
func (s *Server) runImport(u *importUpload, m cases.Mapping, job *importJob, roles cases.Roles) {
	s.imports.slots <- struct{}{} // waits, showing 0 done, while others run
	defer func() { <-s.imports.slots }()
	ctx, cancel := context.WithTimeout(context.Background(), importTimeout)
	defer cancel()
	var result cases.Import
	defer func() {
		if p := recover(); p != nil {
			s.log.Error("import panicked", "import", u.id, "panic", fmt.Sprint(p))
			job.finish(result, "import.failed", 0)
		}
	}()
	started := time.Now()
	err := cases.InScope(ctx, s.db, cases.Scope{OrgID: u.orgID, UserID: u.userID}, func(tx *sqlx.Tx) error {
		tax, err := cases.LoadTaxonomy(ctx, tx)
		if err != nil {
			return err
		}
		points, err := cases.AdvicePoints(ctx, tx)
		if err != nil {
			return err
		}
		sheet, err := cases.OpenSheet(u.path)
		if err != nil {
			return err
		}
		defer sheet.Close()
		plan, err := cases.NewImportPlan(sheet.Header, m, tax, points, s.now())
		if err != nil {
			return err
		}
		result, err = cases.CommitImport(ctx, tx, sheet, plan, u.file, roles,
			func(rows int) { job.done.Store(int64(rows)) })
		return err
	})
	key, row := importFailure(err)
	if err != nil {
		s.imports.tried(u, m, 0) // a new dry run must pass before another try
	}
	if key == "import.failed" {
		s.log.Error("import failed", "import", u.id, "org", u.orgID, "user", u.userID, "err", err)
	} else if err == nil {
		os.Remove(u.path)
		s.log.Info("import committed", "import", result.ID, "org", u.orgID, "user", u.userID,
			"rows", result.Rows, "duration", time.Since(started).String())
	}
	job.finish(result, key, row)
}

// importFailure is what the progress page says about an error.
func importFailure(err error) (key string, row int) {
	var rowErr *cases.ImportRowError
	switch {
	case err == nil:
		return "", 0
	case errors.As(err, &rowErr):
		return "import.failed_row", rowErr.Row
	case errors.Is(err, cases.ErrDuplicateImport):
		return "import.error.duplicate", 0
	case errors.Is(err, cases.ErrEmptyImport):
		return "import.error.empty", 0
	}
	return "import.failed", 0
}
