/* fuzz_dict.c: libFuzzer target for the dictionary loader and compiler.
 *
 * Loads the input with parley_ctx_load_dict_text() as each kind of dictionary file (.actors,
 * .agents, .verbs, .discards, .events) into one fresh context, compiles it, and when that
 * succeeds codes two stories with the result: a fixed one, and the input itself as a plain
 * text story (so that names and patterns the fuzzer writes can also match). The events must
 * keep the interface's promises (spans inside the text, sentence numbers in range, codes
 * set); a broken promise aborts, so libFuzzer keeps the input as a crash.
 *
 * A context loads WordNet's word lists, which takes tens of milliseconds: far too slow for
 * every input. So this target points WNSEARCHDIR at a miniature WordNet it writes beside the
 * fuzz binary (DIR/wordnet-mini/, from a fixed word list below) before the first input;
 * lemmas of other words are then the words themselves, which is all the loader needs.
 *
 * Built by tests/fuzz/fuzz.mk (`make fuzz`) with clang -fsanitize=fuzzer,address,undefined,
 * compiled together with the library's sources. */
#include "parley.h"

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz_dict: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    abort();
}

/* ---- a miniature WordNet ------------------------------------------------------------------ */

/* index.POS lines are "lemma pos ..."; POS.exc lines are "form base". */
static const char index_verb[] =
    "accuse v 1 1 @ 1 0 00000001  \n"
    "arrest v 1 1 @ 1 0 00000002  \n"
    "attack v 1 1 @ 1 0 00000003  \n"
    "call v 1 1 @ 1 0 00000004  \n"
    "condemn v 1 1 @ 1 0 00000005  \n"
    "criticize v 1 1 @ 1 0 00000006  \n"
    "discuss v 1 1 @ 1 0 00000007  \n"
    "hold v 1 1 @ 1 0 00000008  \n"
    "host v 1 1 @ 1 0 00000009  \n"
    "issue v 1 1 @ 1 0 00000010  \n"
    "meet v 1 1 @ 1 0 00000011  \n"
    "praise v 1 1 @ 1 0 00000012  \n"
    "say v 1 1 @ 1 0 00000013  \n"
    "sign v 1 1 @ 1 0 00000014  \n"
    "talk v 1 1 @ 1 0 00000015  \n"
    "threaten v 1 1 @ 1 0 00000016  \n"
    "travel v 1 1 @ 1 0 00000017  \n"
    "urge v 1 1 @ 1 0 00000018  \n"
    "visit v 1 1 @ 1 0 00000019  \n";
static const char index_noun[] =
    "agreement n 1 1 @ 1 0 00000101  \n"
    "army n 1 1 @ 1 0 00000102  \n"
    "government n 1 1 @ 1 0 00000103  \n"
    "man n 1 1 @ 1 0 00000104  \n"
    "minister n 1 1 @ 1 0 00000105  \n"
    "official n 1 1 @ 1 0 00000106  \n"
    "police n 1 1 @ 1 0 00000107  \n"
    "president n 1 1 @ 1 0 00000108  \n"
    "rebel n 1 1 @ 1 0 00000109  \n"
    "soldier n 1 1 @ 1 0 00000110  \n"
    "statement n 1 1 @ 1 0 00000111  \n"
    "talk n 1 1 @ 1 0 00000112  \n"
    "troop n 1 1 @ 1 0 00000113  \n"
    "visit n 1 1 @ 1 0 00000114  \n";
static const char verb_exc[] = "held hold\nmet meet\nsaid say\n";
static const char noun_exc[] = "men man\n";

static int write_file(const char *dir, const char *name, const char *text)
{
    char path[4200], tmp[4300];
    int n = snprintf(path, sizeof path, "%s/%s", dir, name);
    if (n < 0 || (size_t)n >= sizeof path) return -1;
    n = snprintf(tmp, sizeof tmp, "%s.%ld", path, (long)getpid());
    if (n < 0 || (size_t)n >= sizeof tmp) return -1;
    FILE *f = fopen(tmp, "w");
    if (!f) return -1;
    int ok = fputs(text, f) >= 0;
    ok = (fclose(f) == 0) && ok;
    /* Renamed into place: fuzzers run in parallel (-jobs) may write it at the same time. */
    return ok && rename(tmp, path) == 0 ? 0 : -1;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    static char dir[4096];
    const char *self = *argv && (*argv)[0] ? (*argv)[0] : "";
    const char *slash = strrchr(self, '/');
    if (slash) snprintf(dir, sizeof dir, "%.*s/wordnet-mini", (int)(slash - self), self);
    else snprintf(dir, sizeof dir, "wordnet-mini");
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) fail("cannot create", dir);
    if (write_file(dir, "index.verb", index_verb) || write_file(dir, "index.noun", index_noun) ||
        write_file(dir, "verb.exc", verb_exc) || write_file(dir, "noun.exc", noun_exc))
        fail("cannot write the miniature WordNet in", dir);
    setenv("WNSEARCHDIR", dir, 1);
    return 0;
}

