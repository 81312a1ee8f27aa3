# tests/fuzz/fuzz.mk: libFuzzer targets, included by the Makefile (-include tests/fuzz/fuzz.mk).
# Uses the Makefile's CFLAGS_ALL, PKG_LIBS, LIB_SRC and B.
#
#   make fuzz-build                 builds $(B)/fuzz/fuzz_reader, fuzz_dict, fuzz_code,
#                                   fuzz_time, fuzz_gazetteer, fuzz_validate
#   make fuzz [FUZZ_SECONDS=30]     builds them, writes their seed corpora, runs each one for
#                                   FUZZ_SECONDS seconds; fails if any of them found a crash
#
# Each target is compiled with clang -fsanitize=fuzzer,address,undefined together with the
# library's sources (LIB_SRC), the arena in malloc mode so that ASan sees every allocation;
# fuzz_validate also with the validation readers of the command (FUZZ_SRC_validate) and
# libxml2. Seed corpora are written at fuzz time into $(B)/fuzz/corpus-NAME from the
# repository's own files (examples/*.txt, tests/corpus/*.cases, tests/time/expressions.txt,
# data/*) and by the targets themselves (PARLEY_FUZZ_WRITE_SEEDS=DIR makes fuzz_time,
# fuzz_gazetteer and fuzz_validate write their own seeds into DIR and exit); inputs the
# fuzzers find are added there and kept until `make clean`. Crash inputs are saved as
# $(B)/fuzz/TARGET-crash-SHA1 (or -leak-, -timeout-, -oom-), each run's log as
# $(B)/fuzz/TARGET.log, and one line a target in $(B)/fuzz/results.
# FUZZ_FLAGS adds libFuzzer options (e.g. FUZZ_FLAGS=-jobs=4), FUZZ_CC the compiler.

FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 30
FUZZ_FLAGS   ?=
FUZZ_DIR     := $(B)/fuzz
FUZZ_NAMES   := reader dict code time gazetteer validate ptb
FUZZ_BINS    := $(FUZZ_NAMES:%=$(FUZZ_DIR)/fuzz_%)
FUZZ_SAN     := -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
                -fno-omit-frame-pointer -O1 -g -DPARLEY_ARENA_MALLOC

.PHONY: fuzz fuzz-build fuzz-corpus

# What a target needs besides the library: fuzz_validate reads with the command's readers;
# cmd_validate.c holds the helpers they share (vsuite_add_record, vsuite_free...).
FUZZ_SRC_validate    := src/cli/validate_tabari.c src/cli/validate_petrarch.c src/cli/cmd_validate.c
FUZZ_CFLAGS_validate := $(shell pkg-config --cflags libxml-2.0 2>/dev/null)
FUZZ_LIBS_validate   := $(shell pkg-config --libs libxml-2.0 2>/dev/null)

fuzz-build: $(FUZZ_BINS)

$(FUZZ_DIR)/fuzz_validate: $(FUZZ_SRC_validate)

