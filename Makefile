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

.PHONY: run build deps test-deps test fmt-check vet lint fuzz faults demo bench archive clean \
	bench-search bench-search-500k bench-vet archive-500k \
	windows-deps windows-build windows-check package-deps package package-linux \
	package-windows install uninstall

run: build
	./$(BIN) $(ARGS)

build: deps
	$(GO) build -tags $(TAGS) -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/hankekirja

deps:
	@bash .ci/install-deps build

test-deps:
	@bash .ci/install-deps test

# The fault tests run once, in their own step without the race detector
# (FAULTS below), not also in the race run.
test: test-deps fmt-check vet lint windows-check
	$(GO) test -race -tags $(TAGS) -count=1 -skip '$(FAULTS)' ./...
	$(MAKE) faults ROUNDS=50
	# The store's tests once more against encrypted stores (no -race: short CI).
	HANKEKIRJA_TEST_ENCRYPT=1 $(GO) test -tags $(TAGS) -count=1 ./store/
	$(MAKE) fuzz

# A short run of every fuzz target beyond its committed seeds (the seeds
# themselves run in the tests above): the importers and damaged database
# files. Each target runs a fixed number of executions, sized to about ten
# seconds here: a wall-clock -fuzztime races Go's fuzzing coordinator at
# its deadline (go.dev/issue/75804, fixed in Go 1.27) and fails a loaded
# run with "context deadline exceeded" although nothing was found.
# FUZZTIME=5m (or =1000000x) for a longer look at every target. Minimising
# a new input is off by default (FUZZMIN=0): in a short run it took nearly
# all the time; FUZZMIN=60s minimises a crasher before it is committed as
# a seed.
FUZZTIME ?=
FUZZMIN  ?= 0
FUZZ      = $(GO) test -tags $(TAGS) -run '^$$' -fuzzminimizetime $(FUZZMIN) -fuzztime $(or $(FUZZTIME),$(1)) -fuzz
fuzz:
	$(call FUZZ,100000x) '^FuzzRead$$' ./snapshot/
	$(call FUZZ,50000x) '^FuzzCutLine$$' ./snapshot/
	$(call FUZZ,200000x) '^FuzzSameAsStd$$' ./internal/jsondecode/
	$(call FUZZ,5000x) '^FuzzImportCSV$$' ./csv/
	$(call FUZZ,20000x) '^FuzzImportVCard$$' ./vcard/
	$(call FUZZ,50000x) '^FuzzImportXLSX$$' ./xlsx/
	$(call FUZZ,50000x) '^FuzzImportICS$$' ./calendar/
	$(call FUZZ,1500x) '^FuzzOpenDamaged$$' ./store/

# The fault tests (docs/reliability.md): kill -9 during saves, an import,
# a backup, compaction, exports and the window's autosave, ROUNDS rounds
# of each (the window a 25th of them), injected write and sync errors,
# the damaged-file matrix, a read-only and a full disk, and damaged files
# in the window. `make test` runs ROUNDS=50 (about 4 minutes on 2 cores);
# `make faults ROUNDS=1000` is the long form.
ROUNDS ?= 50
FAULTS := ^(TestKillWhile.*|TestKillDuringAutosave|TestDamagedFileMatrix|TestDamagedFileInWindow|TestReadOnlyAndFullDisk|TestDiskFaultsInWindow|TestInjected.*)$$
faults:
	FAULT_ROUNDS=$(ROUNDS) $(GO) test -tags $(TAGS) -count=1 -timeout 0 -v \
		-run '$(FAULTS)' ./cmd/hankekirja/

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
# packages' own benchmarks, and search at the 50 000-contact archive
# (store/search_bench_test.go: query p50/p95, recall, build time, size).
bench: test-deps
	$(GO) test -tags $(TAGS) -timeout 60m -run '^$$' -bench 'Archive(BarePut|CreateContact|UpdateContact|Autosave)' -benchtime 300x ./cmd/hankekirja/ | tee bench-archive.out
	$(GO) test -tags $(TAGS) -timeout 60m -run '^$$' -bench 'Archive(OpenFirstPage|History)|Process|Window' -benchtime 3x ./cmd/hankekirja/ | tee -a bench-archive.out
	$(GO) run ./internal/benchtable < bench-archive.out
	$(GO) test -tags $(TAGS) -run '^$$' -bench . -benchtime 2s ./store/ ./ui/ ./snapshot/ ./morph/
	HANKEKIRJA_ARCHIVE=$(ARCHIVE) $(GO) test -tags $(TAGS) -timeout 60m -run '^$$' -bench 'ArchiveSearch' -benchtime 3x ./store/
	$(MAKE) bench-search

# Search side by side with SQLite FTS5 at the 50 000-contact archive: the
# separate module under bench/ (SQLite is never a dependency of the
# application) reads the archive read-only, loads the texts the app's
# index holds into FTS5 and asks both the gold list's queries; one table
# of p50/p95, build time, size, recall and precision with the ratios
# app / SQLite (docs/benchmarks.md). Not part of `make test` or CI.
bench-search: $(ARCHIVE) bench-vet
	cd bench && $(GO) run -tags $(TAGS) ./fts --archive ../$(ARCHIVE) --out ../bench-search.out $(SEARCH_ARGS)

# Search latency at 500 000 contacts (the app alone; SEARCH_ARGS_500K= adds
# SQLite and the build from scratch).
bench-search-500k: $(ARCHIVE500) bench-vet
	cd bench && $(GO) run -tags $(TAGS) ./fts --archive ../$(ARCHIVE500) --out ../bench-search-500k.out $(SEARCH_ARGS_500K)

