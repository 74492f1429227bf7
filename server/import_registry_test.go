package server

import (
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

func TestUploadsGoOnlyToAPrivateFolder(t *testing.T) {
	shared := filepath.Join(t.TempDir(), "neuvo-imports")
	os.Mkdir(shared, 0o755)
	if f, err := newImportRegistry(shared).create(); err == nil {
		f.Close()
		t.Fatal("an upload was written to a folder others can read")
	}
	private := filepath.Join(t.TempDir(), "neuvo-imports")
	r := newImportRegistry(private)
	f, err := r.create()
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	old := time.Now().Add(-3 * importTTL)
	os.Chtimes(f.Name(), old, old)
	r.sweep(time.Now())
	if _, err := os.Stat(f.Name()); !os.IsNotExist(err) {
		t.Fatalf("an expired upload file is still on disk: %v", err)
	}
}

func TestUploadsPerUserAreCapped(t *testing.T) {
	h := newHarness(t)
	b := h.login("hub", "hub-adviser")
	for i := 0; i < maxPendingUploads; i++ {
		h.uploaded(b, "log.csv", importLog("DAY;9."+strconv.Itoa(10+i)+";20;phone;permits;"))
	}
	resp := h.upload(b, "one-more.csv", importLog("DAY;11.00;20;phone;permits;"))
	if resp.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("upload number %d: %d, want 429", maxPendingUploads+1, resp.StatusCode)
	}
	other := h.login("partner", "partner-adviser")
	if resp := h.upload(other, "theirs.csv", importLog("DAY;11.00;20;phone;permits;")); resp.StatusCode == http.StatusTooManyRequests {
		t.Fatal("another user's uploads count against this one")
	}
}
