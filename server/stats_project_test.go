package server

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
)

// A project's period is a preset; the report of it shows the project's
// targets against the protected figures.
func TestAProjectPeriodShowsTheTargets(t *testing.T) {
	h := newHarness(t)
	h.seedStats(time.Now().In(cases.Finland).Year(), 800)
	project := h.hubProject("Regional advice")
	h.db.InScope(t, cases.Scope{OrgID: h.orgs["hub"]}, func(tx *sqlx.Tx) error {
		_, err := tx.Exec(`INSERT INTO project_targets (network_id, project_id, measure, target)
			SELECT network_id, id, 'contacts', 2400 FROM projects WHERE id = $1`, project)
		return err
	})
	b := h.login("hub", "hub-manager")
	form := body(t, h.get(b, "/stats"))
	value := "project:" + strconv.FormatInt(project, 10)
	if !strings.Contains(form, `value="`+value+`"`) {
		t.Fatal("the project's period is not a preset")
	}
	page := body(t, h.get(b, "/stats?scope=network:"+strconv.FormatInt(h.orgs["hub"], 10)+"&period="+value))
	mustContain(t, page, `id="stats-targets"`, "2400")
}
