package server

import (
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
)

// taxonomyTTL bounds how stale another replica's view can be after a hub
// admin changes a taxonomy; this replica forgets its copy at once.
const taxonomyTTL = 30 * time.Second

// taxonomyCache keeps each network's taxonomies: every quick-entry render
// and every create needs them, and they change a few times a year.
type taxonomyCache struct {
	mu      sync.Mutex
	entries map[int64]taxonomyEntry
}

type taxonomyEntry struct {
	tax    *cases.Taxonomy
	loaded time.Time
}

// taxonomy returns the current organisation's network's taxonomies.
func (s *Server) taxonomy(c *gin.Context) (*cases.Taxonomy, error) {
	network := currentActor(c).Org.NetworkID
	s.taxonomies.mu.Lock()
	e, ok := s.taxonomies.entries[network]
	s.taxonomies.mu.Unlock()
	if ok && s.now().Sub(e.loaded) < taxonomyTTL {
		return e.tax, nil
	}
	tax, err := cases.LoadTaxonomy(c.Request.Context(), requestTx(c))
	if err != nil {
		return nil, err
	}
	s.taxonomies.mu.Lock()
	s.taxonomies.entries[network] = taxonomyEntry{tax: tax, loaded: s.now()}
	s.taxonomies.mu.Unlock()
	return tax, nil
}

func (s *Server) forgetTaxonomy(network int64) {
	s.taxonomies.mu.Lock()
	delete(s.taxonomies.entries, network)
	s.taxonomies.mu.Unlock()
}
