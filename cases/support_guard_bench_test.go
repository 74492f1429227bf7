package cases_test

import (
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
)

// TestGuardCostOnTheLongestQuestion measures the identity guard on a
// question of cases.MaxSupportText characters with the network's known
// words, as every save of a support text pays it; the body limit and the
// text limit keep it there.
func TestGuardCostOnTheLongestQuestion(t *testing.T) {
	w := newSupportWorld(t)
	sentence := "Perheen äiti kysyy Kelan asumistuesta, kun isä asuu vielä Irakissa ja lapset käyvät koulua Liperissä. "
	text := strings.Repeat(sentence, cases.MaxSupportText/len([]rune(sentence)))
	w.as(t, w.worker, func(tx *sqlx.Tx) error {
		tax, guard := w.tools(t, tx)
		const runs = 20
		start := time.Now()
		for range runs {
			cases.NewGuard(tax, "Liperi", "Joensuu")
		}
		t.Logf("building the guard from the taxonomies: %s", time.Since(start)/runs)
		start = time.Now()
		for range runs {
			guard.Findings(text)
		}
		each := time.Since(start) / runs
		t.Logf("identity guard on %d characters: %s per check", len([]rune(text)), each)
		if each > 200*time.Millisecond {
			t.Errorf("the guard took %s on the longest question", each)
		}
		return nil
	})
}
