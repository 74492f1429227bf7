package server

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// importProgressPage shows a running import. Without JavaScript the page
// reloads itself; with it, app.js polls importStatus and moves the bar.
type importProgressPage struct {
	ID       string
	FileName string
	importProgress
}

func (s *Server) importProgressShow(c *gin.Context) {
	u, err := s.imports.get(c.Param("id"), currentActor(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	_, _, job := s.imports.state(u)
	if job == nil {
		s.redirect(c, "/imports/"+u.id)
		return
	}
	s.render(c, http.StatusOK, "import_progress", "import.progress",
		importProgressPage{ID: u.id, FileName: u.file.Name, importProgress: job.progress()})
}

// importStatus is the progress as JSON for the page's script.
func (s *Server) importStatus(c *gin.Context) {
	u, err := s.imports.get(c.Param("id"), currentActor(c))
	if err != nil {
		finish(c, http.StatusNotFound)
		c.JSON(http.StatusNotFound, gin.H{"state": "unknown"})
		return
	}
	_, _, job := s.imports.state(u)
	status := importProgress{State: "not_started"}
	if job != nil {
		status = job.progress()
	}
	if err := finish(c, http.StatusOK); err != nil {
		s.internalError(c, err)
		return
	}
	c.JSON(http.StatusOK, status)
}
