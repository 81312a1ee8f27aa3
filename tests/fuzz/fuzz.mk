# tests/fuzz/fuzz.mk: libFuzzer targets, included by the Makefile (-include tests/fuzz/fuzz.mk).
# Uses the Makefile's CFLAGS_ALL, PKG_LIBS, LIB_SRC and B.
#
#   make fuzz-build                 builds $(B)/fuzz/fuzz_reader, fuzz_dict, fuzz_code
#   make fuzz [FUZZ_SECONDS=30]     builds them, writes their seed corpora, runs each one for
#                                   FUZZ_SECONDS seconds; fails if any of them found a crash
#
# Each target is compiled with clang -fsanitize=fuzzer,address,undefined together with the
# library's sources (LIB_SRC), the arena in malloc mode so that ASan sees every allocation.
# Seed corpora are written at fuzz time into $(B)/fuzz/corpus-{reader,dict,code} from the
# repository's own files (examples/*.txt, tests/corpus/*.cases, data/*); inputs the fuzzers
# find are added there and kept until `make clean`. Crash inputs are saved as
# $(B)/fuzz/TARGET-crash-SHA1 (or -leak-, -timeout-, -oom-), each run's log as
# $(B)/fuzz/TARGET.log, and one line a target in $(B)/fuzz/results.
# FUZZ_FLAGS adds libFuzzer options (e.g. FUZZ_FLAGS=-jobs=4), FUZZ_CC the compiler.

FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 30
FUZZ_FLAGS   ?=
FUZZ_DIR     := $(B)/fuzz
FUZZ_NAMES   := reader dict code
FUZZ_BINS    := $(FUZZ_NAMES:%=$(FUZZ_DIR)/fuzz_%)
FUZZ_SAN     := -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
                -fno-omit-frame-pointer -O1 -g -DPARLEY_ARENA_MALLOC

.PHONY: fuzz fuzz-build fuzz-corpus

fuzz-build: $(FUZZ_BINS)

$(FUZZ_DIR)/fuzz_%: tests/fuzz/fuzz_%.c $(LIB_SRC) $(wildcard include/*.h src/*/*.h)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  FUZZ    $@")
	$(Q)$(FUZZ_CC) $(CFLAGS_ALL) $(FUZZ_SAN) -o $@ $< $(LIB_SRC) $(PKG_LIBS)

# Seeds, written afresh on every run (inputs found earlier stay beside them):
#   reader: each example as plain text, as a news record and as a JSON line; each .cases file
#           as it is and turned into news records (one a case)
#   dict:   each dictionary file of data/, cut into pieces of about 40 lines (at entry starts
#           in .actors files), and the whole of the smaller files
#   code:   each example, and the story text of every corpus case
fuzz-corpus:
	@mkdir -p $(FUZZ_DIR)/corpus-reader $(FUZZ_DIR)/corpus-dict $(FUZZ_DIR)/corpus-code
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
