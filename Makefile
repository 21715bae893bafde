# Hankekirja. `make run` starts the application, `make test` runs every check.
#
# The migrated_fynedo tag tells Fyne that all widget changes from other
# goroutines go through fyne.Do, so Fyne drops its internal locking and the
# race detector catches any that do not.

GO      ?= go
TAGS    := migrated_fynedo
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)
BIN     := bin/hankekirja

.PHONY: run build deps test-deps test fmt-check vet lint fuzz demo bench archive clean

run: build
	./$(BIN) $(ARGS)

build: deps
	$(GO) build -tags $(TAGS) -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/hankekirja

deps:
	@bash .ci/install-deps build

test-deps:
	@bash .ci/install-deps test

test: test-deps fmt-check vet lint
	$(GO) test -race -tags $(TAGS) -count=1 ./...
	$(MAKE) fuzz

# A short run of every importer's fuzz target beyond its committed seeds
# (the seeds themselves run in the tests above). FUZZTIME=5m for a longer look.
FUZZTIME ?= 10s
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzRead$$' -fuzztime $(FUZZTIME) ./snapshot/
	$(GO) test -run '^$$' -fuzz '^FuzzImportCSV$$' -fuzztime $(FUZZTIME) ./csv/
	$(GO) test -run '^$$' -fuzz '^FuzzImportVCard$$' -fuzztime $(FUZZTIME) ./vcard/

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go') 2>/dev/null); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet -tags $(TAGS) ./...

# staticcheck's version is pinned by the tool line in go.mod, so it needs
# no install step.
lint:
	$(GO) tool staticcheck -tags $(TAGS) ./...

demo: build
	./$(BIN) demo && ./$(BIN)

# The benchmarks of a region's archive (cmd/hankekirja/archive_bench_test.go:
# 50 000 and 500 000 contacts with 20 000 meetings, made once into
# testdata/archive), printed as the table docs/benchmarks.md keeps; then the
# packages' own benchmarks.
bench: test-deps
	$(GO) test -tags $(TAGS) -timeout 60m -run '^$$' -bench 'Archive|Process|Window' -benchtime 3x ./cmd/hankekirja/ | tee bench-archive.out
	$(GO) run ./internal/benchtable < bench-archive.out
	$(GO) test -tags $(TAGS) -run '^$$' -bench . -benchtime 2s ./store/ ./ui/ ./snapshot/ ./morph/

# The generated archive benchmarks use (hankekirja gen's default: 50 000
# contacts, 20 000 meetings over ten years), made only when it is missing.
ARCHIVE := testdata/archive/archive-50k.db

archive: $(ARCHIVE)

$(ARCHIVE):
	@mkdir -p $(dir $@)
	$(MAKE) build
	rm -f $@.tmp
	./$(BIN) gen --out $@.tmp
	mv $@.tmp $@

clean:
	rm -rf bin
