package main

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"testing"
)

// TestPrivateClusterStartsAndStops is the path `make run` takes on a
// machine where nothing answers on 127.0.0.1:5432.
func TestPrivateClusterStartsAndStops(t *testing.T) {
	bin, err := postgresBin()
	if err != nil {
		t.Fatal(err)
	}
	root, err := os.MkdirTemp("", "neuvo-pg-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(root) })
	os.Chmod(root, 0o755) // the server runs as another user when we are root
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	cluster := privateCluster{bin: bin, dir: filepath.Join(root, "postgres"), port: port}
	ctx := context.Background()
	if err := cluster.start(ctx); err != nil {
		t.Fatal(err)
	}
	stopped := false
	t.Cleanup(func() {
		if !stopped {
			cluster.stop()
		}
	})
	if !answers(ctx, cluster.url()) {
		t.Fatal("the private cluster does not answer")
	}
	owner, service, err := devDatabaseURLs(ctx, cluster.url())
	if err != nil {
		t.Fatal(err)
	}
	if err := migrateDatabase(ctx, owner, devServiceRole, os.Stderr); err != nil {
		t.Fatal(err)
	}
	if !answers(ctx, service) {
		t.Fatal("the service role cannot connect after migrate")
	}
	cluster.stop()
	stopped = true
	if answers(ctx, cluster.url()) {
		t.Fatal("the cluster still answers after stop")
	}
}
