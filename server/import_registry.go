package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"neuvo/cases"
)

// importTTL is how long an uploaded file waits for its dry run and commit.
// A finished job's result stays visible as long.
const importTTL = 2 * time.Hour

// importRegistry keeps this process's uploads and import jobs. An upload
// lives in a temporary file, not in memory, under a random id that says
// nothing about its content; only the user who uploaded it, in the
// organisation they were logged in to, can find it. The registry is
// in-process, so a multi-replica deployment needs session affinity for
// /imports (docs/import.md).
type importRegistry struct {
	dir     string
	mu      sync.Mutex
	uploads map[string]*importUpload
	slots   chan struct{} // commits that may run at once; each holds a connection
}

// maxPendingUploads bounds one user's uploads that wait on disk for a
// commit: each can be 50 MB.
const maxPendingUploads = 5

// maxRunningImports keeps imports from taking the pool from the pages.
const maxRunningImports = 2

// importUpload is one uploaded file on its way to being imported.
type importUpload struct {
	id      string
	orgID   int64
	userID  int64
	path    string
	file    cases.ImportFile
	created time.Time

	// Guarded by the registry's mutex.
	mapping cases.Mapping // the last mapping tried
	checked int           // rows of a clean dry run with mapping, 0 when none
	job     *importJob
}

// importJob is a commit running in the background.
type importJob struct {
	total int
	done  atomic.Int64

	mu       sync.Mutex
	finished bool
	result   cases.Import
	errKey   string // translation key of why it failed, "" on success
	errRow   int    // the row that failed validation, if one did
}

// importProgress is a snapshot for the progress page and its JSON.
type importProgress struct {
	State  string `json:"state"` // running, done, failed
	Done   int    `json:"done"`
	Total  int    `json:"total"`
	Result cases.Import
	ErrKey string `json:"-"`
	ErrRow int    `json:"-"`
}

// Percent is for the progress bar's text.
func (p importProgress) Percent() int {
	if p.Total == 0 {
		return 0
	}
	return p.Done * 100 / p.Total
}

func (j *importJob) progress() importProgress {
	j.mu.Lock()
	defer j.mu.Unlock()
	p := importProgress{State: "running", Done: int(j.done.Load()), Total: j.total, Result: j.result, ErrKey: j.errKey, ErrRow: j.errRow}
	switch {
	case j.finished && j.errKey == "":
		p.State = "done"
	case j.finished:
		p.State = "failed"
	}
	return p
}

func (j *importJob) finish(result cases.Import, errKey string, errRow int) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.finished, j.result, j.errKey, j.errRow = true, result, errKey, errRow
}

func (j *importJob) running() bool {
	j.mu.Lock()
	defer j.mu.Unlock()
	return !j.finished
}

func newImportRegistry(dir string) *importRegistry {
	return &importRegistry{dir: dir, uploads: map[string]*importUpload{}, slots: make(chan struct{}, maxRunningImports)}
}

// create makes the temporary file an upload is written to, in a folder
// only this process's user can enter: uploads hold personal data.
func (r *importRegistry) create() (*os.File, error) {
	if err := os.MkdirAll(r.dir, 0o700); err != nil {
		return nil, err
	}
	info, err := os.Lstat(r.dir)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() || info.Mode().Perm() != 0o700 || !ownedByMe(info) {
		return nil, fmt.Errorf("upload folder %s is not a private folder of this user", r.dir)
	}
	return os.CreateTemp(r.dir, "upload-*")
}

func ownedByMe(info os.FileInfo) bool {
	st, ok := info.Sys().(*syscall.Stat_t)
	return ok && int(st.Uid) == os.Getuid()
}

// sweepEvery deletes expired uploads on a schedule, so personal data does
// not wait on disk for the next visit to /imports.
func (r *importRegistry) sweepEvery(ctx context.Context, every time.Duration) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-tick.C:
			r.sweep(now)
		}
	}
}

// add registers a saved upload and returns its id.
func (r *importRegistry) add(u *importUpload, now time.Time) string {
	b := make([]byte, 16)
	rand.Read(b)
	u.id, u.created = hex.EncodeToString(b), now
	r.mu.Lock()
	r.uploads[u.id] = u
	r.mu.Unlock()
	r.sweep(now)
	return u.id
}

// pending counts the actor's uploads not yet imported.
func (r *importRegistry) pending(who *actor) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, u := range r.uploads {
		if u.orgID == who.Org.ID && u.userID == who.User.ID && (u.job == nil || u.job.progress().State != "done") {
			n++
		}
	}
	return n
}

// get finds an upload of the actor; anyone else's is not found.
func (r *importRegistry) get(id string, who *actor) (*importUpload, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	u, ok := r.uploads[id]
	if !ok || who == nil || u.orgID != who.Org.ID || u.userID != who.User.ID {
		return nil, cases.ErrNotFound
	}
	return u, nil
}

// state reads an upload's mutable fields.
func (r *importRegistry) state(u *importUpload) (cases.Mapping, int, *importJob) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return u.mapping, u.checked, u.job
}

// tried records a mapping and how many rows its dry run found clean
// (0 when any row failed): only a clean dry run may be committed.
func (r *importRegistry) tried(u *importUpload, m cases.Mapping, cleanRows int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	u.mapping, u.checked = m, cleanRows
}

// start begins a job for a checked upload, once: a second click finds the
// running or finished job. After a failed job, a new dry run may start
// another.
// The mapping returned is the one the dry run passed with, read under the
// same lock.
func (r *importRegistry) start(u *importUpload) (job *importJob, m cases.Mapping, started bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if u.job != nil && (u.job.running() || u.job.progress().State == "done") || u.checked == 0 {
		return u.job, u.mapping, false
	}
	u.job = &importJob{total: u.checked}
	return u.job, u.mapping, true
}

// sweep forgets expired uploads and deletes their files, and deletes
// files that a previous process left behind.
func (r *importRegistry) sweep(now time.Time) {
	r.mu.Lock()
	for id, u := range r.uploads {
		if now.Sub(u.created) > importTTL && (u.job == nil || !u.job.running()) {
			os.Remove(u.path)
			delete(r.uploads, id)
		}
	}
	r.mu.Unlock()
	entries, _ := os.ReadDir(r.dir)
	for _, e := range entries {
		if info, err := e.Info(); err == nil && now.Sub(info.ModTime()) > 2*importTTL {
			os.Remove(filepath.Join(r.dir, e.Name()))
		}
	}
}
