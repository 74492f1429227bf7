package main

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"neuvo/cases"
)

// apiClient creates contacts through the real HTTP API as one adviser.
type apiClient struct {
	http    *http.Client
	base    string
	cookie  string
	pointID int64
}

func newHTTPClient(conns int) *http.Client {
	return &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{
		MaxIdleConns: conns * 2, MaxIdleConnsPerHost: conns * 2, IdleConnTimeout: time.Minute}}
}

// create posts one contact with a fresh idempotency key and returns it.
func (a apiClient) create() (string, error) {
	key := cases.NewIdempotencyKey()
	started := time.Now().Add(-time.Hour).UTC().Format(time.RFC3339)
	body := fmt.Sprintf(`{"advice_point_id":%d,"started_at":%q,"duration_min":20,"channel":"walk_in",`+
		`"topics":["permits","social_security"],"interpreter":"on_site","service_languages":["fi"],`+
		`"client_language":"ar","profile":{"age_band":"30_54","citizenship":"SY","municipality":"167"}}`, a.pointID, started)
	req, _ := http.NewRequest(http.MethodPost, a.base+"/api/v1/contacts", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Idempotency-Key", key)
	req.Header.Set("Cookie", a.cookie)
	resp, err := a.http.Do(req)
	if err != nil {
		return key, err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, resp.Body)
	if resp.StatusCode != http.StatusCreated {
		return key, fmt.Errorf("create answered %d", resp.StatusCode)
	}
	return key, nil
}

// recordCreates captures, for each adviser, the statements the service
// sends for one create, after a first create has warmed its caches.
func recordCreates(clients []apiClient) ([][]statement, []string, error) {
	var scripts [][]statement
	var keys []string
	for _, c := range clients {
		if _, err := c.create(); err != nil {
			return nil, nil, err
		}
		benchRecorder.start()
		key, err := c.create()
		script := benchRecorder.stop()
		if err != nil {
			return nil, nil, err
		}
		scripts, keys = append(scripts, script), append(keys, key)
	}
	return scripts, keys, nil
}

// replay runs a recorded create on the raw driver, with a fresh
// idempotency key so that each run inserts a new contact as the service
// does. Rows are read to the end, as the service reads them.
func replay(ctx context.Context, db *sql.DB, script []statement, oldKey string) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	key := cases.NewIdempotencyKey()
	for _, st := range script {
		if err := replayOne(ctx, conn, st, oldKey, key); err != nil {
			conn.ExecContext(ctx, "ROLLBACK")
			return fmt.Errorf("%.60s: %w", st.query, err)
		}
	}
	return nil
}

func replayOne(ctx context.Context, conn *sql.Conn, st statement, oldKey, key string) error {
	args := make([]any, len(st.args))
	for i, a := range st.args {
		args[i] = swapKey(a.Value, oldKey, key)
	}
	if !st.rows {
		_, err := conn.ExecContext(ctx, st.query, args...)
		return err
	}
	rows, err := conn.QueryContext(ctx, st.query, args...)
	if err != nil {
		return err
	}
	for rows.Next() {
	}
	rows.Close()
	return rows.Err()
}

func swapKey(v driver.Value, oldKey, key string) driver.Value {
	if s, ok := v.(string); ok && s == oldKey {
		return key
	}
	return v
}