$(FUZZ_DIR)/fuzz_%: tests/fuzz/fuzz_%.c $(LIB_SRC) $(wildcard include/*.h src/*/*.h tests/fuzz/*.h)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  FUZZ    $@")
	$(Q)$(FUZZ_CC) $(CFLAGS_ALL) $(FUZZ_CFLAGS_$*) $(FUZZ_SAN) -o $@ $< $(FUZZ_SRC_$*) \
	    $(LIB_SRC) $(PKG_LIBS) $(FUZZ_LIBS_$*)

# An awk function: the 4 bytes of day number (days since 1970-01-01, int32 little-endian)
# of a "YYYY-MM-DD" date, as fuzz_time reads a story day; PL_DATE_NONE for anything else.
FUZZ_AWK_DAY := function day4(d,   y, m, era, yoe, doe, n) { \
	    if (d !~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]$$/) \
	        return sprintf("%c%c%c%c", 0, 0, 0, 128); \
	    y = substr(d, 1, 4) + 0; m = substr(d, 6, 2) + 0; if (m <= 2) y--; \
	    era = int(y / 400); yoe = y - era * 400; \
	    doe = yoe * 365 + int(yoe / 4) - int(yoe / 100) + \
	          int((153 * ((m + 9) % 12) + 2) / 5) + substr(d, 9, 2) - 1; \
	    n = era * 146097 + doe - 719468; if (n < 0) n += 4294967296; \
	    return sprintf("%c%c%c%c", n % 256, int(n / 256) % 256, int(n / 65536) % 256, \
	                   int(n / 16777216) % 256) }

# Seeds, written afresh on every run (inputs found earlier stay beside them):
#   reader: each example as plain text, as a news record and as a JSON line; each .cases file
#           as it is and turned into news records (one a case)
#   dict:   each dictionary file of data/, cut into pieces of about 40 lines (at entry starts
#           in .actors files), and the whole of the smaller files
#   code:   each example, and the story text of every corpus case
#   time:   a story day (4 bytes) and a text: each sentence of tests/time/expressions.txt
#           (brackets removed) with its story date, each corpus case's story with its date,
#           each example with 2021-08-31; and fuzz_time's own seeds
#   gazetteer: small gazetteers fuzz_gazetteer builds with the pl_geo_builder API
#   validate: each .cases file as a TABARI validation text (one record a case, its events
#           as "{ SRC / TGT / CODE }") and as PETRARCH XML records; and fuzz_validate's own
#           seeds (TABARI texts and a project file, PETRARCH records)
fuzz-corpus: $(FUZZ_DIR)/fuzz_time $(FUZZ_DIR)/fuzz_gazetteer $(FUZZ_DIR)/fuzz_validate
	@mkdir -p $(FUZZ_DIR)/corpus-reader $(FUZZ_DIR)/corpus-dict $(FUZZ_DIR)/corpus-code \
	    $(FUZZ_DIR)/corpus-time $(FUZZ_DIR)/corpus-gazetteer $(FUZZ_DIR)/corpus-validate \
	    $(FUZZ_DIR)/corpus-ptb
	@printf '(ROOT (S (NP (NNP Zedland)) (VP (VBD met) (NP (NNP Wyland))) (. .)))' \
	    >$(FUZZ_DIR)/corpus-ptb/seed-1
	@printf '(ROOT (S (NP (NNP Zedland)) (VP (VBD met) (NP (NNP Wyland)) (CC and) (VP (VBD condemned) (NP (NNP Wyland)))) (. .)))' \
	    >$(FUZZ_DIR)/corpus-ptb/seed-2
	@printf '(ROOT (S (NP (NNP Zedland)) (VP (VBZ is) (VP (IN about) (S (VP (TO to) (VP (VB meet) (NP (NNP Wyland))))))) (. .)))' \
	    >$(FUZZ_DIR)/corpus-ptb/seed-3
	@printf '(ROOT (S (S (NP (NNP Zedland)) (VP (VBD met) (NP (NNP Wyland)))) (CC and) (S (VP (VBD condemned) (NP (NP (NNP Wyland)) (SBAR (WHNP (WDT which)) (S (VP (VBD met)))))))))' \
	    >$(FUZZ_DIR)/corpus-ptb/seed-4
	@set -e; out=$(FUZZ_DIR)/corpus-reader; \
	for f in examples/*.txt; do \
	    n=$$(basename "$$f" .txt); \
	    cp "$$f" "$$out/seed-text-$$n"; \
	    { printf 'date 2021-08-31 %s\n' "$$n"; cat "$$f"; } >"$$out/seed-news-$$n"; \
	    awk -v id="$$n" 'BEGIN { ORS = "" } \
	        { gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); gsub(/\t/, "\\t"); \
	          t = t (NR > 1 ? "\\n" : "") $$0 } \
	        END { print "{\"id\": \"" id "\", \"date\": \"2021-08-31T09:00:00Z\", " \
	              "\"title\": \"" id "\", \"text\": \"" t "\", \"url\": null}\n" }' \
	        "$$f" >"$$out/seed-jsonl-$$n"; \
	done; \
	cat "$$out"/seed-jsonl-* >"$$out/seed-jsonl-all"; \
	for f in tests/corpus/*.cases; do \
	    n=$$(basename "$$f" .cases); \
	    cp "$$f" "$$out/seed-cases-$$n"; \
	    awk '/^== / { d = "2021-08-31"; name = substr($$0, 4); pending = 1; next } \
	         /^date: / { d = $$2; next } /^(#|->)/ { next } \
	         pending { print "date " d " " name; pending = 0 } { print }' \
	        "$$f" >"$$out/seed-newsrec-$$n"; \
	done
	@set -e; out=$(FUZZ_DIR)/corpus-dict; \
	for f in data/*; do \
	    [ -f "$$f" ] || continue; \
	    n=$$(basename "$$f"); \
	    if [ "$$(wc -c <"$$f")" -le 8192 ]; then cp "$$f" "$$out/seed-$$n"; fi; \
	    actors=0; case $$n in *.actors) actors=1 ;; esac; \
	    awk -v out="$$out/seed-$$n" -v actors=$$actors \
	        'function next_piece() { if (file != "") close(file); file = out "-" ++k; lines = 0 } \
	         BEGIN { next_piece() } \
	         lines >= 40 && (actors == 0 || /^= /) { next_piece() } \
	         { print > file; lines++ }' "$$f"; \
	done
	@set -e; out=$(FUZZ_DIR)/corpus-code; \
	for f in examples/*.txt; do cp "$$f" "$$out/seed-$$(basename "$$f" .txt)"; done; \
	for f in tests/corpus/*.cases; do \
	    awk -v out="$$out/seed-$$(basename "$$f" .cases)" \
	        '/^== / { if (file != "") close(file); file = out "-" ++k; next } \
	         /^(#|->|date: )/ || file == "" { next } { print > file }' "$$f"; \
	done
	@set -e; out=$(FUZZ_DIR)/corpus-time; \
	for t in time gazetteer validate; do \
	    PARLEY_FUZZ_WRITE_SEEDS=$(FUZZ_DIR)/corpus-$$t $(FUZZ_DIR)/fuzz_$$t \
	        >$(FUZZ_DIR)/seeds-$$t.log 2>&1 || { cat $(FUZZ_DIR)/seeds-$$t.log; exit 1; }; \
	done; \
	LC_ALL=C awk -v out="$$out/seed-expr" '$(FUZZ_AWK_DAY) \
	    /^#/ || !/\|/ { next } \
	    { split($$0, f, " [|] "); split(f[1], w, " "); s = f[2]; gsub(/[][]/, "", s); \
	      file = out "-" ++k; printf "%s%s", day4(w[1]), s > file; close(file) }' \
	    tests/time/expressions.txt; \
	for f in tests/corpus/*.cases; do \
	    LC_ALL=C awk -v out="$$out/seed-case-$$(basename "$$f" .cases)" '$(FUZZ_AWK_DAY) \
	        function flush() { if (file != "") { printf "%s%s", day4(d), t > file; close(file) } } \
	        /^== / { flush(); file = out "-" ++k; d = "2021-08-31"; t = ""; next } \
	        /^date: / { d = $$2; next } /^(#|->)/ || file == "" { next } \
	        { t = t $$0 "\n" } END { flush() }' "$$f"; \
	done; \
	for f in examples/*.txt; do \
	    { printf '\266\111\000\000'; cat "$$f"; } >"$$out/seed-example-$$(basename "$$f" .txt)"; \
	done
	@set -e; out=$(FUZZ_DIR)/corpus-validate; \
	for f in tests/corpus/*.cases; do \
	    n=$$(basename "$$f" .cases); \
	    awk 'function flush() { if (!open) return; \
	             if (ev == "") ev = "{---}"; print "/* " ev " */"; print ""; open = 0 } \
	         /^== / { flush(); k++; open = 1; ev = ""; d = "2021-08-31"; hdr = 0; next } \
	         /^date: / { d = $$2; next } /^#/ || !open { next } \
	         !hdr { printf "%s%s%s  CASE-%02d %s\n", substr(d, 3, 2), substr(d, 6, 2), \
	                       substr(d, 9, 2), k, "from the corpus"; hdr = 1 } \
	         /^-> none/ { next } \
	         /^-> / { ev = ev (ev == "" ? "" : " ") "{ " $$2 " / " $$3 " / " $$4 " }"; next } \
	         /^$$/ { next } { print } END { flush(); print "991231  FINAL-01"; print "The end." }' \
	        "$$f" >"$$out/seed-tabari-$$n"; \
	    awk 'function esc(s) { gsub(/&/, "\\&amp;", s); gsub(/</, "\\&lt;", s); \
	                           gsub(/>/, "\\&gt;", s); gsub(/"/, "\\&quot;", s); return s } \
	         function flush() { if (!open) return; \
	             printf "<Sentence date=\"%s\" id=\"%s\">\n", d, esc(name); \
	             printf "%s", codings; printf "  <Text>%s</Text>\n</Sentence>\n", esc(t); open = 0 } \
	         BEGIN { print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"; print "<Sentences-Root>"; \
	                 print "<Environment><Verbfile>fuzz.verbs</Verbfile><Actorfile>fuzz.actors" \
	                       "</Actorfile><Agentfile>fuzz.agents</Agentfile></Environment>"; \
	                 print "<Sentences>" } \
	         /^== / { flush(); open = 1; name = substr($$0, 4); d = "20210831"; t = ""; \
	                  codings = ""; next } \
	         /^date: / { d = $$2; gsub(/-/, "", d); next } /^#/ || !open { next } \
	         /^-> none/ { codings = codings "  <EventCoding noevents=\"True\"/>\n"; next } \
	         /^-> / { codings = codings sprintf("  <EventCoding sourcecode=\"%s\" " \
	                  "targetcode=\"%s\" eventcode=\"%s\"/>\n", esc($$2), esc($$3), esc($$4)); next } \
	         { t = t (t == "" ? "" : "\n") $$0 } \
	         END { flush(); print "</Sentences>"; print "</Sentences-Root>" }' \
	        "$$f" >"$$out/seed-petrarch-$$n"; \
	done

