# devpath: build, test and package. Needs GNU make and bash; `make deps`
# installs the system packages (Debian/Ubuntu) and is run by `make run`,
# `make test`, `make bench`, `make package` and `make screenshots`.
# See docs/development.md.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build
.NOTPARALLEL:
MAKEFLAGS += --no-print-directory

export LANG ?= C.UTF-8
# devpath needs cgo (SQLite, GLFW): fail at build time, never with a stub.
export CGO_ENABLED := 1
# The build tags every build and test uses (.ci/goflags.sh says why).
export GOFLAGS := $(shell . .ci/goflags.sh && echo "$$GOFLAGS")

GO            ?= go
NAME          := devpath
BIN           := bin/$(NAME)
DIST          := dist
VERSION       := $(shell sed -n 's/^[[:space:]]*Version[[:space:]]*=[[:space:]]*"\(.*\)".*/\1/p' FyneApp.toml)
GOARCH         = $(shell $(GO) env GOARCH)
TARBALL        = $(DIST)/$(NAME)-$(VERSION)-linux-$(GOARCH).tar.xz
WINZIP        := $(DIST)/$(NAME)-$(VERSION)-windows-amd64.zip
# Packages tested with the race detector: everything without a window.
RACE_PKGS     := ./roadmap/... ./tracker/... ./ui/cli/...
FUZZTIME      ?= 10s
CRASH_TEST    := .ci/crash-test.sh
# How long the stress test runs its devpath processes (a Go duration).
STRESS_TIME   ?= 70s
STARTUP_BENCH := .ci/startup-bench.sh
# In CI every test runs, none is taken from the test cache.
TESTFLAGS     ?= $(if $(CI),-count=1)
ARGS          ?=

# The Go helpers under .ci/, which ./... leaves out.
CI_PKGS = $(shell find .ci -name '*.go' -exec dirname {} \; | sort -u | sed 's|^|./|')
# Go files as the go command sees them (no testdata/, _*/ or hidden folders),
# plus the helpers in .ci/.
GOFILES = $(shell find . \( -name testdata -o -name '_*' -o \( -name '.*' ! -name . ! -name .ci \) \) -prune -o -name '*.go' -print)

.PHONY: help deps build run test lint unit race fuzz window-test crash-test \
	stress-test bench package screenshots generate clean desktop-check \
	package-windows wine-test

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 14

deps: ## install missing system packages (apt-get; nothing when all are there)
	@bash .ci/deps.sh

build: ## build bin/devpath
	@echo "build: $(GO) build -o $(BIN) ."
	@$(GO) build -o $(BIN) .

run: deps ## start devpath (ARGS="..." passes arguments)
	@echo "run: $(GO) run . $(ARGS)"
	@$(GO) run . $(ARGS)

# The crash test is a Go test (TestCrashSafety, run by `unit`); a script
# .ci/crash-test.sh, when there is one, runs as a step of its own.
test: deps lint unit race fuzz desktop-check window-test $(if $(wildcard $(CRASH_TEST)),crash-test) stress-test package wine-test ## the whole suite, as CI runs it
	@echo "test: all checks passed"

lint: ## gofmt, go vet, staticcheck; go vet for Windows and macOS on the packages without cgo
	@echo "gofmt: checking $(words $(GOFILES)) files"
	@unformatted=$$(gofmt -l $(GOFILES)); \
	if [ -n "$$unformatted" ]; then \
		echo "gofmt: these files are not formatted (run gofmt -w):"; echo "$$unformatted"; exit 1; \
	fi
	@echo "vet: $(GO) vet ./... $(CI_PKGS)"
	@$(GO) vet ./... $(CI_PKGS)
	@echo "staticcheck: $(GO) tool staticcheck ./... $(CI_PKGS)"
	@$(GO) tool staticcheck ./... $(CI_PKGS)
	@bash .ci/vet-other.sh

unit: ## go test ./... and the tests of the helpers in .ci/
	@echo "unit: $(strip $(GO) test $(TESTFLAGS) ./... $(CI_PKGS))"
	@$(GO) test $(TESTFLAGS) ./... $(CI_PKGS)

