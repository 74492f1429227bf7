package server

import (
	"os"
	"path/filepath"
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
