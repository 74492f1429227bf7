package main

import (
	"fmt"
	"net/mail"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"neuvo/auth"
	"neuvo/cases"
	"neuvo/cases/notify"
	"neuvo/server"
)

// config is every setting, read once from the environment at start-up.
type config struct {
	DatabaseURL        string
	MigrateDatabaseURL string
	ServiceRole        string
	Listen             string
	BaseURL            *url.URL
	Session            auth.SessionPolicy
	DBMaxConns         int
	LogFormat          string
	LogLevel           string
	HTTPTimeout        time.Duration
	ShutdownTimeout    time.Duration
	RequestTimeout     time.Duration
	DBPoolWait         time.Duration
	DBTimeouts         cases.Timeouts
	SMTP               notify.SMTP // zero when mail is off
}

// env reads variables, with NAME_FILE naming a file that holds the value
// (for secrets mounted by the platform). Problems are collected so the
// operator sees all of them at once.
type env struct {
	getenv   func(string) string
	problems []string
}

func (e *env) str(name, fallback string) string {
	value, fromFile := e.getenv(name), e.getenv(name+"_FILE")
	if value != "" && fromFile != "" {
		e.fail(name, "set either %s or %s_FILE, not both", name, name)
		return ""
	}
	if fromFile != "" {
		b, err := os.ReadFile(fromFile)
		if err != nil {
			e.fail(name+"_FILE", "cannot read %s", fromFile)
			return ""
		}
		return strings.TrimRight(string(b), "\r\n")
	}
	if value == "" {
		return fallback
	}
	return value
}

func (e *env) duration(name string, fallback time.Duration) time.Duration {
	raw := e.str(name, "")
	if raw == "" {
		return fallback
	}
	d, err := time.ParseDuration(raw)
	if err != nil || d <= 0 {
		e.fail(name, "%q is not a positive duration such as 30m or 10h", raw)
	}
	return d
}