race: ## go test -race on the packages without a window
	@echo "race: $(strip $(GO) test -race $(TESTFLAGS) $(RACE_PKGS))"
	@$(GO) test -race $(TESTFLAGS) $(RACE_PKGS)

fuzz: ## run every Fuzz target for FUZZTIME (default 10s) each
	@echo "fuzz: every Fuzz target for $(FUZZTIME)"
	@FUZZTIME=$(FUZZTIME) bash .ci/fuzz.sh

window-test: ## drive devpath's real window under Xvfb through the user journey (prints its screenshot folder)
	@echo "window-test: .ci/window-test.sh"
	@bash .ci/window-test.sh

crash-test: ## kill devpath processes at random moments, then check the database
	@if [ -f $(CRASH_TEST) ]; then \
		echo "crash-test: $(CRASH_TEST)"; bash $(CRASH_TEST); \
	else \
		echo "crash-test: $(GO) test -count=1 -run 'TestCrashSafety|TestTwoWriters' ."; \
		$(GO) test -count=1 -run 'TestCrashSafety|TestTwoWriters' .; \
	fi

stress-test: ## devpath processes tick, back up, import, restore and are killed for STRESS_TIME (default 70s)
	@echo "stress-test: $(GO) test -count=1 -run '^TestStress$$' . for $(STRESS_TIME)"
	@DEVPATH_STRESS_TIME=$(STRESS_TIME) $(GO) test -count=1 -timeout 15m -run '^TestStress$$' .

bench: deps ## Go benchmarks, then start-up time and memory
	@echo "bench: $(GO) test -run '^$$' -bench . -benchmem ./..."
	@$(GO) test -run '^$$' -bench . -benchmem ./...
	@if [ -f $(STARTUP_BENCH) ]; then \
		echo "bench: $(STARTUP_BENCH)"; bash $(STARTUP_BENCH); \
	else \
		echo "bench: $(STARTUP_BENCH) does not exist yet; start-up not measured"; \
	fi

package: deps ## the Linux release tarball and the Debian package (.deb, checked by lintian) in dist/
	@echo "package: $(GO) tool fyne package -os linux --release -> $(TARBALL)"
	@mkdir -p $(DIST)
	@rm -f $(NAME).tar.xz
	@# fyne package --release raises Build in FyneApp.toml each run; the
	@# release's number is the committed one, so make test leaves no change.
	@cp FyneApp.toml $(DIST)/FyneApp.toml.kept
	@$(GO) tool fyne package -os linux --release || { mv $(DIST)/FyneApp.toml.kept FyneApp.toml; exit 1; }
	@mv $(DIST)/FyneApp.toml.kept FyneApp.toml
	@mv $(NAME).tar.xz $(TARBALL)
	@echo "package: $(TARBALL) ($$(du -h $(TARBALL) | cut -f1); $$(tar -tJf $(TARBALL) | grep -c -v '/$$') files)"
	@rm -rf $(DIST)/linux && mkdir -p $(DIST)/linux
	@tar -xJf $(TARBALL) -C $(DIST)/linux --strip-components=4 $(NAME)/usr/local/bin/$(NAME)
	@bash .ci/deb.sh $(DIST)/linux/$(NAME)

package-windows: deps ## cross-compile for Windows with MinGW-w64: $(WINZIP)
	@bash .ci/windows-build.sh

wine-test: package-windows ## the Windows build's command line and window under Wine, against the Linux build
	@bash .ci/wine-test.sh

desktop-check: ## validate the desktop entry and AppStream metainfo; icons; the window's class
	@echo "desktop-check: .ci/desktop-check.sh"
	@bash .ci/desktop-check.sh

screenshots: deps ## docs/screenshots/SCREEN-SIZE-THEME.png: every screen at 1024x640 and 1920x1080, light and dark
	@echo "screenshots: .ci/window-test.sh --screenshots docs/screenshots"
	@bash .ci/window-test.sh --screenshots docs/screenshots

generate: ## draw assets/icon.png again (go generate ./assets)
	@echo "generate: $(GO) generate ./assets"
	@$(GO) generate ./assets

clean: ## remove bin/ and packaging output (never the Go cache)
	@echo "clean: rm -rf bin $(DIST) $(NAME).tar.xz"
	@rm -rf bin $(DIST) $(NAME).tar.xz
