/* fuzz_code.c: libFuzzer target for the coder.
 *
 * Loads a small fixed dictionary (below: countries with adjectives, capitals and places, an
 * IGO, people with dated codes, agents, verb patterns with $ + % and *, discards and event
 * codes) once, then reads each input as a plain-text story with parley_reader_open_mem()
 * (PARLEY_FORMAT_TEXT: invalid UTF-8 is repaired exactly as the command's readers do), codes
 * it, checks the events and writes them in both formats. The story date (none, inside the
 * people's ranges, outside them) and the coder's options (code_opts_for) depend on the
 * input's length, so dated codes and every option are exercised.
 *
 * Checked besides the sanitizers, as the interface promises: every event has a code of 2 to
 * 4 digits, a sentence between 1 and the story's sentence count, a span inside the text on
 * UTF-8 character boundaries, a quad class 0-4, valid UTF-8 in its strings; the writers
 * succeed. A broken promise aborts, so libFuzzer keeps the input as a crash.
 *
 * PARLEY_FUZZ_DICT=PATH (a parley_ctx_load_dict() path, e.g. data:build/dict) loads those
 * dictionaries instead of the fixed one.
 *
 * Built by tests/fuzz/fuzz.mk (`make fuzz`) with clang -fsanitize=fuzzer,address,undefined,
 * compiled together with the library's sources. */
#include "parley.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8_check.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz_code: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    abort();
}

/* ---- the fixed dictionary ----------------------------------------------------------------- */

static const char actors[] =
    "= JPN\n"
    "  type: country\n"
    "  code: JPN\n"
    "  name: Japan; Nippon\n"
    "  adj: Japanese\n"
    "  demonym: Japanese\n"
    "  capital: Tokyo\n"
    "  place: Osaka; Okinawa\n"
    "\n"
    "= CHN\n"
    "  type: country\n"
    "  code: CHN\n"
    "  name: China; People's Republic of China; PRC\n"
    "  adj: Chinese\n"
    "  capital: Beijing\n"
    "  place: Shanghai\n"
    "\n"
    "= USA\n"
    "  type: country\n"
    "  code: USA\n"
    "  name: United States; U.S.; US; America\n"
    "  adj: American; U.S.\n"
    "  capital: Washington\n"
    "\n"
    "= RUS\n"
    "  type: country\n"
    "  code: RUS\n"
    "  name: Russia\n"
    "  adj: Russian\n"
    "  capital: Moscow\n"
    "\n"
    "= UKR\n"
    "  type: country\n"
    "  code: UKR\n"
    "  name: Ukraine\n"
    "  adj: Ukrainian\n"
    "  capital: Kyiv; Kiev\n"
    "\n"
    "= NATO\n"
    "  type: igo\n"
    "  code: IGOWSTNAT\n"
    "  name: NATO; Nato; North Atlantic Treaty Organization\n"
    "\n"
    "= JOHN_KERRY\n"
    "  type: person\n"
    "  country: USA\n"
    "  name: John Kerry; Kerry\n"
    "  code: USALEG 1985-01-03..2013-02-01\n"
    "  code: USAGOV 2013-02-01..2017-01-20\n"
    "  code: USAGOV 2021-01-20..2024-03-06\n"
    "\n"
    "= TARO_YAMADA\n"
    "  type: person\n"
    "  country: JPN\n"
    "  name: Taro Yamada; Yamada\n"
    "  code: JPNGOV 2020-01-01..\n"
    "  code: JPNLEG\n";

static const char agents[] =
    "GOV: government; minister; prime minister; foreign minister; president; envoy; "
    "official; spokesman; counterpart; leader\n"
    "MIL: army; military; troops; soldier; navy\n"
    "COP: police; police officer\n"
    "REB: rebels; insurgents; militants\n"
    "LEG: parliament; lawmaker; senator\n";

