/* test_tools.c: the dictionary maintainers' tools. parley_dict_check on small dictionaries
 * written here, each with a known set of findings (file, line, severity, words of the
 * message); parley_dict_lookup's answers (a person inside and outside office, a role placed
 * by the sentence, where entries are written); parley_ctx_dict_stats' counts; the unknown
 * names and verbs of parley_code_with and of the per-sentence hook. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "code/tools.h"
#include "parley.h"

/* ---- helpers ----------------------------------------------------------------------------- */

/* Findings as "file:line: error|warning: message" lines. */
typedef struct findings {
    char lines[64][512];
    size_t n;
} findings;

static void collect(void *user, parley_severity sev, const char *file, long line, const char *msg)
{
    findings *f = user;
    if (f->n < 64)
        snprintf(f->lines[f->n++], sizeof f->lines[0], "%s:%ld: %s: %s", file ? file : "-", line,
                 sev == PARLEY_ERROR ? "error" : "warning", msg);
}

/* The number of findings that start with `prefix` ("t.actors:3: error") and contain every
 * one of the words after it (NULL-terminated). */
static size_t count_found(const findings *f, const char *prefix, ...)
{
    size_t hits = 0;
    for (size_t i = 0; i < f->n; i++) {
        if (strncmp(f->lines[i], prefix, strlen(prefix))) continue;
        va_list ap;
        va_start(ap, prefix);
        int all = 1;
        for (const char *w; (w = va_arg(ap, const char *));)
            if (!strstr(f->lines[i], w)) all = 0;
        va_end(ap);
        hits += all;
    }
    return hits;
}

static void dump(const findings *f)
{
    for (size_t i = 0; i < f->n; i++) print_message("  %s\n", f->lines[i]);
}

static parley_ctx *ctx_with(const char *const *names, const char *const *texts)
{
    parley_ctx *ctx = parley_ctx_new();
    assert_non_null(ctx);
    for (size_t i = 0; names[i]; i++)
        assert_int_equal(parley_ctx_load_dict_text(ctx, names[i], texts[i], strlen(texts[i])),
                         PARLEY_OK);
    return ctx;
}

static parley_check_counts check(parley_ctx *ctx, findings *f)
{
    parley_check_counts counts = {99, 99};
    memset(f, 0, sizeof *f);
    assert_int_equal(parley_dict_check(ctx, collect, f, &counts), PARLEY_OK);
    assert_int_equal(counts.warnings + counts.errors, f->n);
    return counts;
}

static const char countries[] =
    "= ZED\n  type: country\n  code: ZED\n  name: Zedland\n  adj: Zedish\n  capital: Zedburg\n"
    "= WYL\n  type: country\n  code: WYL\n  name: Wyland\n  adj: Wylish\n  capital: Wyburg\n";

/* ---- check ------------------------------------------------------------------------------- */

static void test_check_clean(void **state)
{
    (void)state;
    const char *names[] = {"c.actors", "t.agents", NULL};
    const char *texts[] = {countries, "GOV: minister; government\nMIL: army\n"};
    parley_ctx *ctx = ctx_with(names, texts);
    findings f;
    parley_check_counts n = check(ctx, &f);
    dump(&f);
    assert_int_equal(n.errors, 0);
    assert_int_equal(n.warnings, 0);
    parley_ctx_free(ctx);
}

static void test_check_duplicate_phrases(void **state)
{
    (void)state;
    static const char actors[] =
        "= ZED\n"                                   /* 1 */
        "  type: country\n"                         /* 2 */
        "  code: ZED\n"                             /* 3 */
        "  name: Zedland; Zed Land; Zedland\n"      /* 4: twice on this line */
        "  adj: Zedland\n"                          /* 5: another kind: no finding */
        "  name: zed   land\n"                      /* 6: case rule differs: no finding */
        "  name: Zed  Land\n";                      /* 7: reads as line 4's "Zed Land" */
    const char *names[] = {"t.actors", NULL};
    const char *texts[] = {actors};
    parley_ctx *ctx = ctx_with(names, texts);
    findings f;
    parley_check_counts n = check(ctx, &f);
    dump(&f);
    assert_int_equal(n.errors, 0);
    assert_int_equal(n.warnings, 2);
    assert_int_equal(count_found(&f, "t.actors:4: warning", "'Zedland'", "twice", "name of ZED",
                                 "earlier on this line", NULL), 1);
    assert_int_equal(count_found(&f, "t.actors:7: warning", "'Zed  Land'", "first at t.actors:4",
                                 NULL), 1);
    parley_ctx_free(ctx);
}

