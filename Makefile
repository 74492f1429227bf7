# Neuvo: `make run` starts a local demo, `make test` runs every test.
GO      ?= go
VERSION ?= $(shell git describe --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)

.PHONY: build run test test-race vet fmt-check clean

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o bin/neuvo ./cmd/neuvo

# A demo on this machine: PostgreSQL (the local one or a private cluster),
# migrations, demo data, a demo OpenID provider and Neuvo on :8080.
run: build
	./bin/neuvo dev

# Unit, integration (real PostgreSQL), login (real OpenID provider) and
# browser (headless Chromium) tests.
test: fmt-check vet
	$(GO) test -count=1 ./...

test-race: vet
	$(GO) test -count=1 -race ./...

vet:
	$(GO) vet ./...

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

clean:
	rm -rf bin .data
