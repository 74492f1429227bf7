package main

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"sync"

	"github.com/lib/pq"
)

// statement is one SQL statement as the service sent it to the driver.
type statement struct {
	query string
	args  []driver.NamedValue
	rows  bool // a query whose rows were read, not an exec
}

// recorder wraps lib/pq so the benchmark can capture, statement by
// statement, what the service sends to PostgreSQL for one request, and
// then replay exactly that without the web layer. While not recording it
// adds one mutex check per statement.
type recorder struct {
	mu        sync.Mutex
	recording bool
	log       []statement
}

func (r *recorder) start() {
	r.mu.Lock()
	r.recording, r.log = true, nil
	r.mu.Unlock()
}

func (r *recorder) stop() []statement {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.recording = false
	return r.log
}

func (r *recorder) note(s statement) {
	r.mu.Lock()
	if r.recording {
		r.log = append(r.log, s)
	}
	r.mu.Unlock()
}

var (
	benchRecorder     = &recorder{}
	registerRecording sync.Once
)

// openRecording opens a connection pool through the recording driver.
func openRecording(url string, maxConns int) (*sql.DB, error) {
	registerRecording.Do(func() { sql.Register("neuvo-recording", recordingDriver{}) })
	db, err := sql.Open("neuvo-recording", url)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(maxConns)
	db.SetMaxIdleConns(maxConns)
	return db, db.Ping()
}

type recordingDriver struct{}

func (recordingDriver) Open(name string) (driver.Conn, error) {
	c, err := pq.Driver{}.Open(name)
	if err != nil {
		return nil, err
	}
	return &recordingConn{inner: c}, nil
}

// pqConn is what lib/pq's connection implements and database/sql uses.
type pqConn interface {
	driver.Conn
	driver.ConnBeginTx
	driver.QueryerContext
	driver.ExecerContext
	driver.NamedValueChecker
	driver.SessionResetter
	driver.Validator
}

type recordingConn struct{ inner driver.Conn }

func (c *recordingConn) pq() pqConn                            { return c.inner.(pqConn) }
func (c *recordingConn) Prepare(q string) (driver.Stmt, error) { return c.inner.Prepare(q) }
func (c *recordingConn) Close() error                          { return c.inner.Close() }
func (c *recordingConn) Begin() (driver.Tx, error) {
	return c.BeginTx(context.Background(), driver.TxOptions{})
}
func (c *recordingConn) CheckNamedValue(nv *driver.NamedValue) error {
	return c.pq().CheckNamedValue(nv)
}
func (c *recordingConn) ResetSession(ctx context.Context) error { return c.pq().ResetSession(ctx) }
func (c *recordingConn) IsValid() bool                          { return c.pq().IsValid() }

func (c *recordingConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	benchRecorder.note(statement{query: "BEGIN"})
	tx, err := c.pq().BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	return recordingTx{tx}, nil
}

func (c *recordingConn) QueryContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Rows, error) {
	benchRecorder.note(statement{query: q, args: args, rows: true})
	return c.pq().QueryContext(ctx, q, args)
}

func (c *recordingConn) ExecContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Result, error) {
	benchRecorder.note(statement{query: q, args: args})
	return c.pq().ExecContext(ctx, q, args)
}

type recordingTx struct{ inner driver.Tx }

func (t recordingTx) Commit() error {
	benchRecorder.note(statement{query: "COMMIT"})
	return t.inner.Commit()
}

func (t recordingTx) Rollback() error {
	benchRecorder.note(statement{query: "ROLLBACK"})
	return t.inner.Rollback()
}
