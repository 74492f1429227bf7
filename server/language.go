package server

import (
	"time"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
	"neuvo/frontend"
)

// lang picks the UI language: the user's saved choice, then the browser's
// cookie, then Accept-Language.
func (s *Server) lang(c *gin.Context) frontend.Lang {
	if who := currentActor(c); who != nil && who.User.Language != "" {
		return s.pages.Lang(who.User.Language)
	}
	if code, err := c.Cookie(s.cookies.language); err == nil && frontend.IsLanguage(code) {
		return s.pages.Lang(code)
	}
	return s.pages.Lang(frontend.MatchLanguage(c.GetHeader("Accept-Language")))
}

// setLanguage remembers the choice in a cookie and, for a logged-in user,
// in their account so it follows them to other browsers.
func (s *Server) setLanguage(c *gin.Context) {
	code := c.PostForm("lang")
	if !frontend.IsLanguage(code) {
		s.errorPage(c, 400)
		return
	}
	if currentActor(c) != nil {
		if err := cases.SetLanguage(c.Request.Context(), requestTx(c), code); err != nil {
			s.fail(c, err)
			return
		}
		currentActor(c).User.Language = code
	}
	s.setCookie(c, s.cookies.language, code, 365*24*time.Hour)
	s.redirect(c, safeReturn(c.PostForm("return")))
}
