package server

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"os"

	"github.com/gin-gonic/gin"
)

// smallBody bounds the body of every route that names no other limit
// (bodyLimits in routes.go): forms and JSON documents are a few kilobytes.
const smallBody = 1 << 20

// maxSpooling bounds the large bodies on disk at once (8 × 50 MB).
const maxSpooling = 8

// bodyLimit is how much of a request's body its route accepts, and whether
// the body is kept in the private upload folder rather than in memory.
type bodyLimit struct {
	max   int64
	spool bool
}

// readBody reads the whole body, up to the route's limit, before the
// request's transaction opens: a client that sends slowly then holds only
// its own goroutine, never a database connection. The handler reads the
// copy. A body over the limit is answered 413, except on a spooled route,
// whose handler gets the bytes up to the limit and then the
// *http.MaxBytesError, and explains it on its own page.
func (s *Server) readBody(limit bodyLimit, public bool) gin.HandlerFunc {
	return func(c *gin.Context) {
		switch {
		case c.Request.Body == nil || c.Request.Body == http.NoBody:
			c.Next()
		case !public && !s.hasCredentials(c):
			c.Next() // require refuses it; nothing reads the body
		case limit.spool:
			s.spoolBody(c, limit.max)
		default:
			s.bufferBody(c, limit.max)
		}
	}
}

func (s *Server) hasCredentials(c *gin.Context) bool {
	_, bearer := bearerToken(c)
	cookie, _ := c.Cookie(s.cookies.session)
	return bearer || cookie != ""
}

func (s *Server) bufferBody(c *gin.Context, max int64) {
	if c.Request.ContentLength > max {
		s.bodyTooLarge(c)
		return
	}
	b, err := io.ReadAll(http.MaxBytesReader(c.Writer, c.Request.Body, max))
	switch {
	case errors.As(err, new(*http.MaxBytesError)):
		s.bodyTooLarge(c)
	case err != nil: // the client went away or its body broke off
		s.errorPage(c, http.StatusBadRequest)
		c.Abort()
	default:
		c.Request.Body = io.NopCloser(bytes.NewReader(b))
		c.Next()
	}
}

func (s *Server) bodyTooLarge(c *gin.Context) {
	s.errorPage(c, http.StatusRequestEntityTooLarge)
	c.Abort()
}

// spoolBody writes the body to a file only this process's user can read
// (uploads hold personal data) and deletes it when the request ends.
func (s *Server) spoolBody(c *gin.Context, max int64) {
	select {
	case s.spools <- struct{}{}:
		defer func() { <-s.spools }()
	default:
		s.unavailable(c)
		c.Abort()
		return
	}
	f, err := s.imports.create()
	if err != nil {
		s.fail(c, err)
		c.Abort()
		return
	}
	defer func() { f.Close(); os.Remove(f.Name()) }()
	body, err := spool(f, http.MaxBytesReader(c.Writer, c.Request.Body, max), c.Request.ContentLength > max)
	if err != nil {
		s.errorPage(c, http.StatusBadRequest)
		c.Abort()
		return
	}
	c.Request.Body = io.NopCloser(body)
	c.Next()
}

// spool copies r into f and returns a reader of the copy, which ends with
// the *http.MaxBytesError when r was over its limit.
func spool(f *os.File, r io.Reader, knownTooLarge bool) (io.Reader, error) {
	if knownTooLarge {
		return failingReader{&http.MaxBytesError{}}, nil
	}
	_, err := io.Copy(f, r)
	var tooLarge *http.MaxBytesError
	if err != nil && !errors.As(err, &tooLarge) {
		return nil, err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	if tooLarge != nil {
		return io.MultiReader(f, failingReader{tooLarge}), nil
	}
	return f, nil
}

type failingReader struct{ err error }

func (r failingReader) Read([]byte) (int, error) { return 0, r.err }
