package server

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"
	"github.com/jmoiron/sqlx"

	"neuvo/cases"
)

const keyConn = "neuvo.conn"

// errPoolBusy: no database connection freed up within Limits.PoolWait.
var errPoolBusy = errors.New("no database connection free")

// retryAfter is what a 503 asks clients to wait, in seconds.
const retryAfter = 2

// withDeadline gives the request its deadline. It runs after the body is
// read, so a slow upload is bounded by the server's read timeout, not by
// this.
func (s *Server) withDeadline(c *gin.Context) {
	ctx, cancel := context.WithTimeout(c.Request.Context(), s.cfg.Limits.RequestTimeout)
	defer cancel()
	c.Request = c.Request.WithContext(ctx)
	c.Next()
}

// begin opens the request's transaction on a connection of its own. It
// waits at most Limits.PoolWait for one: when the pool is exhausted, the
// request is answered 503 rather than queued behind every other. The
// connection goes back to the pool as soon as the transaction ends
// (finish), not when a slow client has read the answer.
func (s *Server) begin(c *gin.Context) (*sqlx.Tx, error) {
	ctx := c.Request.Context()
	wait, cancel := context.WithTimeout(ctx, s.cfg.Limits.PoolWait)
	conn, err := s.db.Connx(wait)
	cancel()
	if err != nil {
		if ctx.Err() == nil && errors.Is(err, context.DeadlineExceeded) {
			return nil, errPoolBusy
		}
		return nil, err
	}
	tx, err := conn.BeginTxx(ctx, nil)
	if err != nil {
		conn.Close()
		return nil, err
	}
	c.Set(keyTx, tx)
	c.Set(keyConn, conn)
	return tx, nil
}

// release ends the request's transaction if a handler did not, and gives
// its connection back.
func release(c *gin.Context) {
	if v, ok := c.Get(keyTx); ok {
		v.(*sqlx.Tx).Rollback()
	}
	if v, ok := c.Get(keyConn); ok {
		v.(*sqlx.Conn).Close()
	}
}

// unavailable answers 503 with Retry-After: the service is busy, not broken.
func (s *Server) unavailable(c *gin.Context) {
	c.Header("Retry-After", strconv.Itoa(retryAfter))
	s.errorPage(c, http.StatusServiceUnavailable)
}

// busy reports (and logs) an error that means "try again later": the pool
// or the database was too busy, or the request ran out of time.
func (s *Server) busy(c *gin.Context, err error) bool {
	if !errors.Is(err, errPoolBusy) && !cases.IsBusy(err) {
		return false
	}
	s.log.Warn("database busy", append(logAttrs(c), "err", err)...)
	return true
}