static const char verbs[] =
    "010  % issue * joint statement\n"
    "020  $ urge +\n"
    "020  $ call on +\n"
    "036  $ plan to visit +\n"
    "040  $ meet with +\n"
    "040  $ meet +\n"
    "040  $ hold * talks with +\n"
    "040  % meet\n"
    "041  $ call +\n"
    "042  $ travel to +\n"
    "042  $ visit +\n"
    "043  $ host +\n"
    "051  $ praise +\n"
    "057  % sign * agreement\n"
    "111  $ criticize +\n"
    "112  $ accuse +\n"
    "122  $ condemn +\n"
    "138  $ threaten to attack +\n"
    "173  $ arrest +\n"
    "190  $ attack +\n"
    "190  $ clash with +\n";

static const char discards[] =
    "sentence: World Cup; stock market; box office\n"
    "story: horoscope\n";

static const char event_codes[] =
    "010  0.0  1  Make statement, not specified below\n"
    "020  3.0  1  Appeal, not specified below\n"
    "036  4.0  1  Express intent to meet or negotiate\n"
    "040  1.0  1  Consult, not specified below\n"
    "041  1.0  1  Discuss by telephone\n"
    "042  1.9  1  Make a visit\n"
    "043  2.8  1  Host a visit\n"
    "051  3.4  1  Praise or endorse\n"
    "057  8.0  1  Sign formal agreement\n"
    "111  -2.0  3  Criticize or denounce\n"
    "112  -2.0  3  Accuse, not specified below\n"
    "122  -2.0  3  Condemn\n"
    "138  -7.0  3  Threaten with military force\n"
    "173  -5.0  4  Arrest, detain, or charge with legal action\n"
    "190  -10.0  4  Use conventional military force\n";

static parley_ctx *ctx;
static FILE *null_out;

static void quiet(void *user, parley_severity sev, const char *file, long line,
                  const char *message)
{
    (void)user;
    (void)sev;
    (void)file;
    (void)line;
    (void)message;
}

static void loud(void *user, parley_severity sev, const char *file, long line,
                 const char *message)
{
    (void)user;
    fprintf(stderr, "fuzz_code: %s:%ld: %s: %s\n", file ? file : "?", line,
            sev == PARLEY_ERROR ? "error" : "warning", message);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    static const struct {
        const char *name, *text;
    } files[] = {{"fixed.actors", actors},
                 {"fixed.agents", agents},
                 {"fixed.verbs", verbs},
                 {"fixed.discards", discards},
                 {"fixed.events", event_codes}};
    ctx = parley_ctx_new();
    if (!ctx) fail("parley_ctx_new", "out of memory");
    parley_ctx_set_diag(ctx, loud, NULL);
    const char *path = getenv("PARLEY_FUZZ_DICT");
    if (path && *path) {
        if (parley_ctx_load_dict(ctx, path) != PARLEY_OK) fail(path, parley_errmsg(ctx));
    } else {
        for (size_t i = 0; i < sizeof files / sizeof *files; i++)
            if (parley_ctx_load_dict_text(ctx, files[i].name, files[i].text,
                                          strlen(files[i].text)) != PARLEY_OK)
                fail(files[i].name, parley_errmsg(ctx));
        parley_dict_stats st;
        parley_ctx_dict_stats(ctx, &st);
        if (st.warnings || st.errors) fail("the fixed dictionary has broken lines", NULL);
    }
    if (parley_ctx_compile(ctx) != PARLEY_OK) fail("parley_ctx_compile", parley_errmsg(ctx));
    parley_ctx_set_diag(ctx, quiet, NULL);
    null_out = fopen("/dev/null", "w");
    if (!null_out) fail("cannot open /dev/null", NULL);
    return 0;
}

/* ---- checks ------------------------------------------------------------------------------- */

static void check_string(const char *what, const char *s)
{
    if (s && !utf8_valid((const unsigned char *)s, strlen(s))) fail(what, "not valid UTF-8");
}

static void check_actor(const char *what, const parley_actor *a)
{
    check_string(what, a->text);
    check_string(what, a->code);
    check_string(what, a->country);
    check_string(what, a->agent);
    check_string(what, a->actor);
}