static void test_check_phrase_of_two_entries(void **state)
{
    (void)state;
    static const char actors[] =
        "= GEO\n  type: country\n  code: GEO\n  name: Georgia\n"               /* 1-4 */
        "= GEORGIA_STATE\n  type: state\n  code: USA\n  name: Georgia\n"       /* 5-8: error */
        "= ZED_RIVER\n  type: place\n  code: ZED\n  place: Zedriver\n"         /* 9-12 */
        "= ZED_TOWN\n  type: place\n  code: ZED\n  place: Zedriver\n"          /* 13-16: same */
        "= WYL_TOWN\n  type: place\n  code: WYL\n  name: Zedriver\n";          /* 17-20: name */
    const char *names[] = {"c.actors", "usa.actors", "t.actors", NULL};
    const char *texts[] = {countries, "= USA\n  type: country\n  code: USA\n", actors};
    parley_ctx *ctx = ctx_with(names, texts);
    findings f;
    parley_check_counts n = check(ctx, &f);
    dump(&f);
    assert_int_equal(count_found(&f, "t.actors:8: error", "'Georgia'", "GEORGIA_STATE", "GEO",
                                 "t.actors:4", "USA / GEO", NULL), 1);
    assert_int_equal(count_found(&f, "t.actors:16: warning", "'Zedriver'", "ZED_TOWN",
                                 "ZED_RIVER", "the same codes", NULL), 1);
    /* A name and a place say different things: a warning, once for each earlier entry. */
    assert_int_equal(count_found(&f, "t.actors:20: warning", "'Zedriver'", "a name of WYL_TOWN",
                                 NULL), 2);
    assert_int_equal(n.errors, 1);
    assert_int_equal(n.warnings, 3);
    parley_ctx_free(ctx);
}

static void test_check_date_ranges(void **state)
{
    (void)state;
    static const char actors[] =
        "= ZED\n  type: country\n  code: ZED\n"                                /* 1-3 */
        "= ANNA\n"                                                             /* 4 */
        "  type: person\n"                                                     /* 5 */
        "  code: ZEDLEG 2001-01-01..2005-12-31\n"                              /* 6 */
        "  code: ZEDGOV 2005-12-31..2010-01-01\n"                              /* 7: handover */
        "  code: ZEDMIL 2009-06-01..2012-01-01\n"                              /* 8: error */
        "  code: ZEDMIL 2011-01-01..2013-01-01\n"                              /* 9: warning */
        "  code: ZEDELI\n"                                                     /* 10: fallback */
        "  code: ZEDOPP\n";                                                    /* 11: error */
    const char *names[] = {"t.actors", NULL};
    const char *texts[] = {actors};
    parley_ctx *ctx = ctx_with(names, texts);
    findings f;
    parley_check_counts n = check(ctx, &f);
    dump(&f);
    assert_int_equal(count_found(&f, "t.actors:8: error", "ANNA", "ZEDMIL", "ZEDGOV", "line 7",
                                 "from 2009-06-01 to 2010-01-01", NULL), 1);
    assert_int_equal(count_found(&f, "t.actors:9: warning", "ZEDMIL", "overlap", "line 8", NULL),
                     1);
    assert_int_equal(count_found(&f, "t.actors:11: error", "undated", "ZEDOPP", "ZEDELI", NULL), 1);
    assert_int_equal(count_found(&f, "t.actors:7:", NULL), 0);
    assert_int_equal(n.errors, 2);
    assert_int_equal(n.warnings, 1);
    parley_ctx_free(ctx);
}