SEARCH_ARGS_500K ?= --sqlite=false --app-build=false

# vet of the bench module, kept out of `make vet`: with a cold build cache
# compiling modernc.org/sqlite for it takes minutes (warm, under a second).
bench-vet:
	cd bench && $(GO) vet -tags $(TAGS) ./... && $(GO) test -tags $(TAGS) -count=1 ./...

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

# The 500 000-contact archive: the default region's groups, projects and
# meetings with ten times the contacts, as the archive benchmarks of
# cmd/hankekirja make it (1.6 GB).
ARCHIVE500 := testdata/archive/archive-500k.db

archive-500k: $(ARCHIVE500)

$(ARCHIVE500):
	@mkdir -p $(dir $@)
	$(MAKE) build
	rm -f $@.tmp
	./$(BIN) gen --contacts 500000 --groups 3000 --projects 400 --out $@.tmp
	mv $@.tmp $@

clean:
	rm -rf bin dist

# --- Windows and packages ---------------------------------

# The Windows binary is cross-compiled with MinGW-w64's gcc (cgo: Fyne's
# OpenGL driver is C). -H=windowsgui: no console window opens with the
# program; console_windows.go attaches to the console it was started from.
MINGW_CC := x86_64-w64-mingw32-gcc
WINENV   := GOOS=windows GOARCH=amd64 CGO_ENABLED=1 CC=$(MINGW_CC)
WINEXE   := bin/windows/hankekirja.exe

# Fyne's packager, at the version the tool line in go.mod pins, built for
# this machine: `go tool fyne` with CC set to MinGW would build the tool
# itself for Windows and fail.
FYNE := bin/fyne

# fyne package wants a version x.y.z and a build number: a tag vX.Y.Z gives
# the version (else 0.0.0), the number of commits the build.
APP_VERSION := $(shell git describe --tags --match 'v[0-9]*' --abbrev=0 2>/dev/null | sed 's/^v//' | grep -E '^[0-9]+(\.[0-9]+){0,2}$$' || echo 0.0.0)
APP_BUILD   := $(shell git rev-list --count HEAD 2>/dev/null || echo 1)
FYNE_PKG     = $(CURDIR)/$(FYNE) package -app-version $(APP_VERSION) -app-build $(APP_BUILD)

DIST        := dist
LINUX_TREE  := $(DIST)/hankekirja
LINUX_TAR   := $(DIST)/hankekirja-$(VERSION)-linux-amd64.tar.xz
WINDOWS_PKG := $(DIST)/Hankekirja-$(VERSION)-windows-amd64.exe

windows-deps:
	@bash .ci/install-deps windows

windows-build: windows-deps
	$(WINENV) $(GO) build -tags $(TAGS) -ldflags "$(LDFLAGS) -H=windowsgui" -o $(WINEXE) ./cmd/hankekirja

# A Windows-only break (a file with a windows build tag, a call that does
# not exist there) fails here rather than on a user's laptop.
windows-check: windows-build
	$(WINENV) $(GO) vet -tags $(TAGS) ./...

package-deps:
	@bash .ci/install-deps package

$(FYNE): go.mod go.sum
	$(GO) build -o $@ fyne.io/tools/cmd/fyne

package: package-linux package-windows
	@echo "Packages:"; ls -l $(LINUX_TAR) $(WINDOWS_PKG)

# fyne package rewrites FyneApp.toml (it counts builds in it), so each
# recipe puts the committed one back, whatever happened.
package-linux: build package-deps $(FYNE)
	@mkdir -p $(DIST)
	cp cmd/hankekirja/FyneApp.toml $(DIST)/FyneApp.toml.orig
	cd cmd/hankekirja && $(FYNE_PKG) -os linux -executable $(CURDIR)/$(BIN); \
		status=$$?; cp $(CURDIR)/$(DIST)/FyneApp.toml.orig FyneApp.toml; exit $$status
	bash packaging/linux/package.sh cmd/hankekirja/Hankekirja.tar.xz assets/icon/hankekirja.svg $(LINUX_TREE) $(LINUX_TAR)
	rm -f cmd/hankekirja/Hankekirja.tar.xz $(DIST)/FyneApp.toml.orig

# The icon, the version resource and the manifest are linked in by a
# rebuild of the binary with fyne's resource file (fyne.syso). It is given
# the binary to start from because, building one itself, it would drop
# -ldflags (main.version) from its second build.
package-windows: windows-build package-deps $(FYNE)
	@mkdir -p $(DIST)
	cp cmd/hankekirja/FyneApp.toml $(DIST)/FyneApp.toml.orig
	cp $(WINEXE) cmd/hankekirja/hankekirja.exe
	cd cmd/hankekirja && CC=$(MINGW_CC) GOARCH=amd64 GOFLAGS="-ldflags=-X=main.version=$(VERSION)" \
		$(FYNE_PKG) -os windows -executable hankekirja.exe; \
		status=$$?; cp $(CURDIR)/$(DIST)/FyneApp.toml.orig FyneApp.toml; rm -f hankekirja.exe; exit $$status
	mv cmd/hankekirja/Hankekirja.exe $(WINDOWS_PKG)
	rm -f $(DIST)/FyneApp.toml.orig

# For the current user, under ~/.local (PREFIX=DIR for elsewhere).
install: package-linux
	sh $(LINUX_TREE)/install.sh

uninstall:
	sh $(LINUX_TREE)/install.sh --uninstall
