// Package mailpit runs Mailpit, a local mail catcher with an SMTP server
// and a web UI, for `neuvo dev` and for tests that send real mail. Mailpit
// is a Go tool dependency of this module (the tool line in go.mod), so it
// needs the Go toolchain and the module's source: it is never part of
// `neuvo serve`.
package mailpit

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"neuvo/cases/notify"
)

// Binary builds Mailpit once (Go caches it) and returns its path. It runs
// `go tool -n mailpit` in dir, which must be inside this module.
func Binary(ctx context.Context, dir string) (string, error) {
	cmd := exec.CommandContext(ctx, "go", "tool", "-n", "mailpit")
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("building mailpit with `go tool`: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	return strings.TrimSpace(string(out)), nil
}

// Process is one running Mailpit.
type Process struct {
	SMTPAddr string // host:port of its SMTP server
	UIAddr   string // host:port of its web UI and API
	cmd      *exec.Cmd
	done     chan struct{}
}

// Start runs bin on the two addresses (loopback only) and waits until it
// answers. It accepts any SMTP login, also without TLS: it is a catcher,
// not a relay, and never delivers anything onward.
func Start(ctx context.Context, bin, smtpAddr, uiAddr string, extra ...string) (*Process, error) {
	args := append([]string{"--smtp", smtpAddr, "--listen", uiAddr, "--quiet",
		"--smtp-auth-accept-any", "--smtp-auth-allow-insecure", "--smtp-disable-rdns",
		"--disable-version-check"}, extra...)
	cmd := exec.Command(bin, args...)
	dieWithParent(cmd)
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	p := &Process{SMTPAddr: smtpAddr, UIAddr: uiAddr, cmd: cmd, done: make(chan struct{})}
	go func() { cmd.Wait(); close(p.done) }()
	if err := p.waitReady(ctx); err != nil {
		p.Stop()
		return nil, err
	}
	return p, nil
}

func (p *Process) waitReady(ctx context.Context) error {
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-p.done:
			return errors.New("mailpit exited at start (is a port taken?)")
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
		resp, err := http.Get("http://" + p.UIAddr + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
	}
	return errors.New("mailpit did not become ready within 15 s")
}

// Stop ends the process and waits for it.
func (p *Process) Stop() {
	p.cmd.Process.Kill()
	<-p.done
}

// URL is the web UI, where the mail can be read.
func (p *Process) URL() string { return "http://" + p.UIAddr + "/" }

// SMTP is the configuration that sends to this Mailpit.
func (p *Process) SMTP(from string) notify.SMTP {
	host, port, _ := net.SplitHostPort(p.SMTPAddr)
	n, _ := strconv.Atoi(port)
	return notify.SMTP{Host: host, Port: n, Security: notify.NoTLS, User: "neuvo", Password: "mailpit", From: from, HELO: "localhost"}
}

// FreeAddr is a loopback address with a port nobody listens on right now.
func FreeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}
