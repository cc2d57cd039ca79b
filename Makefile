# ftl - forensic timeline builder.  One plain Makefile, no configure step.
#
#   make            build ./ftl
#   make check      unit suites (Check) and end-to-end tests of ./ftl
#   make check-valgrind   a subset of the end-to-end tests under valgrind
#   make demo       install what is missing (as root), build, make the demo
#                   evidence, run the whole pipeline, write the reports
#   make bench      speed and memory against reference tools -> bench/RESULTS.md
#   make deps       install the Debian packages (root), or print the command
#   make install    install ftl, its man page, data and bash completion
#                   (PREFIX=/usr/local, DESTDIR for a staging root);
#                   make uninstall removes them
#   SANITIZE=1      build and test with AddressSanitizer and UBSan
#   make fuzz       libFuzzer harnesses (clang) -> build-fuzz/, each run
#                   FUZZ_SECONDS (default 60); docs/FUZZING.md
#
# New source files are picked up by the wildcards below; a new test file
# tests/check_<name>.c only has to define Suite *<name>_suite(void);
# tests/testutil.c holds what the suites share.

# Libraries, found with pkg-config.
PKGS = sqlite3 libxml-2.0 tsk gmime-3.0 libarchive libcrypto poppler-glib
TEST_PKGS = check

# Debian packages: libraries, and the tools the tests and the demo use to
# make their evidence (mke2fs/debugfs, mkfs.fat/mtools, sfdisk,
# genisoimage, fls, pdfinfo ...), and chromium, which loads, screenshots
# and prints the HTML report in its test and in the demo.
DEB_PKGS = build-essential pkg-config libsqlite3-dev sqlite3 libxml2-dev \
	check libtsk-dev sleuthkit libgmime-3.0-dev libarchive-dev libssl-dev \
	libpoppler-glib-dev tzdata e2fsprogs dosfstools mtools python3 \
	poppler-utils zip unzip time xz-utils bzip2 libimage-exiftool-perl \
	fdisk genisoimage afflib-tools chromium clang

CFLAGS ?= -O2 -g
CFLAGS += -std=c11 -Wall -Wextra -Werror
CPPFLAGS += -I. -D_DEFAULT_SOURCE -D_FILE_OFFSET_BITS=64 -MMD -MP

ifeq ($(FUZZ),1)
# The fuzz build (make fuzz): clang, the objects instrumented for
# libFuzzer, ASan and UBSan; the harnesses bring their own main.
O = build-fuzz
CC = clang
SAN = -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all
CFLAGS += $(SAN)
LDFLAGS += $(SAN)
FTL = $(O)/ftl
else ifeq ($(SANITIZE),1)
O = build-san
SAN = -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined
CFLAGS += $(SAN)
LDFLAGS += $(SAN)
FTL = $(O)/ftl
else
O = build
FTL = ./ftl
endif

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CHECK_CFLAGS := $(shell pkg-config --cflags $(TEST_PKGS) 2>/dev/null)
CHECK_LIBS := $(shell pkg-config --libs $(TEST_PKGS) 2>/dev/null)