func (e *env) integer(name string, fallback, min, max int) int {
	raw := e.str(name, "")
	if raw == "" {
		return fallback
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < min || n > max {
		e.fail(name, "%q is not a whole number from %d to %d", raw, min, max)
	}
	return n
}

func (e *env) oneOf(name, fallback string, allowed ...string) string {
	v := e.str(name, fallback)
	for _, a := range allowed {
		if v == a {
			return v
		}
	}
	e.fail(name, "%q is not one of %s", v, strings.Join(allowed, ", "))
	return fallback
}

func (e *env) fail(name, format string, args ...any) {
	e.problems = append(e.problems, name+": "+fmt.Sprintf(format, args...))
}

// loadConfig parses and validates the environment; need names the
// variables the subcommand cannot run without.
func loadConfig(getenv func(string) string, need ...string) (config, error) {
	e := &env{getenv: getenv}
	c := config{
		DatabaseURL:        e.str("NEUVO_DATABASE_URL", ""),
		MigrateDatabaseURL: e.str("NEUVO_MIGRATE_DATABASE_URL", ""),
		ServiceRole:        e.str("NEUVO_SERVICE_ROLE", ""),
		Listen:             e.str("NEUVO_LISTEN", ":8080"),
		DBMaxConns:         e.integer("NEUVO_DB_MAX_CONNS", 32, 1, 1000),
		LogFormat:          e.oneOf("NEUVO_LOG_FORMAT", "json", "json", "text"),
		LogLevel:           e.oneOf("NEUVO_LOG_LEVEL", "info", "debug", "info", "warn", "error"),
		HTTPTimeout:        e.duration("NEUVO_OIDC_TIMEOUT", 10*time.Second),
		ShutdownTimeout:    e.duration("NEUVO_SHUTDOWN_TIMEOUT", 20*time.Second),
		RequestTimeout:     e.duration("NEUVO_REQUEST_TIMEOUT", server.DefaultRequestTimeout),
		DBPoolWait:         e.duration("NEUVO_DB_POOL_WAIT", server.DefaultPoolWait),
		DBTimeouts: cases.Timeouts{
			Statement:         e.duration("NEUVO_DB_STATEMENT_TIMEOUT", 20*time.Second),
			Lock:              e.duration("NEUVO_DB_LOCK_TIMEOUT", 3*time.Second),
			IdleInTransaction: e.duration("NEUVO_DB_IDLE_IN_TRANSACTION_TIMEOUT", 30*time.Second),
		},
		Session: auth.SessionPolicy{
			Idle:     e.duration("NEUVO_SESSION_IDLE", 30*time.Minute),
			Absolute: e.duration("NEUVO_SESSION_MAX", 10*time.Hour),
		},
	}
	c.BaseURL = parseBaseURL(e, e.str("NEUVO_BASE_URL", "http://localhost:8080"))
	c.SMTP = parseSMTP(e, c.BaseURL.Hostname())
	for _, name := range need {
		if (name == "NEUVO_DATABASE_URL" && c.DatabaseURL == "") || (name == "NEUVO_MIGRATE_DATABASE_URL" && c.MigrateDatabaseURL == "") {
			e.fail(name, "required (or %s_FILE)", name)
		}
	}
	if c.ServiceRole == "" {
		c.ServiceRole = urlUser(c.DatabaseURL)
	}
	if c.Session.Idle > c.Session.Absolute {
		e.fail("NEUVO_SESSION_IDLE", "longer than NEUVO_SESSION_MAX")
	}
	if len(e.problems) > 0 {
		return c, fmt.Errorf("configuration:\n  %s", strings.Join(e.problems, "\n  "))
	}
	return c, nil
}

func parseBaseURL(e *env, raw string) *url.URL {
	u, err := url.Parse(strings.TrimSuffix(raw, "/"))
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.Path != "" {
		e.fail("NEUVO_BASE_URL", "%q is not a URL like https://neuvo.example.fi", raw)
		return &url.URL{Scheme: "http", Host: "localhost:8080"}
	}
	local := u.Hostname() == "localhost" || u.Hostname() == "127.0.0.1"
	if u.Scheme == "http" && !local {
		e.fail("NEUVO_BASE_URL", "plain http is only for localhost; serve Neuvo behind TLS")
	}
	return u
}

// urlUser is the role a PostgreSQL URL or key=value string connects as.
func urlUser(conn string) string {
	if u, err := url.Parse(conn); err == nil && u.User != nil {
		return u.User.Username()
	}
	for _, field := range strings.Fields(conn) {
		if v, ok := strings.CutPrefix(field, "user="); ok {
			return v
		}
	}
	return ""
}

// smtpNames are every NEUVO_SMTP_ setting, for "set without a host".
var smtpNames = []string{"NEUVO_SMTP_PORT", "NEUVO_SMTP_SECURITY", "NEUVO_SMTP_USER", "NEUVO_SMTP_PASSWORD", "NEUVO_SMTP_FROM"}

// parseSMTP reads the mail server. Without NEUVO_SMTP_HOST there is no
// mail, and then no other NEUVO_SMTP_ setting may be given either: a
// half-configured server would otherwise be silently ignored.
func parseSMTP(e *env, helo string) notify.SMTP {
	host := e.str("NEUVO_SMTP_HOST", "")
	if host == "" {
		for _, name := range smtpNames {
			if e.getenv(name) != "" || e.getenv(name+"_FILE") != "" {
				e.fail("NEUVO_SMTP_HOST", "required when %s is set", name)
			}
		}
		return notify.SMTP{}
	}
	security := notify.Security(e.oneOf("NEUVO_SMTP_SECURITY", "starttls", "starttls", "tls", "none"))
	defaultPort := map[notify.Security]int{notify.StartTLS: 587, notify.TLS: 465, notify.NoTLS: 25}[security]
	s := notify.SMTP{Host: host, Security: security, Port: e.integer("NEUVO_SMTP_PORT", defaultPort, 1, 65535),
		User: e.str("NEUVO_SMTP_USER", ""), Password: e.str("NEUVO_SMTP_PASSWORD", ""), From: e.str("NEUVO_SMTP_FROM", ""), HELO: helo}
	if strings.ContainsAny(host, " /@") {
		e.fail("NEUVO_SMTP_HOST", "%q is not a host name or address", host)
	}
	if security == notify.NoTLS && !isLoopback(host) {
		e.fail("NEUVO_SMTP_SECURITY", "none is only for a server on localhost; use starttls or tls")
	}
	if (s.User == "") != (s.Password == "") {
		e.fail("NEUVO_SMTP_USER", "set both NEUVO_SMTP_USER and NEUVO_SMTP_PASSWORD (or _FILE), or neither")
	}
	if _, err := mail.ParseAddress(s.From); err != nil {
		e.fail("NEUVO_SMTP_FROM", "%q is not a sender address such as Neuvo <neuvo@example.fi>", s.From)
	}
	return s
}

func isLoopback(host string) bool {
	return host == "localhost" || host == "::1" || strings.HasPrefix(host, "127.")
}