/* ---- the target --------------------------------------------------------------------------- */

static void diag(void *user, parley_severity sev, const char *file, long line,
                 const char *message)
{
    (void)user;
    (void)file;
    if (sev != PARLEY_WARNING && sev != PARLEY_ERROR) fail("diagnostic of unknown severity", NULL);
    if (line < 0) fail("diagnostic with a negative line", NULL);
    if (!message) fail("diagnostic without a message", NULL);
}

static FILE *sink(void)
{
    static FILE *null_out;
    if (!null_out && !(null_out = fopen("/dev/null", "w"))) fail("cannot open /dev/null", NULL);
    return null_out;
}

static void check_events(const parley_story *story, const parley_events *events)
{
    size_t n = parley_events_count(events), sentences = parley_events_sentences(events);
    size_t len = parley_story_text_len(story);
    for (size_t i = 0; i < n; i++) {
        const parley_event *e = parley_events_get(events, i);
        if (!e) fail("parley_events_get returned NULL", NULL);
        if (!e->code || !*e->code) fail("event without a code", NULL);
        if (e->sentence < 1 || e->sentence > sentences) fail("event sentence out of range", NULL);
        if (e->span_start > e->span_end || e->span_end > len) fail("event span outside the text", NULL);
        if (e->quad_class < 0 || e->quad_class > 4) fail("event quad class out of range", NULL);
    }
    if (parley_write_events(sink(), PARLEY_OUTPUT_JSONL, story, events) != PARLEY_OK ||
        parley_write_events(sink(), PARLEY_OUTPUT_TABLE, story, events) != PARLEY_OK)
        fail("writing events failed", NULL);
}

static void code_story(parley_ctx *ctx, parley_story *story)
{
    parley_events *events = NULL;
    parley_status st = parley_code(ctx, story, &events);
    if (st == PARLEY_OK) {
        if (!events) fail("PARLEY_OK without events", NULL);
        check_events(story, events);
        parley_events_free(events);
    } else if (st != PARLEY_ENOMEM) {
        fail("parley_code failed on a compiled context", parley_status_str(st));
    }
}

static const char fixed_text[] =
    "Japanese Prime Minister Taro Yamada met with Chinese President Li Wei in Beijing on "
    "Monday. The two leaders issued a joint statement. Zedland's army attacked rebels near "
    "the border, the government said.\n\nIn Tokyo, police arrested three men. NATO urged "
    "Russia to hold talks with Ukraine.";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const names[] = {"fuzz.actors", "fuzz.agents", "fuzz.verbs",
                                        "fuzz.discards", "fuzz.events"};
    parley_ctx *ctx = parley_ctx_new();
    if (!ctx) return 0;
    parley_ctx_set_diag(ctx, diag, NULL);
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        parley_status st = parley_ctx_load_dict_text(ctx, names[i], (const char *)data, size);
        if (st != PARLEY_OK && st != PARLEY_ENOMEM && st != PARLEY_EDICT)
            fail("parley_ctx_load_dict_text", parley_status_str(st));
    }
    parley_dict_stats stats;
    parley_ctx_dict_stats(ctx, &stats);
    if (parley_ctx_compile(ctx) == PARLEY_OK) {
        parley_story *story = parley_story_new("fixed", "2021-08-31", "", fixed_text,
                                               sizeof fixed_text - 1);
        if (story) {
            code_story(ctx, story);
            parley_story_free(story);
        }
        /* The input as a story, repaired as a reader repairs it. */
        parley_reader_opts opts = {PARLEY_FORMAT_TEXT, "2021-08-31", NULL, NULL};
        parley_reader *reader = NULL;
        if (parley_reader_open_mem(&reader, "input", (const char *)data, size, &opts) ==
            PARLEY_OK) {
            story = NULL;
            if (parley_reader_next(reader, &story) == PARLEY_OK && story) {
                code_story(ctx, story);
                parley_story_free(story);
            }
            parley_reader_free(reader);
        }
    }
    parley_ctx_free(ctx);
    return 0;
}
