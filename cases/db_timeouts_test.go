package cases_test

import (
	"context"
	"testing"
	"time"

	"neuvo/cases"
	"neuvo/cases/dbtest"
)

func TestServiceConnectionsCarryTheTimeouts(t *testing.T) {
	d := dbtest.New(t)
	withTimeouts := cases.WithTimeouts(d.ServiceURL+"&lock_timeout=750", cases.Timeouts{
		Statement: 1500 * time.Millisecond, Lock: time.Second, IdleInTransaction: 20 * time.Second})
	db, err := cases.Open(context.Background(), withTimeouts, 2)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for setting, want := range map[string]string{
		"statement_timeout": "1500ms", "lock_timeout": "750ms", // the URL's own value is kept
		"idle_in_transaction_session_timeout": "20s",
	} {
		var got string
		if err := db.Get(&got, `SELECT current_setting($1)`, setting); err != nil || got != want {
			t.Errorf("%s = %q (%v), want %q", setting, got, err, want)
		}
	}
	keyValue := cases.WithTimeouts("host=db user=neuvo", cases.Timeouts{Lock: 2 * time.Second})
	if keyValue != "host=db user=neuvo lock_timeout=2000" {
		t.Errorf("key=value connection string became %q", keyValue)
	}
}
