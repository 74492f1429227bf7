package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"

	"neuvo/cases/notify"
	"neuvo/cases/notify/mailpit"
)

// startMailCatcher runs Mailpit for the demo, so that every e-mail the
// demo sends can be read in its web UI, and returns the SMTP settings for
// it. It needs the Go toolchain and this source tree (`make run` has
// both); without them the demo runs with notifications in the app only.
func startMailCatcher(ctx context.Context, getenv func(string) string, stdout io.Writer) (notify.SMTP, func()) {
	fmt.Fprintln(stdout, "Starting the demo's mail catcher (Mailpit; the first run builds it, which takes a minute)…")
	p, viewer, err := runMailCatcher(ctx, orDefault(getenv("NEUVO_DEV_SMTP_LISTEN"), "127.0.0.1:1025"),
		orDefault(getenv("NEUVO_DEV_MAIL_LISTEN"), "localhost:8025"))
	if err != nil {
		fmt.Fprintf(stdout, "No mail catcher (%v): notifications are shown in Neuvo only.\n", err)
		return notify.SMTP{}, func() {}
	}
	fmt.Fprintf(stdout, "Demo e-mail: every message Neuvo sends can be read at http://%s/\n", viewer.Addr().String())
	return p.SMTP("Neuvo demo <neuvo@demo.neuvo.test>"), func() { viewer.Close(); p.Stop() }
}

// runMailCatcher starts Mailpit's SMTP server on smtpAddr, its API on a
// free loopback port, and the mail viewer on viewAddr.
func runMailCatcher(ctx context.Context, smtpAddr, viewAddr string) (*mailpit.Process, net.Listener, error) {
	bin, err := mailpit.Binary(ctx, ".")
	if err != nil {
		return nil, nil, err
	}
	api, err := mailpit.FreeAddr()
	if err != nil {
		return nil, nil, err
	}
	p, err := mailpit.Start(ctx, bin, smtpAddr, api)
	if err != nil {
		return nil, nil, err
	}
	viewer, err := net.Listen("tcp", viewAddr)
	if err != nil {
		p.Stop()
		return nil, nil, fmt.Errorf("mail viewer on %s: %w", viewAddr, err)
	}
	go http.Serve(viewer, mailViewer(p))
	return p, viewer, nil
}

func orDefault(v, fallback string) string {
	if v == "" {
		return fallback
	}
	return v
}
