// Package server is Neuvo's web layer: one Gin engine, one route table
// (routes.go), middleware, and the handlers for pages and the API.
package server

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/jmoiron/sqlx"

	"neuvo/auth"
	"neuvo/cases/notify"
	"neuvo/frontend"
)

// Config is what the web layer needs to know about its deployment.
type Config struct {
	BaseURL *url.URL // the public URL, e.g. https://neuvo.example.fi
	Session auth.SessionPolicy
	Version string
	Limits  Limits
	Outbox  *notify.Outbox // notifications; nil only in tests that never notify
}

// Limits keep slow clients and a busy database from stalling the service.
// Zero values take the defaults.
type Limits struct {
	RequestTimeout time.Duration // a request's deadline, counted once its body is read
	PoolWait       time.Duration // how long a request waits for a database connection before 503
}

// Defaults of Limits, also those of the configuration.
const (
	DefaultRequestTimeout = 30 * time.Second
	DefaultPoolWait       = 2 * time.Second
)

func (l Limits) withDefaults() Limits {
	if l.RequestTimeout <= 0 {
		l.RequestTimeout = DefaultRequestTimeout
	}
	if l.PoolWait <= 0 {
		l.PoolWait = DefaultPoolWait
	}
	return l
}

// Server holds the dependencies every handler may use.
type Server struct {
	cfg       Config
	db        *sqlx.DB
	providers *auth.Registry
	pages     *frontend.Renderer
	log       *slog.Logger
	cookies   cookieNames
	origin    *http.CrossOriginProtection
	now       func() time.Time

	taxonomies taxonomyCache
	imports    *importRegistry
	spools     chan struct{} // large bodies being written to disk at once
	stats      statsSource
}

// New wires a server. Nothing here talks to the network.
func New(cfg Config, db *sqlx.DB, providers *auth.Registry, render *frontend.Renderer, log *slog.Logger) *Server {
	cfg.Limits = cfg.Limits.withDefaults()
	return &Server{
		cfg:       cfg,
		db:        db,
		providers: providers,
		pages:     render,
		log:       log,
		cookies:   newCookieNames(cfg.BaseURL.Scheme == "https"),
		origin:    http.NewCrossOriginProtection(),
		now:       time.Now,

		taxonomies: taxonomyCache{entries: map[int64]taxonomyEntry{}},
		imports:    newImportRegistry(filepath.Join(os.TempDir(), "neuvo-imports")),
		spools:     make(chan struct{}, maxSpooling),
		stats:      storedStats{},
	}
}

// SweepUploads deletes expired import uploads every few minutes until ctx
// ends; serve runs it beside the HTTP server.
func (s *Server) SweepUploads(ctx context.Context) { s.imports.sweepEvery(ctx, 5*time.Minute) }

// Handler builds the Gin engine with the global middleware and the routes.
func (s *Server) Handler() http.Handler { return s.engine() }

func (s *Server) engine() *gin.Engine {
	gin.SetMode(gin.ReleaseMode)
	engine := gin.New()
	engine.HandleMethodNotAllowed = true
	engine.Use(s.requestID, s.securityHeaders, s.accessLog, s.recoverPanic, s.crossOriginCheck)
	for _, r := range s.routes() {
		engine.Handle(r.method, r.path, s.chain(r)...)
	}
	engine.NoRoute(func(c *gin.Context) { s.errorPage(c, http.StatusNotFound) })
	engine.NoMethod(func(c *gin.Context) { s.errorPage(c, http.StatusMethodNotAllowed) })
	return engine
}

// RedirectURL is the OpenID callback registered at every provider.
func RedirectURL(base *url.URL) string { return base.JoinPath("/auth/callback").String() }

// PostLogoutURL is where providers send the browser after logout.
func PostLogoutURL(base *url.URL) string { return base.JoinPath("/logged-out").String() }
