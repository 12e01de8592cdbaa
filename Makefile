# keikaku: a batch compiler for a Japanese city's plan.
#
#   make          install missing Debian packages (as root; otherwise print the
#                 one apt-get line and stop), build the generator, build content/
#   make test     also install the test-only packages, then run every test:
#                 unit, golden, diagnostics, end-to-end, and the whole suite
#                 again under AddressSanitizer + UndefinedBehaviorSanitizer
#   make bench    time and measure builds of 1x, 10x and 100x the sample
#   make fuzz     run each libFuzzer target (tests/fuzz/) for FUZZ_SECONDS
#                 (default 600) under ASan + UBSan; findings in build/fuzz/
#
# Nothing here downloads anything but Debian and npm packages.

CC       ?= cc
CSTD      = -std=c11
WARN      = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
            -Wmissing-prototypes -Wno-unused-parameter
OPT      ?= -O2
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -iquote generator -I/usr/include/libxml2
CFLAGS   ?= -g
LIBS      = -lcmark-gfm-extensions -lcmark-gfm -lyaml -lxml2 -lhpdf -lm

# Debian 12 packages. Libraries and fonts are checked with dpkg; tools with
# command -v, since some machines carry them from another source.
BUILD_PKGS = gcc make libcmark-gfm-dev libcmark-gfm-extensions-dev \
             libyaml-dev libxml2-dev libhpdf-dev zlib1g-dev \
             fonts-morisawa-bizud-gothic fonts-morisawa-bizud-mincho
TEST_PKGS  = qpdf poppler-utils valgrind clang libclang-rt-14-dev chromium
TEST_TOOLS = node:nodejs npm:npm java:default-jre-headless

B        = build
SRCS     = $(wildcard generator/*.c generator/html/*.c generator/pdf/*.c)
LIB_SRCS = $(filter-out generator/main.c,$(SRCS))
OBJS     = $(LIB_SRCS:%.c=$(B)/obj/%.o)
AOBJS    = $(LIB_SRCS:%.c=$(B)/asan/%.o)
UNIT     = $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_*.c))
SAN      = -fsanitize=address,undefined -fno-sanitize-recover=all \
           -fno-omit-frame-pointer

.PHONY: all deps test-deps generator site test bench fuzz fuzz-build clean

all: deps generator site

deps:
	@sh tests/deps.sh $(BUILD_PKGS)

test-deps: deps
	@sh tests/deps.sh $(TEST_PKGS) $(TEST_TOOLS)
	@cd tests && if [ ! -d node_modules ] || \
	    [ package-lock.json -nt node_modules ]; then \
	    npm ci --no-audit --no-fund --loglevel=error && touch node_modules; fi

generator: $(B)/keikaku

site: $(B)/keikaku
	$(B)/keikaku build content -o out

$(B)/keikaku: $(OBJS) $(B)/obj/generator/main.o
	$(CC) $(CFLAGS) $(OPT) -o $@ $^ $(LIBS)

$(B)/asan/keikaku: $(AOBJS) $(B)/asan/generator/main.o
	$(CC) $(CFLAGS) $(SAN) -o $@ $^ $(LIBS)

$(B)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) $(CPPFLAGS) $(CFLAGS) $(OPT) -MMD -MP -c $< -o $@

$(B)/asan/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) $(CPPFLAGS) $(CFLAGS) -O1 $(SAN) -MMD -MP -c $< -o $@

# Unit tests link against every module but main.o, in both flavours.
$(B)/unit/%: tests/unit/%.c $(OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) $(CPPFLAGS) $(CFLAGS) $(OPT) -Itests/unit -o $@ $< $(OBJS) $(LIBS)

$(B)/unit-asan/%: tests/unit/%.c $(AOBJS)
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) $(CPPFLAGS) $(CFLAGS) -O1 $(SAN) -Itests/unit -o $@ $< $(AOBJS) $(LIBS)

test: test-deps $(B)/keikaku $(B)/asan/keikaku \
      $(UNIT:%=$(B)/unit/%) $(UNIT:%=$(B)/unit-asan/%) fuzz-build
	@sh tests/run

# libFuzzer targets (tests/fuzz/fuzz_*.c), built with Debian's clang: every
# module but main.c instrumented for coverage, ASan and UBSan. The suite
# tests/suites/45-fuzz.sh replays tests/fuzz/regressions/ and runs each
# target briefly; `make fuzz` runs each for FUZZ_SECONDS.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 600
FUZZ_TARGETS  = yaml md fy linebreak tree
FUZZ_SAN      = -fsanitize=address,undefined -fno-sanitize-recover=all \
                -fno-omit-frame-pointer
FOBJS         = $(LIB_SRCS:%.c=$(B)/fuzz/obj/%.o)

fuzz-build: $(FUZZ_TARGETS:%=$(B)/fuzz/fuzz_%)
# Reached through the pattern rule only; not intermediate files to delete.
.SECONDARY: $(FOBJS)

fuzz: test-deps fuzz-build
	@sh tests/fuzz/run $(FUZZ_SECONDS)

$(B)/fuzz/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CSTD) $(WARN) $(CPPFLAGS) -g -O1 $(FUZZ_SAN) \
	    -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@

$(B)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FOBJS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CSTD) $(WARN) $(CPPFLAGS) -g -O1 $(FUZZ_SAN) \
	    -fsanitize=fuzzer -DKEIKAKU_TOP='"$(CURDIR)"' -o $@ $< $(FOBJS) $(LIBS)

bench: deps $(B)/keikaku
	@sh tests/bench/run

clean:
	rm -rf $(B)

-include $(OBJS:.o=.d) $(AOBJS:.o=.d) $(FOBJS:.o=.d)