# Runs every target even when one fails, then fails if any did. A target's line in
# $(FUZZ_DIR)/results: "fuzz NAME: ok, N execs in S s" or "fuzz NAME: FAILED (...)".
fuzz: fuzz-build fuzz-corpus
	@rm -f $(FUZZ_DIR)/results; status=0; \
	for t in $(FUZZ_NAMES); do \
	    echo "== fuzz $$t: $(FUZZ_SECONDS) s, corpus $(FUZZ_DIR)/corpus-$$t"; \
	    ASAN_OPTIONS="$${ASAN_OPTIONS:+$$ASAN_OPTIONS:}detect_leaks=1" \
	    UBSAN_OPTIONS="$${UBSAN_OPTIONS:+$$UBSAN_OPTIONS:}print_stacktrace=1" \
	    $(FUZZ_DIR)/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -timeout=20 -rss_limit_mb=2560 \
	        -max_len=65536 -print_final_stats=1 -artifact_prefix=$(FUZZ_DIR)/$$t- \
	        $(FUZZ_FLAGS) $(FUZZ_DIR)/corpus-$$t >$(FUZZ_DIR)/$$t.log 2>&1; \
	    rc=$$?; \
	    execs=$$(sed -n 's/^stat::number_of_executed_units: *//p' $(FUZZ_DIR)/$$t.log | tail -n 1); \
	    secs=$$(sed -n 's/^stat::average_exec_per_sec: *//p' $(FUZZ_DIR)/$$t.log | tail -n 1); \
	    cov=$$(grep -E '^#[0-9]+.*(DONE|pulse|NEW|REDUCE).*cov: ' $(FUZZ_DIR)/$$t.log | tail -n 1 | \
	        sed -n 's/.*cov: \([0-9]*\).*/\1/p'); \
	    if [ $$rc -eq 0 ]; then \
	        line="fuzz $$t: ok, $${execs:-?} execs ($${secs:-?}/s), coverage $${cov:-?} edges"; \
	    else \
	        status=1; \
	        art=$$(sed -n 's/.*Test unit written to \(.*\)/\1/p' $(FUZZ_DIR)/$$t.log | tail -n 1); \
	        line="fuzz $$t: FAILED (exit $$rc) after $${execs:-?} execs: input $${art:-none saved}, log $(FUZZ_DIR)/$$t.log"; \
	        grep -E -m 1 'ERROR: (Address|Leak)Sanitizer|runtime error:|^fuzz_$$t: |deadly signal|timeout|out-of-memory' \
	            $(FUZZ_DIR)/$$t.log || true; \
	    fi; \
	    echo "$$line"; echo "$$line" >>$(FUZZ_DIR)/results; \
	done; \
	exit $$status
