package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"syscall"
	"time"

	"neuvo/cases"
)

const localPostgres = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

// devPostgres returns a superuser URL for the demo: NEUVO_DEV_ADMIN_URL, or
// the PostgreSQL on 127.0.0.1:5432 when one answers, or a private cluster
// under .data/postgres started from the installed server binaries. stop
// shuts down whatever it started.
func devPostgres(ctx context.Context, getenv func(string) string, stdout io.Writer) (adminURL string, stop func(), err error) {
	if u := getenv("NEUVO_DEV_ADMIN_URL"); u != "" {
		return u, func() {}, nil
	}
	if answers(ctx, localPostgres) {
		fmt.Fprintln(stdout, "Using the PostgreSQL on 127.0.0.1:5432.")
		return localPostgres, func() {}, nil
	}
	bin, err := postgresBin()
	if err != nil {
		return "", nil, err
	}
	dir, err := filepath.Abs(filepath.Join(".data", "postgres"))
	if err != nil {
		return "", nil, err
	}
	cluster := privateCluster{bin: bin, dir: dir, port: 5433}
	fmt.Fprintf(stdout, "No PostgreSQL on 127.0.0.1:5432: starting a private one in %s on port %d.\n", dir, cluster.port)
	if err := cluster.start(ctx); err != nil {
		return "", nil, err
	}
	return cluster.url(), cluster.stop, nil
}

func answers(ctx context.Context, url string) bool {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	db, err := cases.Open(ctx, url, 1)
	if err != nil {
		return false
	}
	db.Close()
	return true
}

// postgresBin finds the newest installed server's binaries.
func postgresBin() (string, error) {
	found, _ := filepath.Glob("/usr/lib/postgresql/*/bin/pg_ctl")
	if len(found) == 0 {
		if p, err := exec.LookPath("pg_ctl"); err == nil {
			return filepath.Dir(p), nil
		}
		return "", fmt.Errorf("no PostgreSQL answers on 127.0.0.1:5432 and no PostgreSQL server is installed: " +
			"install it (Debian/Ubuntu: apt-get install postgresql) or set NEUVO_DEV_ADMIN_URL")
	}
	sort.Slice(found, func(i, j int) bool { return versionOf(found[i]) > versionOf(found[j]) })
	return filepath.Dir(found[0]), nil
}

func versionOf(pgCtl string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(pgCtl))))
	return v
}

// privateCluster is a PostgreSQL cluster owned by the checkout. PostgreSQL
// refuses to run as root, so as root it runs as the "postgres" (or
// "nobody") user.
type privateCluster struct {
	bin  string
	dir  string
	port int
}

func (p privateCluster) url() string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", p.port)
}

func (p privateCluster) start(ctx context.Context) error {
	if err := os.MkdirAll(p.dir, 0o700); err != nil {
		return err
	}
	if err := p.chownForServer(); err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(p.dir, "PG_VERSION")); os.IsNotExist(err) {
		if err := p.run(ctx, "initdb", "-D", p.dir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale"); err != nil {
			return err
		}
	}
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1", p.port, p.dir)
	return p.run(ctx, "pg_ctl", "-D", p.dir, "-o", opts, "-l", filepath.Join(p.dir, "server.log"), "-w", "start")
}

func (p privateCluster) stop() {
	p.run(context.Background(), "pg_ctl", "-D", p.dir, "-m", "fast", "-w", "stop")
}

func (p privateCluster) run(ctx context.Context, tool string, args ...string) error {
	cmd := exec.CommandContext(ctx, filepath.Join(p.bin, tool), args...)
	if cred, ok := serverCredential(); ok {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s: %w\n%s", tool, err, out)
	}
	return nil
}

func (p privateCluster) chownForServer() error {
	cred, ok := serverCredential()
	if !ok {
		return nil
	}
	return filepath.Walk(p.dir, func(path string, _ os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(path, int(cred.Uid), int(cred.Gid))
	})
}

// serverCredential is who runs the server when we are root.
func serverCredential() (*syscall.Credential, bool) {
	if os.Geteuid() != 0 {
		return nil, false
	}
	for _, name := range []string{"postgres", "nobody"} {
		if u, err := user.Lookup(name); err == nil {
			uid, _ := strconv.Atoi(u.Uid)
			gid, _ := strconv.Atoi(u.Gid)
			return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, true
		}
	}
	return nil, false
}