SRCS = $(wildcard base/*.c timeline/*.c collectors/*.c collectors/*/*.c \
	export/*.c cli/*.c analyze/*.c)
ASMS = $(wildcard data/*.S)
OBJS = $(SRCS:%.c=$(O)/%.o) $(ASMS:%.S=$(O)/%.o)
TEST_SRCS = $(wildcard tests/check_*.c)
TEST_OBJS = $(TEST_SRCS:%.c=$(O)/%.o) $(O)/tests/testutil.o
SUITES = $(filter-out main,$(TEST_SRCS:tests/check_%.c=%))

all: $(FTL)

# 'make V=1' shows the full compiler lines.
ifeq ($(V),1)
Q =
say = @:
else
Q = @
say = @echo
endif

$(FTL): $(O)/ftl.o $(OBJS)
	$(say) "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) -lm

$(O)/%.o: %.c
	@mkdir -p $(@D)
	$(say) "  CC      $<"
	$(Q)$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -c -o $@ $<

$(O)/%.o: %.S
	@mkdir -p $(@D)
	$(say) "  AS      $<"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(O)/tests/%.o: tests/%.c
	@mkdir -p $(@D)
	$(say) "  CC      $<"
	$(Q)$(CC) $(CPPFLAGS) -I$(O)/tests $(PKG_CFLAGS) $(CHECK_CFLAGS) \
		$(CFLAGS) -c -o $@ $<

# The default indicator pack is compiled in with .incbin (data/iocs_default.S).
$(O)/data/iocs_default.o: data/iocs/default.csv
$(O)/data/rules_default.o: data/rules/default.csv

# The git revision ftl is built from ('ftl --version', audit rows),
# written only when it changes: a new commit recompiles base/version.c
# alone.  Outside git (a tarball) it is "unknown"; when git cannot say
# (sudo make install in a user's tree) the header already made is kept.
$(O)/base/revision.h: FORCE
	@mkdir -p $(@D)
	@r=$$(test -e .git && git describe --always --dirty 2>/dev/null | \
		tr -cd 'A-Za-z0-9._+-'); \
	if [ -n "$$r" ] || [ ! -e $@ ]; then \
		printf '#define FTL_REVISION "%s"\n' "$${r:-unknown}" > $@.tmp; \
		if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi; \
	fi
$(O)/base/version.o: $(O)/base/revision.h
$(O)/base/version.o: CPPFLAGS += -I$(O)

# The runner learns the suites from the file names.
$(O)/tests/suites.h: $(TEST_SRCS) Makefile
	@mkdir -p $(@D)
	@printf 'SUITE(%s)\n' $(SUITES) > $@.tmp && mv $@.tmp $@
$(O)/tests/check_main.o: $(O)/tests/suites.h

# The suites test the layers under the front: cli/ needs main's commands[].
$(O)/tests/check_ftl: $(TEST_OBJS) $(filter-out $(O)/cli/%,$(OBJS))
	$(say) "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(CHECK_LIBS) -lm

# Fault injection, for 'make check' only (docs/DESIGN.md, "Faults"):
# $(O)/ftl-faults is ftl with base/fault.c built with -DFTL_FAULTS (it
# dies where FTL_FAULT_AT says; ./ftl ignores that variable), and
# eio.so an LD_PRELOAD shim whose reads of one file fail with EIO.
FAULTS = $(O)/ftl-faults $(O)/tests/fault/eio.so

$(O)/base/fault-on.o: base/fault.c
	@mkdir -p $(@D)
	$(say) "  CC      $< (FTL_FAULTS)"
	$(Q)$(CC) $(CPPFLAGS) -DFTL_FAULTS $(CFLAGS) -c -o $@ $<

$(O)/ftl-faults: $(O)/ftl.o $(filter-out $(O)/base/fault.o,$(OBJS)) \
		$(O)/base/fault-on.o
	$(say) "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) -lm

# The shim is built without the sanitizers: it is loaded into ftl (and
# into the tools a test runs) before the sanitizer runtime.
$(O)/tests/fault/eio.so: tests/fault/eio.c
	@mkdir -p $(@D)
	$(say) "  CC      $<"
	$(Q)$(CC) -std=c11 -Wall -Wextra -Werror -O2 -D_GNU_SOURCE -shared \
		-fPIC -o $@ $< -ldl

# The end-to-end tests whose ftl runs go through valgrind (memcheck,
# --leak-check=full, tests/valgrind.supp) in 'make check-valgrind': one
# or two per collector, the analysis and every exporter.  Each ftl run
# under valgrind takes about 10 s (libraries' debug information), so the
# whole suite (a few thousand runs) would take hours.
VALGRIND_E2E = evidence_readonly idempotent disk_children jsonl \
	maillog_barracuda hr_samples staff analyze
# The libFuzzer harnesses, tests/fuzz/fuzz_<name>.c: each links the
# project's objects but the front's (cli/, ftl.c) and tests/fuzz/fuzzutil.c.
FUZZ_SRCS = $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BINS = $(FUZZ_SRCS:tests/fuzz/%.c=build-fuzz/tests/fuzz/%)
FUZZ_SECONDS ?= 60

$(O)/tests/fuzz/fuzz_%: $(O)/tests/fuzz/fuzz_%.o $(O)/tests/fuzz/fuzzutil.o \
		$(filter-out $(O)/cli/%,$(OBJS))
	$(say) "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) -fsanitize=fuzzer -o $@ $^ $(PKG_LIBS) -lm

.PRECIOUS: $(O)/tests/fuzz/%.o

fuzz-build: $(FUZZ_BINS)

fuzz:
	@if [ -n "$(MISSING)" ]; then $(MAKE) --no-print-directory deps; fi
	@$(MAKE) --no-print-directory FUZZ=1 fuzz-build
	tests/fuzz/run.sh $(FUZZ_SECONDS)

# Run deps first when a library or tool is missing, then the real target
# in a fresh make so that pkg-config flags are read after the install.
MISSING = $(shell dpkg-query -W -f='$${Status}\n' $(DEB_PKGS) 2>&1 | \
	grep -qv '^install ok installed' && echo yes)

check:
	@if [ -n "$(MISSING)" ]; then $(MAKE) --no-print-directory deps; fi
	@$(MAKE) --no-print-directory check-run

check-run: $(FTL) $(O)/tests/check_ftl $(FAULTS)
	$(O)/tests/check_ftl
	FTL=$(FTL) FTL_FAULTS_BIN=$(O)/ftl-faults \
		FTL_EIO_SHIM=$(O)/tests/fault/eio.so SANITIZE=$(SANITIZE) \
		tests/e2e/run.sh

check-valgrind: $(FTL)
	E2E="$(VALGRIND_E2E)" VALGRIND=1 FTL=$(FTL) tests/e2e/run.sh

demo:
	@if [ -n "$(MISSING)" ]; then $(MAKE) --no-print-directory deps; fi
	@$(MAKE) --no-print-directory demo-run

demo-run: $(FTL)
	FTL=$(FTL) tests/fixtures/demo.sh demo

bench: $(FTL)
	FTL=$(FTL) bench/run.sh

deps:
	@missing=$$(for p in $(DEB_PKGS); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
		grep -q '^install ok installed' || echo $$p; done); \
	if [ -z "$$missing" ]; then echo "deps: all packages present"; \
	elif [ "$$(id -u)" = 0 ]; then \
		echo "deps: installing" $$missing; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq --no-install-recommends $$missing; \
	else \
		echo "deps: missing packages; run as root:"; \
		echo "  apt-get install -y --no-install-recommends $$missing"; \
		exit 1; \
	fi

# Where 'make install' puts things.  The binary keeps its built-in
# indicator pack and rules; the copies in $(PKGDATADIR) are for reading
# and for editing into a pack of one's own (--iocs, --rules).
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share
MAN1DIR ?= $(DATADIR)/man/man1
PKGDATADIR ?= $(DATADIR)/ftl
BASHCOMPDIR ?= $(DATADIR)/bash-completion/completions
INSTALLED = $(BINDIR)/ftl $(MAN1DIR)/ftl.1 $(PKGDATADIR)/iocs/default.csv \
	$(PKGDATADIR)/iocs/README.md $(PKGDATADIR)/rules/default.csv \
	$(BASHCOMPDIR)/ftl

install: $(FTL)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MAN1DIR) \
		$(DESTDIR)$(PKGDATADIR)/iocs $(DESTDIR)$(PKGDATADIR)/rules \
		$(DESTDIR)$(BASHCOMPDIR)
	install -m 0755 $(FTL) $(DESTDIR)$(BINDIR)/ftl
	install -m 0644 docs/ftl.1 $(DESTDIR)$(MAN1DIR)/ftl.1
	install -m 0644 data/iocs/default.csv data/iocs/README.md \
		$(DESTDIR)$(PKGDATADIR)/iocs/
	install -m 0644 data/rules/default.csv $(DESTDIR)$(PKGDATADIR)/rules/
	install -m 0644 data/completion/ftl.bash $(DESTDIR)$(BASHCOMPDIR)/ftl

# Only what install put there, and ftl's own folders when left empty.
uninstall:
	rm -f $(addprefix $(DESTDIR),$(INSTALLED))
	rmdir $(DESTDIR)$(PKGDATADIR)/iocs $(DESTDIR)$(PKGDATADIR)/rules \
		$(DESTDIR)$(PKGDATADIR) 2>/dev/null || true

clean:
	rm -rf build build-san build-fuzz ftl demo tests/tmp

.PHONY: all check check-run check-valgrind demo demo-run bench deps install \
	uninstall clean fuzz fuzz-build FORCE

-include $(wildcard $(O)/*.d $(O)/*/*.d $(O)/*/*/*.d)