static void test_check_country_and_agent_codes(void **state)
{
    (void)state;
    static const char people[] =
        "= BOB\n  type: person\n  country: QQQ\n"                              /* 1-3: error */
        "  code: XYZGOV 2001-01-01..2002-01-01\n"                              /* 4: error */
        "  code: ZEDXYZ 2003-01-01..2004-01-01\n"                              /* 5: warning */
        "  code: IGOUNO 2005-01-01..2006-01-01\n"                              /* 6: generic */
        "  code: ZEDINSTAL 2007-01-01..2008-01-01\n";                          /* 7: an org code */
    static const char agents[] = "GOV: minister\nFOO: thing; other thing\nMIL: minister\n";
    const char *names[] = {"c.actors", "p.actors", "t.agents", NULL};
    const char *texts[] = {countries, people, agents};
    parley_ctx *ctx = ctx_with(names, texts);
    findings f;
    parley_check_counts n = check(ctx, &f);
    dump(&f);
    assert_int_equal(count_found(&f, "p.actors:1: error", "QQQ", "BOB", NULL), 1);
    assert_int_equal(count_found(&f, "p.actors:4: error", "XYZGOV", "XYZ is no known", NULL), 1);
    assert_int_equal(count_found(&f, "p.actors:5: warning", "ZEDXYZ", "XYZ is not a CAMEO agent",
                                 NULL), 1);
    assert_int_equal(count_found(&f, "t.agents:2: warning", "FOO", "not a CAMEO agent", NULL), 1);
    assert_int_equal(count_found(&f, "t.agents:3: error", "'minister'", "MIL", "GOV",
                                 "t.agents:1", NULL), 1);
    assert_int_equal(n.errors, 3);
    assert_int_equal(n.warnings, 2);
    parley_ctx_free(ctx);

    /* With no country loaded, country parts are not judged. */
    const char *alone[] = {"p.actors", NULL};
    const char *alone_text[] = {people};
    ctx = ctx_with(alone, alone_text);
    n = check(ctx, &f);
    dump(&f);
    assert_int_equal(n.errors + n.warnings, 0);
    parley_ctx_free(ctx);
}

static void test_check_verb_patterns(void **state)
{
    (void)state;
    static const char verbs[] =
        "040  $ meet with +\n"      /* 1 */
        "040  $ meet  with +\n"     /* 2: the same: warning */
        "041  $ met with +\n"       /* 3: same words (by lemma), other code: error */
        "999  $ praise +\n"         /* 4: not in the table: error */
        "042:777  $ visit +\n"      /* 5: second code not in the table */
        "040  % meet with\n";       /* 6: another shape */
    static const char events[] = "040 1.0 1 Consult\n041 1.0 1 Discuss\n042 1.9 1 Visit\n";
    const char *names[] = {"t.verbs", "t.events", NULL};
    const char *texts[] = {verbs, events};
    parley_ctx *ctx = ctx_with(names, texts);
    findings f;
    parley_check_counts n = check(ctx, &f);
    dump(&f);
    assert_int_equal(count_found(&f, "t.verbs:2: warning", "repeats", "t.verbs:1", NULL), 1);
    assert_int_equal(count_found(&f, "t.verbs:3: error", "'$ met with +' (041)", "t.verbs:1",
                                 "file order decides", NULL), 1);
    assert_int_equal(count_found(&f, "t.verbs:4: error", "999", "not in the event table", NULL), 1);
    assert_int_equal(count_found(&f, "t.verbs:5: error", "777", NULL), 1);
    assert_int_equal(n.errors, 3);
    assert_int_equal(n.warnings, 1);
    parley_ctx_free(ctx);

    /* No event table: codes are not judged, duplicates still are. */
    const char *only[] = {"t.verbs", NULL};
    const char *only_text[] = {verbs};
    ctx = ctx_with(only, only_text);
    n = check(ctx, &f);
    assert_int_equal(n.errors, 1);
    assert_int_equal(n.warnings, 1);
    parley_ctx_free(ctx);
}

