# Neuvo: `make run` starts a local demo, `make test` runs every test.
GO      ?= go
VERSION ?= $(shell git describe --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)

.PHONY: build run test fuzz test-race bench vet fmt-check tools clean

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o bin/neuvo ./cmd/neuvo

# A demo on this machine: PostgreSQL (the local one or a private cluster),
# migrations, demo data, a demo OpenID provider and Neuvo on :8080.
run: build
	./bin/neuvo dev

# Unit, integration (real PostgreSQL), login (real OpenID provider) and
# browser (headless Chromium) tests, then each fuzz target briefly.
test: fmt-check vet tools
	$(GO) test -count=1 ./...
	$(MAKE) --no-print-directory fuzz

# Each fuzz target for FUZZTIME; `go test -fuzz` takes one target at a time.
# A failing input is saved under the package's testdata/fuzz: commit it.
FUZZTIME ?= 3s
FUZZ_TARGETS := cases:FuzzCursors server:FuzzAPIDecoders server:FuzzFormParsers server:FuzzListQueries
fuzz:
	@for target in $(FUZZ_TARGETS); do \
		pkg=$${target%%:*}; name=$${target#*:}; \
		$(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) ./$$pkg || exit 1; \
	done

# Mailpit, the real SMTP server that the mail tests and `neuvo dev` send
# to, is a Go tool dependency (go.mod): build it once up front (about a
# minute on a clean machine) instead of inside the first test that needs it.
tools:
	$(GO) tool -n mailpit >/dev/null

# Contact creation through the HTTP API vs the same SQL on the raw driver at
# 1, 8 and 32 clients, then page latency over 1,000,000 generated contacts,
# on a throw-away database. Results and how to read them: docs/benchmarks.md.
bench: build
	./bin/neuvo bench $(BENCH_FLAGS)

test-race: vet
	$(GO) test -count=1 -race ./...

vet:
	$(GO) vet ./...

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

clean:
	rm -rf bin .data
