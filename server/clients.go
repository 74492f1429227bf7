package server

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
)

type clientsPage struct {
	Recent []cases.Client
	Code   string
	Errors *cases.ValidationError
}

func (s *Server) clientList(c *gin.Context) {
	s.renderClients(c, http.StatusOK, clientsPage{})
}

func (s *Server) renderClients(c *gin.Context, status int, page clientsPage) {
	recent, err := cases.ListClients(c.Request.Context(), requestTx(c), "open", "", 50)
	if err != nil {
		s.fail(c, err)
		return
	}
	page.Recent = recent.Clients
	s.render(c, status, "clients", "client.list", page)
}

// clientFind opens a client by code. The code travels in the form body, not
// the URL, so it stays out of logs and browser history.
func (s *Server) clientFind(c *gin.Context) {
	client, err := cases.FindClientByCode(c.Request.Context(), requestTx(c), c.PostForm("code"))
	if errors.Is(err, cases.ErrNotFound) {
		err = fieldErr("code", "error.client_unknown")
	}
	page := clientsPage{Code: c.PostForm("code")}
	if s.formFailed(c, err, &page.Errors) {
		s.renderClients(c, http.StatusUnprocessableEntity, page)
		return
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	s.redirect(c, "/clients/"+idString(client.ID))
}

type clientFilePage struct {
	File    cases.ClientFile
	Tax     *cases.Taxonomy
	Lang    string
	Purpose cases.Purpose
	Today   string
	UserID  int64
	Roles   cases.Roles
}

// Label names a code in the page's language.
func (p clientFilePage) Label(kind, code string) string { return p.Tax.Label(kind, code, p.Lang) }

// clientShow opens a client file with the purpose this session gave, and
// asks for one first; every opening is audited with it.
func (s *Server) clientShow(c *gin.Context) {
	purpose, ok := s.askPurpose(c, "file")
	if !ok {
		return
	}
	who := currentActor(c)
	file, err := cases.OpenClientFile(c.Request.Context(), requestTx(c), who.Roles, paramID(c), purpose)
	if err != nil {
		s.fail(c, err)
		return
	}
	tax, err := s.taxonomy(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.render(c, http.StatusOK, "client_file", "client.file", clientFilePage{File: file, Tax: tax, Lang: s.lang(c).Code,
		Purpose: purpose, Today: s.now().In(cases.Finland).Format("2006-01-02"), UserID: who.User.ID,
		Roles: who.Roles})
}

func (s *Server) followUpDone(c *gin.Context) {
	err := cases.CompleteFollowUp(c.Request.Context(), requestTx(c), currentActor(c).Roles, paramID(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	s.redirect(c, safeReturn(c.PostForm("return")))
}

func (s *Server) followUpTakeOver(c *gin.Context) {
	err := cases.TakeOverFollowUp(c.Request.Context(), requestTx(c), currentActor(c).Roles, paramID(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	s.redirect(c, safeReturn(c.PostForm("return")))
}

func atoi(raw string) int {
	n, err := strconv.Atoi(raw)
	if err != nil && raw != "" {
		return -1
	}
	return n
}