/* Load messages come back as findings, and everything is sorted by file, then line. */
static void test_check_sorted_with_load_errors(void **state)
{
    (void)state;
    static const char b_verbs[] = "040  $ meet +\nnot a pattern\n040  $ meet +\n";
    static const char a_actors[] = "= ZED\n  type: country\n  code: ZED\n  name: Zed; Zed\n"
                                   "  bogus line\n";
    const char *names[] = {"b.verbs", "a.actors", NULL};
    const char *texts[] = {b_verbs, a_actors};
    parley_ctx *ctx = ctx_with(names, texts);
    findings f;
    check(ctx, &f);
    dump(&f);
    assert_int_equal(f.n, 4);
    assert_int_equal(count_found(&f, "a.actors:4: warning", "twice", NULL), 1);
    assert_true(strncmp(f.lines[0], "a.actors:4:", 11) == 0);
    assert_true(strncmp(f.lines[1], "a.actors:5: error: expected 'key: value'", 40) == 0);
    assert_true(strncmp(f.lines[2], "b.verbs:2: error", 16) == 0);
    assert_true(strncmp(f.lines[3], "b.verbs:3: warning", 18) == 0);
    parley_ctx_free(ctx);
}

static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

/* A directory read again from disk, in load order; a file gone since is an I/O error. */
static void test_check_directory(void **state)
{
    (void)state;
    char dir[] = "/tmp/test_tools.XXXXXX", path[128];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/z.actors", dir);
    write_file(path, countries);
    snprintf(path, sizeof path, "%s/a.actors", dir);
    write_file(path, "# people\n= ANN\n  type: person\n  name: Ann Smith; Ann Smith\n"
                     "  code: ZEDGOV\n");
    snprintf(path, sizeof path, "%s/t.agents", dir);
    write_file(path, "GOV: minister\nGOV: minister\n");
    parley_ctx *ctx = parley_ctx_new();
    assert_int_equal(parley_ctx_load_dict(ctx, dir), PARLEY_OK);
    findings f;
    parley_check_counts n = check(ctx, &f);
    dump(&f);
    snprintf(path, sizeof path, "%s/a.actors:4: warning", dir);
    assert_int_equal(count_found(&f, path, "'Ann Smith'", NULL), 1);
    snprintf(path, sizeof path, "%s/t.agents:2: warning", dir);
    assert_int_equal(count_found(&f, path, "'minister'", "twice", "first at t.agents:1", NULL), 1);
    assert_int_equal(n.warnings, 2);
    assert_int_equal(n.errors, 0);
    parley_ctx_free(ctx);
    /* A file named on its own and gone since cannot be read again. */
    ctx = parley_ctx_new();
    snprintf(path, sizeof path, "%s/t.agents", dir);
    assert_int_equal(parley_ctx_load_dict(ctx, path), PARLEY_OK);
    unlink(path);
    assert_int_equal(parley_dict_check(ctx, collect, &f, NULL), PARLEY_EIO);
    assert_non_null(strstr(parley_errmsg(ctx), "t.agents"));
    parley_ctx_free(ctx);
    snprintf(path, sizeof path, "%s/a.actors", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/z.actors", dir);
    unlink(path);
    rmdir(dir);
}

static void test_check_nothing_loaded(void **state)
{
    (void)state;
    parley_ctx *ctx = parley_ctx_new();
    parley_check_counts n;
    assert_int_equal(parley_dict_check(ctx, NULL, NULL, &n), PARLEY_EDICT);
    assert_int_equal(parley_dict_check(NULL, NULL, NULL, &n), PARLEY_EINVAL);
    parley_ctx_free(ctx);
}

/* ---- lookup ------------------------------------------------------------------------------ */

static const char people[] =
    "= ZED\n  type: country\n  code: ZED\n  name: Zedland\n  adj: Zedish\n  capital: Zedburg\n"
    "= ANNA_BELL\n"                                 /* 7 */
    "  type: person\n"
    "  country: ZED\n"
    "  name: Anna Bell\n"                           /* 10 */
    "  code: ZEDGOV 2020-01-01..2021-12-31\n";
static const char agents[] = "MIL: army\nGOV: prime minister; minister\n";

typedef struct answers {
    parley_lookup_item items[16];
    char texts[16][5][160];  /* text, why, code, file, entry copied */
    size_t n;
} answers;

static void keep(char *dst, const char *src)
{
    snprintf(dst, 160, "%s", src ? src : "(null)");
}

static void answer(void *user, const parley_lookup_item *it)
{
    answers *a = user;
    if (a->n >= 16) return;
    a->items[a->n] = *it;
    keep(a->texts[a->n][0], it->text);
    keep(a->texts[a->n][1], it->why);
    keep(a->texts[a->n][2], it->what == PARLEY_LOOKUP_ENTRY ? it->code : it->actor.code);
    keep(a->texts[a->n][3], it->file);
    keep(a->texts[a->n][4], it->what == PARLEY_LOOKUP_ENTRY ? it->entry : it->actor.actor);
    print_message("  %s '%s' code=%s file=%s:%ld entry=%s: %s\n",
                  it->what == PARLEY_LOOKUP_ENTRY ? "entry" : "actor", a->texts[a->n][0],
                  a->texts[a->n][2], a->texts[a->n][3], it->line, a->texts[a->n][4],
                  a->texts[a->n][1]);
    a->n++;
}

static int lookup_setup(void **state)
{
    const char *names[] = {"p.actors", "t.agents", NULL};
    const char *texts[] = {people, agents};
    *state = ctx_with(names, texts);
    return 0;
}

static int lookup_teardown(void **state)
{
    parley_ctx_free(*state);
    return 0;
}

static void test_lookup_person_in_office(void **state)
{
    answers a = {0};
    assert_int_equal(parley_dict_lookup(*state, "Prime Minister Anna Bell", "2021-06-01", answer,
                                        &a), PARLEY_OK);
    assert_int_equal(a.n, 3);
    /* The agent words, with where they are written. */
    assert_int_equal(a.items[0].what, PARLEY_LOOKUP_ENTRY);
    assert_string_equal(a.texts[0][0], "Prime Minister");
    assert_string_equal(a.items[0].kind, "agent");
    assert_string_equal(a.texts[0][2], "GOV");
    assert_string_equal(a.texts[0][3], "t.agents");
    assert_int_equal(a.items[0].line, 2);
    assert_int_equal(a.items[0].start, 0);
    assert_int_equal(a.items[0].end, 14);
    /* The person's name: her entry, its code at the date and why. */
    assert_string_equal(a.texts[1][0], "Anna Bell");
    assert_string_equal(a.items[1].kind, "name");
    assert_string_equal(a.texts[1][4], "ANNA_BELL");
    assert_string_equal(a.items[1].type, "person");
    assert_string_equal(a.texts[1][2], "ZEDGOV");
    assert_string_equal(a.texts[1][3], "p.actors");
    assert_int_equal(a.items[1].line, 10);
    assert_non_null(strstr(a.texts[1][1], "from 2020-01-01 to 2021-12-31"));
    /* The actor phrase as the coder resolves it. */
    assert_int_equal(a.items[2].what, PARLEY_LOOKUP_ACTOR);
    assert_string_equal(a.texts[2][0], "Prime Minister Anna Bell");
    assert_string_equal(a.texts[2][2], "ZEDGOV");
    assert_string_equal(a.texts[2][4], "ANNA_BELL");
    assert_int_equal(a.items[2].actor.inferred, 0);
    assert_non_null(strstr(a.texts[2][1], "named entry"));
}

static void test_lookup_person_out_of_office(void **state)
{
    answers a = {0};
    assert_int_equal(parley_dict_lookup(*state, "Prime Minister Anna Bell", "2023-06-01", answer,
                                        &a), PARLEY_OK);
    assert_int_equal(a.n, 3);
    assert_string_equal(a.texts[1][2], "(null)");
    assert_non_null(strstr(a.texts[1][1], "no code on 2023-06-01"));
    assert_non_null(strstr(a.texts[1][1], "ZEDGOV 2020-01-01..2021-12-31"));
    /* Out of office, the title alone gives no country. */
    assert_string_equal(a.texts[2][2], "(null)");
    assert_non_null(strstr(a.texts[2][1], "no word names a country"));
    /* The same words with her country: the title decides. */
    memset(&a, 0, sizeof a);
    assert_int_equal(parley_dict_lookup(*state, "Zedish Prime Minister Anna Bell", "2023-06-01",
                                        answer, &a), PARLEY_OK);
    assert_string_equal(a.texts[a.n - 1][2], "ZEDGOV");
    assert_non_null(strstr(a.texts[a.n - 1][1], "'Zedish' (adjective of ZED)"));
}

static void test_lookup_inferred_role(void **state)
{
    answers a = {0};
    assert_int_equal(parley_dict_lookup(*state, "In Zedburg, the army said", NULL, answer, &a),
                     PARLEY_OK);
    const parley_lookup_item *army = NULL;
    size_t k = 0;
    for (size_t i = 0; i < a.n; i++)
        if (a.items[i].what == PARLEY_LOOKUP_ACTOR && !strcmp(a.texts[i][0], "the army"))
            army = &a.items[i], k = i;
    assert_non_null(army);
    assert_string_equal(a.texts[k][2], "ZEDMIL");
    assert_int_equal(army->actor.inferred, 1);
    assert_non_null(strstr(a.texts[k][1], "inferred"));
    assert_non_null(strstr(a.texts[k][1], "Zedburg"));
    /* The capital alone is a place, and its government when it acts. */
    assert_string_equal(a.items[0].kind, "capital");
    assert_string_equal(a.texts[0][4], "ZED");
}

static void test_lookup_unknown_and_errors(void **state)
{
    answers a = {0};
    assert_int_equal(parley_dict_lookup(*state, "Taro Yamada", "2021-06-01", answer, &a),
                     PARLEY_OK);
    assert_int_equal(a.n, 1);
    assert_int_equal(a.items[0].what, PARLEY_LOOKUP_ACTOR);
    assert_string_equal(a.texts[0][2], "(null)");
    assert_non_null(strstr(a.texts[0][1], "no dictionary entry knows 'Taro Yamada'"));
    assert_int_equal(parley_dict_lookup(*state, "Anna Bell", "2021-13-01", answer, &a),
                     PARLEY_EINVAL);
    assert_non_null(strstr(parley_errmsg(*state), "2021-13-01"));
    assert_int_equal(parley_dict_lookup(*state, NULL, NULL, answer, &a), PARLEY_EINVAL);
    a.n = 0;
    assert_int_equal(parley_dict_lookup(*state, "", NULL, answer, &a), PARLEY_OK);
    assert_int_equal(a.n, 0);
}

/* ---- stats ------------------------------------------------------------------------------- */

static void test_stats(void **state)
{
    (void)state;
    static const char actors[] =
        "= ZED\n  type: country\n  code: ZED\n  name: Zedland; Zed\n"
        "= WYL\n  type: country\n  code: WYL\n  name: Wyland\n"
        "= ZU\n  type: igo\n  code: IGOZUU\n  name: Zed Union\n"
        "= HELP\n  type: ngo\n  code: NGOHLH\n  name: Help Now\n"
        "= ANN\n  type: person\n  name: Ann Smith\n"
        "= BOB\n  type: person\n  name: Bob Jones\n"
        "= NORTH\n  type: region\n  code: NTH\n  name: the North\n";
    static const char agents2[] = "GOV: minister; government\nMIL: army\nGOV: cabinet\n";
    static const char verbs[] = "040  $ meet +\n040  $ meet with +\n042  $ visit +\n";
    static const char events[] = "040 1.0 1 Consult\n042 1.9 1 Visit\n";
    static const char map[] = "040 CONSULT\n042 CONSULT visit\n";
    static const char discards[] = "sentence: football; box office\nstory: horoscope\n";
    const char *names[] = {"t.actors", "t.agents", "t.verbs", "t.events", "t.map", "t.discards",
                           NULL};
    const char *texts[] = {actors, agents2, verbs, events, map, discards};
    parley_ctx *ctx = ctx_with(names, texts);
    assert_int_equal(parley_ctx_compile(ctx), PARLEY_OK);
    parley_dict_stats s;
    parley_ctx_dict_stats(ctx, &s);
    assert_int_equal(s.actors, 7);
    assert_int_equal(s.countries, 2);
    assert_int_equal(s.igos, 2);
    assert_int_equal(s.people, 2);
    assert_int_equal(s.other_actors, 1);
    assert_int_equal(s.actor_names, 8);
    assert_int_equal(s.agents, 4);
    assert_int_equal(s.agent_names, 4);
    assert_int_equal(s.agent_codes, 2);
    assert_int_equal(s.verb_patterns, 3);
    assert_int_equal(s.verb_roots, 2);
    assert_int_equal(s.discards, 3);
    assert_int_equal(s.event_codes, 2);
    assert_int_equal(s.plover_maps, 2);
    assert_int_equal(s.warnings, 0);
    assert_int_equal(s.errors, 0);
    assert_int_equal(s.unsupported, 0);
    parley_ctx_free(ctx);
}

/* ---- unknown names and verbs ------------------------------------------------------------- */

static const char unk_verbs[] = "040  $ meet +\n";

static parley_ctx *unknown_ctx(void)
{
    const char *names[] = {"c.actors", "t.agents", "t.verbs", "t.discards", NULL};
    const char *texts[] = {countries, agents, unk_verbs, "sentence: football\n"};
    parley_ctx *ctx = ctx_with(names, texts);
    assert_int_equal(parley_ctx_compile(ctx), PARLEY_OK);
    return ctx;
}

static void code_into(parley_ctx *ctx, parley_unknown *u, const char *text)
{
    parley_story *story = parley_story_new("t", "2021-06-01", "", text, strlen(text));
    parley_events *ev = NULL;
    parley_code_opts opts = {.unknown = u};
    assert_int_equal(parley_code_with(ctx, story, &opts, &ev), PARLEY_OK);
    assert_non_null(ev);
    parley_events_free(ev);
    parley_story_free(story);
}

static void test_unknown_collect(void **state)
{
    (void)state;
    parley_ctx *ctx = unknown_ctx();
    parley_unknown *u = parley_unknown_new();
    assert_non_null(u);
    code_into(ctx, u, "Zedish Prime Minister Taro Yamada pledged support to Wyland.\n\n"
                      "Yamada met Wylish officials. Wyland has criticized Verde Network.\n\n"
                      "Heavy rain fell. Zedland never signs treaties. The football team of "
                      "Wyland praised Ken Abe.");
    code_into(ctx, u, "Zedland pledged aid to Wyland. Taro Yamada met the Wylish minister.");
    parley_unknown_item top[8];
    size_t n = parley_unknown_top(u, PARLEY_UNKNOWN_NAME, top, 8);
    for (size_t i = 0; i < n; i++) print_message("  name %zu %s\n", top[i].count, top[i].text);
    /* "Heavy" and "Yamada" start a sentence alone: skipped; the football sentence is
     * discarded ("Ken Abe"). */
    assert_int_equal(n, 2);
    assert_int_equal(parley_unknown_distinct(u, PARLEY_UNKNOWN_NAME), 2);
    assert_string_equal(top[0].text, "Taro Yamada");
    assert_int_equal(top[0].count, 2);
    assert_string_equal(top[1].text, "Verde Network");
    assert_int_equal(top[1].count, 1);
    n = parley_unknown_top(u, PARLEY_UNKNOWN_VERB, top, 8);
    for (size_t i = 0; i < n; i++) print_message("  verb %zu %s\n", top[i].count, top[i].text);
    /* "met" starts a pattern: known. "criticized" after an auxiliary, "signs" after "never". */
    assert_int_equal(n, 3);
    assert_string_equal(top[0].text, "pledge");
    assert_int_equal(top[0].count, 2);
    assert_string_equal(top[1].text, "criticize");
    assert_string_equal(top[2].text, "sign");
    assert_int_equal(parley_unknown_top(u, PARLEY_UNKNOWN_VERB, top, 1), 1);

    /* Merging adds counts; the top list follows. */
    parley_unknown *v = parley_unknown_new();
    /* An unresolved subject ("Verde Network welcomed") says nothing of its verb. */
    code_into(ctx, v, "Verde Network met Zedland. Verde Network welcomed Zedland. Zedland "
                      "welcomed Verde Network.");
    assert_int_equal(parley_unknown_merge(u, v), PARLEY_OK);
    n = parley_unknown_top(u, PARLEY_UNKNOWN_NAME, top, 2);
    assert_int_equal(n, 2);
    assert_string_equal(top[0].text, "Verde Network");
    assert_int_equal(top[0].count, 4);
    assert_string_equal(top[1].text, "Taro Yamada");
    assert_int_equal(parley_unknown_top(u, PARLEY_UNKNOWN_VERB, top, 8), 4);
    assert_int_equal(parley_unknown_top(u, (parley_unknown_kind)7, top, 8), 0);
    assert_int_equal(parley_unknown_merge(u, NULL), PARLEY_EINVAL);
    parley_unknown_free(v);
    parley_unknown_free(u);
    parley_unknown_free(NULL);
    parley_ctx_free(ctx);
}

/* The hook the coder calls after analysing a sentence counts the same as parley_code_with. */
static void test_unknown_sentence_hook(void **state)
{
    (void)state;
    parley_ctx *ctx = unknown_ctx();
    parley_unknown *u = parley_unknown_new();
    static const char text[] = "The Zedish army has   seized\nKen Abe's farm.";
    pl_analysis an;
    pl_analysis_init(&an, text, 20210601);
    pl_span span = {0, sizeof text - 1};
    assert_int_equal(pl_analysis_sentence(ctx, &an, span), 0);
    assert_int_equal(pl_unknown_sentence(u, ctx, &an.s), 0);
    pl_analysis_free(&an);
    parley_unknown_item top[4];
    assert_int_equal(parley_unknown_top(u, PARLEY_UNKNOWN_VERB, top, 4), 1);
    assert_string_equal(top[0].text, "seize");
    assert_int_equal(parley_unknown_top(u, PARLEY_UNKNOWN_NAME, top, 4), 1);
    assert_string_equal(top[0].text, "Ken Abe");
    parley_unknown_free(u);
    parley_ctx_free(ctx);
}

int main(void)
{
    const struct CMUnitTest check_tests[] = {
        cmocka_unit_test(test_check_clean),
        cmocka_unit_test(test_check_duplicate_phrases),
        cmocka_unit_test(test_check_phrase_of_two_entries),
        cmocka_unit_test(test_check_date_ranges),
        cmocka_unit_test(test_check_country_and_agent_codes),
        cmocka_unit_test(test_check_verb_patterns),
        cmocka_unit_test(test_check_sorted_with_load_errors),
        cmocka_unit_test(test_check_directory),
        cmocka_unit_test(test_check_nothing_loaded),
        cmocka_unit_test(test_stats),
        cmocka_unit_test(test_unknown_collect),
        cmocka_unit_test(test_unknown_sentence_hook),
    };
    const struct CMUnitTest lookup_tests[] = {
        cmocka_unit_test(test_lookup_person_in_office),
        cmocka_unit_test(test_lookup_person_out_of_office),
        cmocka_unit_test(test_lookup_inferred_role),
        cmocka_unit_test(test_lookup_unknown_and_errors),
    };
    int failed = cmocka_run_group_tests_name("check, stats, unknown", check_tests, NULL, NULL);
    failed += cmocka_run_group_tests_name("lookup", lookup_tests, lookup_setup, lookup_teardown);
    return failed ? 1 : 0;
}