static void check_event(const parley_event *e, const char *text, size_t len, size_t sentences)
{
    if (!e) fail("parley_events_get returned NULL", NULL);
    size_t n = e->code ? strlen(e->code) : 0;
    if (n < 2 || n > 4 || strspn(e->code, "0123456789") != n)
        fail("event code is not 2-4 digits", e->code);
    if (e->root && (strlen(e->root) != 2 || strncmp(e->root, e->code, 2) != 0))
        fail("event root is not the code's first two digits", e->root);
    if (e->sentence < 1 || e->sentence > sentences) fail("event sentence out of range", NULL);
    if (e->span_start > e->span_end || e->span_end > len) fail("event span outside the text", NULL);
    if ((e->span_start < len && ((unsigned char)text[e->span_start] & 0xC0) == 0x80) ||
        (e->span_end < len && ((unsigned char)text[e->span_end] & 0xC0) == 0x80))
        fail("event span cuts a UTF-8 character", NULL);
    if (e->quad_class < 0 || e->quad_class > 4) fail("event quad class out of range", NULL);
    if (e->has_goldstein && (e->goldstein < -10.0 || e->goldstein > 10.0))
        fail("event Goldstein value out of range", NULL);
    check_actor("source", &e->source);
    check_actor("target", &e->target);
    check_string("code name", e->code_name);
    check_string("pattern", e->pattern);
    if (e->place) check_string("place", e->place->name);
}

/* ---- the target --------------------------------------------------------------------------- */

/* The coder's options, chosen by the input's length so that each is exercised: the
 * defaults; PETRARCH's unknown sides; TABARI's conventions with every one of its settings
 * (they re-analyse sentences without comma clauses and search whole clauses for sides);
 * one verb per sentence with story dates. */
static const parley_code_opts *code_opts_for(size_t size)
{
    static const parley_code_opts variants[] = {
        {.flags = 0},
        {.flags = PARLEY_CODE_PARTIAL | PARLEY_CODE_AGENT_ONLY},
        {.flags = PARLEY_CODE_BY_CLAUSE | PARLEY_CODE_SOURCE_AFTER | PARLEY_CODE_TARGET_BEFORE |
                  PARLEY_CODE_FORWARD_ACTOR | PARLEY_CODE_SKIP_UNKNOWN |
                  PARLEY_CODE_CLAUSE_SOURCE | PARLEY_CODE_ADJACENT_ROLES,
         .default_source = "DEFSRC",
         .default_target = "DEFTAR",
         .min_words = 4,
         .commas = {2, 10, 2, 10, 0, 0}},
        {.flags = PARLEY_CODE_BY_SENTENCE | PARLEY_CODE_STORY_DATES},
    };
    return &variants[size / 3 % (sizeof variants / sizeof *variants)];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const dates[] = {NULL, "2021-08-31", "1979-05-04"};
    parley_reader_opts opts = {PARLEY_FORMAT_TEXT, dates[size % 3], NULL, NULL};
    parley_reader *reader = NULL;
    if (parley_reader_open_mem(&reader, "fuzz", (const char *)data, size, &opts) != PARLEY_OK)
        return 0;
    parley_story *story = NULL;
    if (parley_reader_next(reader, &story) != PARLEY_OK || !story) {
        parley_reader_free(reader);
        return 0;
    }
    parley_events *events = NULL;
    parley_status st = parley_code_with(ctx, story, code_opts_for(size), &events);
    if (st == PARLEY_OK) {
        if (!events) fail("PARLEY_OK without events", NULL);
        const char *text = parley_story_text(story);
        size_t len = parley_story_text_len(story);
        size_t n = parley_events_count(events), sentences = parley_events_sentences(events);
        for (size_t i = 0; i < n; i++)
            check_event(parley_events_get(events, i), text, len, sentences);
        if (parley_write_events(null_out, PARLEY_OUTPUT_JSONL, story, events) != PARLEY_OK ||
            parley_write_events(null_out, PARLEY_OUTPUT_TABLE, story, events) != PARLEY_OK)
            fail("writing events failed", NULL);
        parley_events_free(events);
    } else if (st != PARLEY_ENOMEM) {
        fail("parley_code failed", parley_status_str(st));
    }
    parley_story_free(story);
    parley_reader_free(reader);
    return 0;
}
