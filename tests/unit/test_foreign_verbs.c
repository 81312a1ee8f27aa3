/* test_foreign_verbs.c: the TABARI and PETRARCH verb readers. Small dictionaries written
 * here are loaded under names that send them to each reader ("x.verbs" with TABARI content,
 * "PETR.x.verbs.txt"); the patterns built are compared item by item, broken and unsupported
 * lines must be counted and skipped, and a few sentences are coded end to end through the
 * public API with the patterns. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "lex/lex.h"
#include "parley.h"

typedef struct verb_log {
    int warnings, errors;
    char all[4096];
} verb_log;

static void record_line(void *user, parley_severity sev, const char *file, long line, const char *msg)
{
    verb_log *log = user;
    size_t len = strlen(log->all);
    if (sev == PARLEY_ERROR) log->errors++;
    else log->warnings++;
    (void)file;
    snprintf(log->all + len, sizeof log->all - len, "%ld:%s: %s\n", line,
             sev == PARLEY_ERROR ? "E" : "W", msg);
}

typedef struct verb_fixture {
    pl_dict d;
    pl_buf msg;
    verb_log log;
} verb_fixture;

static int setup(void **state)
{
    verb_fixture *f = calloc(1, sizeof *f);
    if (!f || pl_dict_init(&f->d)) return -1;
    f->d.diag = record_line;
    f->d.diag_user = &f->log;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    verb_fixture *f = *state;
    pl_dict_free(&f->d);
    pl_buf_free(&f->msg);
    free(f);
    return 0;
}

/* Loads text from a buffer of exactly its length: nothing may be read past it. */
static parley_status load(verb_fixture *f, const char *name, const char *text)
{
    size_t len = strlen(text);
    char *copy = malloc(len ? len : 1);
    assert_non_null(copy);
    memcpy(copy, text, len);
    parley_status rc = pl_dict_load_text(&f->d, name, copy, len, &f->msg);
    free(copy);
    return rc;
}

/* ---- patterns as strings ----------------------------------------------------------------- */

/* "w:LEMMA" by lemma, "s:STEM*" by prefix, $ + ^ slots, {a|b} alternatives; '_' before an
 * item that must be adjacent. */
static void item_str(const pl_dict *d, const pl_pat_item *it, char *out, size_t cap)
{
    size_t n = 0;
    out[0] = 0;
    if (it->flags & PL_IF_ADJACENT) n += (size_t)snprintf(out + n, cap - n, "_");
    switch (it->kind) {
    case PL_IT_SOURCE: snprintf(out + n, cap - n, "$"); break;
    case PL_IT_TARGET: snprintf(out + n, cap - n, "+"); break;
    case PL_IT_SKIP: snprintf(out + n, cap - n, "^"); break;
    case PL_IT_ANY:
        n += (size_t)snprintf(out + n, cap - n, "{");
        for (uint16_t i = 0; i < it->nalts && n < cap; i++) {
            char alt[64];
            item_str(d, &it->alts[i], alt, sizeof alt);
            n += (size_t)snprintf(out + n, cap - n, "%s%s", i ? "|" : "", alt);
        }
        if (n < cap) snprintf(out + n, cap - n, "}");
        break;
    default:
        if (it->flags & PL_IF_STEM) snprintf(out + n, cap - n, "s:%s*", it->stem);
        else snprintf(out + n, cap - n, "w:%s", pl_strmap_str(&d->vocab, it->id));
    }
}

/* "VERB: BEFORE(nearest first) | AFTER => CODE[:CODE2][ joint][ noun]" */
static const char *pattern_str(const pl_dict *d, const pl_verb_pattern *p)
{
    static char out[1024];
    char item[256];
    size_t n = (size_t)snprintf(out, sizeof out, "%s:", pl_strmap_str(&d->vocab, p->verb));
    for (uint16_t i = 0; i < p->nbefore; i++) {
        item_str(d, &p->before[i], item, sizeof item);
        n += (size_t)snprintf(out + n, sizeof out - n, " %s", item);
    }
    n += (size_t)snprintf(out + n, sizeof out - n, " |");
    for (uint16_t i = 0; i < p->nafter; i++) {
        item_str(d, &p->after[i], item, sizeof item);
        n += (size_t)snprintf(out + n, sizeof out - n, " %s", item);
    }
    snprintf(out + n, sizeof out - n, " => %s%s%s%s%s", p->code, p->code2 ? ":" : "",
             p->code2 ? p->code2 : "", p->joint ? " joint" : "", p->noun ? " noun" : "");
    assert_int_equal(p->gaps, 1);
    assert_int_equal(p->default_target, 1);
    return out;
}

/* Every pattern of a file line, in the order built, one a line. */
static const char *line_patterns(const verb_fixture *f, long line)
{
    static char out[4096];
    size_t n = 0;
    out[0] = 0;
    for (size_t i = 0; i < f->d.nverbs; i++)
        if (f->d.verbs[i].line == line)
            n += (size_t)snprintf(out + n, sizeof out - n, "%s\n",
                                  pattern_str(&f->d, &f->d.verbs[i]));
    return out;
}

/* ---- TABARI ------------------------------------------------------------------------------ */

static const char tabari[] =
    "; verbs written for these tests\r\n"                 /* 1 */
    "<SYNSETS>\r\n"                                        /* 2 */
    "&ARMS\r\n"                                            /* 3 */
    "+GUN\r\n"                                             /* 4 */
    "+TEAR_GAS\r\n"                                        /* 5 */
    "</SYNSETS>\r\n"                                       /* 6 */
    "ACCUS  [112] ;jw\r\n"                                 /* 7 */
    "- + * BY_ $  [173]\r\n"                               /* 8 */
    "- * + OF_ SPYING  [1125] ;ab\r\n"                     /* 9 */
    "- % * EACH OTHER  [112:112]\r\n"                      /* 10 */
    "- WAS_* IN_ $  [110]\r\n"                             /* 11 */
    "BLEW_UP  [---]\r\n"                                   /* 12 */
    "- * + { BRIDGE | HOUSE }  [183]\r\n"                  /* 13 */
    "- * + &ARMS  [186]\r\n"                               /* 14 */
    "CONVEN  [---]\r\n"                                    /* 15 */
    "{ CONVENED_ CONVENING_ }\r\n"                         /* 16 */
    "- $ * WITH_ +  [040]\r\n"                             /* 17 */
    "VISIT [042:043]\r\n"                                  /* 18 */
    "- * ^ TO_ +  [042]\r\n"                               /* 19 */
    "- * NOTHING  [###]\r\n"                               /* 20 */
    "- * DEMAND  [10O]\r\n"                                /* 21 */
    "- * ON +\r\n"                                         /* 22 */
    "- * BETWEEN %  [030:030]\r\n"                         /* 23 */
    "- { WILL | IS_ TO_ } *_SOON  [043]\r\n"               /* 24 */
    "QZXWV [020]\r\n"                                      /* 25 */
    "- * THING [010]\r\n";                                 /* 26 */

static void test_tabari_patterns(void **state)
{
    verb_fixture *f = *state;
    assert_int_equal(load(f, "x.verbs", tabari), PARLEY_OK);
    assert_int_equal(f->log.errors, 0);
    /* [10O], a pattern with no code */
    assert_int_equal(f->d.unsupported, 2);
    assert_int_equal(f->log.warnings, 2);
    assert_non_null(strstr(f->log.all, "21:W: not supported, skipped: event code [10O]"));
    assert_non_null(strstr(f->log.all, "22:W: not supported, skipped: pattern without a [CODE]"));
    /* a root's stem finds its verb; the root codes alone */
    assert_string_equal(line_patterns(f, 7), "accuse: | => 112\n");
    assert_string_equal(line_patterns(f, 8), "accuse: + | w:by $ => 173\n");
    /* words without '_' are stems, with '_' whole words */
    assert_string_equal(line_patterns(f, 9), "accuse: | + w:of s:spying* => 1125\n");
    assert_string_equal(line_patterns(f, 10), "accuse: $ | s:each* s:other* => 112:112 joint\n");
    /* "WAS_*": adjacent to the verb, the word as written */
    assert_string_equal(line_patterns(f, 11), "accuse: _w:was | w:in $ => 110\n");
    /* BLEW_UP [---]: a blocking pattern of its own; its UP is part of every pattern */
    assert_string_equal(line_patterns(f, 12), "blow: | _s:up* => ---\n");
    assert_string_equal(line_patterns(f, 13), "blow: | _s:up* + {s:bridge*|s:house*} => 183\n");
    /* a set with a multi-word member: one pattern per variant */
    assert_string_equal(line_patterns(f, 14), "blow: | _s:up* + s:gun* => 186\n"
                                              "blow: | _s:up* + w:tear _s:gas* => 186\n");
    /* irregular forms with the root's lemma add no patterns */
    assert_string_equal(line_patterns(f, 17), "convene: $ | w:with + => 040\n");
    assert_string_equal(line_patterns(f, 18), "visit: | => 042:043\n");
    assert_string_equal(line_patterns(f, 19), "visit: | ^ w:to + => 042\n");
    /* [###]: the sentence is discarded when this pattern wins */
    assert_string_equal(line_patterns(f, 20), "visit: | s:nothing* => ###\n");
    assert_string_equal(line_patterns(f, 23), "visit: | s:between* $ => 030:030 joint\n");
    /* "IS_ TO_": two whole words, other words may stand between them */
    assert_string_equal(line_patterns(f, 24), "visit: s:will* | _s:soon* => 043\n"
                                              "visit: w:to w:is | _s:soon* => 043\n");
    /* a root WordNet knows no verb for anchors at the word as written */
    assert_string_equal(line_patterns(f, 26), "qzxwv: | s:thing* => 010 noun\n");
    assert_int_equal(f->d.nverbs, 19); /* with the three null-coded ones */
    assert_string_equal(f->d.verbs[0].text, "ACCUS [112]");
    assert_string_equal(f->d.verbs[1].text, "ACCUS - + * BY_ $ [173]");
    assert_int_equal(pl_dict_compile(&f->d, &f->msg), PARLEY_OK);
    assert_int_equal(f->d.nroots, 5);
}

static const char tabari_bad[] =
    "- * BEFORE ANY VERB [010]\n"                          /* 1: error */
    "+LOOSE\n"                                             /* 2: error */
    "<TIME>\n"                                             /* 3 */
    "LAST_WEEK [-7]\n"                                     /* 4: unsupported */
    "</TIME>\n"                                            /* 5 */
    "CONDEMN [111]\n"                                      /* 6 */
    "- { WAS | WERE ] * BY_ $ [111]\n"                     /* 7: error */
    "- * COMMIT * AID [033]\n"                             /* 8: error */
    "- NO VERB HERE [010]\n"                               /* 9: error */
    "- $ * + + [111]\n"                                    /* 10: unsupported */
    "- % * + [111]\n"                                      /* 11: unsupported */
    "- * &NOSUCHSET [111]\n"                               /* 12: unsupported */
    "- * { ONLY | NOT + } [111]\n"                         /* 13: unsupported */
    "- $ * +  [111]\n"                                     /* 14 */
    "{ CONDEMN\n";                                         /* 15: error */

static void test_tabari_broken_lines(void **state)
{
    verb_fixture *f = *state;
    assert_int_equal(load(f, "x.verbs", tabari_bad), PARLEY_OK);
    assert_int_equal(f->log.errors, 6);
    assert_int_equal(f->d.unsupported, 5);
    assert_string_equal(f->log.all,
        "1:E: pattern before any verb\n"
        "2:E: '+' line outside a synonym set (no '&NAME' before it)\n"
        "4:W: not supported, skipped: <TIME> entry (time shifts)\n"
        "15:E: expected '{ FORM FORM ... }'\n"
        "7:E: stray bracket in ' { WAS | WERE ] * BY_ $ '\n"
        "8:E: more than one '*' in ' * COMMIT * AID '\n"
        "9:E: no '*' (the verb's place) in ' NO VERB HERE '\n"
        "10:W: not supported, skipped: two '$', '%' or '+' slots\n"
        "11:W: not supported, skipped: '%' (compound) together with '$' or '+'\n"
        "12:W: not supported, skipped: undefined synonym set &NOSUCHSET\n"
        "13:W: not supported, skipped: a slot ($ + % ^ *) inside '{ | }' alternatives\n");
    /* the rest loads */
    assert_string_equal(line_patterns(f, 6), "condemn: | => 111\n");
    assert_string_equal(line_patterns(f, 14), "condemn: $ | + => 111\n");
    assert_int_equal(f->d.nverbs, 2);
}

/* ---- PETRARCH ----------------------------------------------------------------------------- */

static const char petrarch[] =
    "# verbs written for these tests\n"                    /* 1 */
    "&CURRENCY\n"                                          /* 2 */
    "+DOLLAR\n"                                            /* 3 */
    "+SWISS FRANC\n"                                       /* 4 */
    "&AUX_\n"                                              /* 5 */
    "+WILL\n"                                              /* 6 */
    "+IS_TO\n"                                             /* 7 */
    "\n"                                                   /* 8 */
    "--- GRANT   [070]   ---\n"                            /* 9 */
    "GRANT\n"                                              /* 10 */
    "GIVE {GAVE GIVEN GIVING}  # forms\n"                  /* 11 */
    "+HAND_OVER [071]\n"                                   /* 12 */
    "- * &CURRENCY (TO +)    [071]   # pas\n"              /* 13 */
    "- * (BY $) {FOOD AID} [073]\n"                        /* 14 */
    "- &AUX_ * AID [033:034]\n"                            /* 15 */
    "- * (TO/FOR PEACE) [050]\n"                           /* 16 */
    "- * PEACE [---]\n"                                    /* 17 */
    "- * LOAN [:043]\n"                                    /* 18 */
    "- * (ON [074]\n"                                      /* 19 */
    "~ a (a b ATTACK) SAY = a b 015\n"                     /* 20 */
    "<!-- a comment\n"                                     /* 21 */
    "over two lines -->\n"                                 /* 22 */
    "--- EMPTY [---] ---\n"                                /* 23 */
    "- * THING [010]\n"                                    /* 24 */
    "--- NONE ---\n"                                       /* 25 */
    "RE_+ARREST\n"                                         /* 26 */
    "- * <!-- inline --> (IN $) [173]\n";                  /* 27 */

static void test_petrarch_patterns(void **state)
{
    verb_fixture *f = *state;
    assert_int_equal(load(f, "PETR.x.verbs.txt", petrarch), PARLEY_OK);
    assert_int_equal(f->log.errors, 1);
    assert_non_null(strstr(f->log.all, "19:E: unbalanced ( ) or { }"));
    /* [:043], the transformation, the block without verbs */
    assert_int_equal(f->d.unsupported, 3);
    assert_non_null(strstr(f->log.all, "18:W: not supported, skipped: event code [:043]"));
    assert_non_null(strstr(f->log.all, "20:W: not supported, skipped: verb transformation"));
    assert_non_null(
        strstr(f->log.all, "24:W: not supported, skipped: 1 patterns in a block with no verb"));
    /* each verb alone: its own code or the block's; GIVE's forms share its lemma */
    assert_string_equal(line_patterns(f, 10), "grant: | => 070\n");
    assert_string_equal(line_patterns(f, 11), "give: | => 070\n");
    assert_string_equal(line_patterns(f, 12), "hand: | _w:over => 071\n");
    /* every pattern for every verb of the block; ( ) and { } read as their words */
    assert_string_equal(line_patterns(f, 13),
                        "grant: | w:dollar w:to + => 071\n"
                        "give: | w:dollar w:to + => 071\n"
                        "hand: | _w:over w:dollar w:to + => 071\n"
                        "grant: | w:swiss _w:franc w:to + => 071\n"
                        "give: | w:swiss _w:franc w:to + => 071\n"
                        "hand: | _w:over w:swiss _w:franc w:to + => 071\n");
    assert_string_equal(line_patterns(f, 14), "grant: | w:by $ w:food w:aid => 073\n"
                                              "give: | w:by $ w:food w:aid => 073\n"
                                              "hand: | _w:over w:by $ w:food w:aid => 073\n");
    /* a set's members are consecutive words, each as written ("is", not "be") */
    assert_string_equal(line_patterns(f, 15), "grant: w:will | w:aid => 033:034\n"
                                              "give: w:will | w:aid => 033:034\n"
                                              "hand: w:will | _w:over w:aid => 033:034\n"
                                              "grant: w:to _w:is | w:aid => 033:034\n"
                                              "give: w:to _w:is | w:aid => 033:034\n"
                                              "hand: w:to _w:is | _w:over w:aid => 033:034\n");
    assert_string_equal(line_patterns(f, 16), "grant: | {w:to|w:for} w:peace => 050\n"
                                              "give: | {w:to|w:for} w:peace => 050\n"
                                              "hand: | _w:over {w:to|w:for} w:peace => 050\n");
    /* a null code is kept: it blocks the shorter patterns it contains */
    assert_string_equal(line_patterns(f, 17), "grant: | w:peace => ---\n"
                                              "give: | w:peace => ---\n"
                                              "hand: | _w:over w:peace => ---\n");
    /* a block with no code: its verbs code nothing alone */
    assert_string_equal(line_patterns(f, 26), "");
    assert_string_equal(line_patterns(f, 27), "arrest: _w:re | w:in $ => 173\n");
    assert_string_equal(f->d.verbs[3].text, "GRANT - * &CURRENCY (TO +) [071]");
}

/* Sets inside sets, a set joined to words by '_' (the longest defined name wins), a line
 * whose multi-word alternatives would make too many patterns, a name defined with '_'. */
static void test_synsets(void **state)
{
    verb_fixture *f = *state;
    char text[4096];
    size_t n = (size_t)snprintf(text, sizeof text, "&TIES\n+MILITARY\n+TRADE\n"  /* 1-3 */
                                                   "&TIES_PLUS\n+&TIES\n+CLOSE &TIES\n" /* 4-6 */
                                                   "&MANY\n+ONE\n");           /* 7-8 */
    for (int i = 0; i < 20; i++)                                                /* 9-28 */
        n += (size_t)snprintf(text + n, sizeof text - n, "+WORD%c OTHER\n", 'A' + i);
    snprintf(text + n, sizeof text - n, "--- BUILD [---] ---\nBUILD\n"        /* 29-30 */
                                        "- * NEW_&TIES_LINKS [050]\n"           /* 31 */
                                        "- * &TIES_PLUS [051]\n"                /* 32 */
                                        "- * &MANY [052]\n"                     /* 33 */
                                        "- * { A | B } [053]\n"                /* 34 */
                                        "&ALONG_\n+BESIDE\n"                    /* 35-36 */
                                        "--- HELP [---] ---\nHELP\n"            /* 37-38 */
                                        "- * &ALONG [054]\n");                 /* 39 */
    assert_int_equal(load(f, "PETR.x.verbs.txt", text), PARLEY_OK);
    assert_int_equal(f->log.errors, 0);
    assert_int_equal(f->d.unsupported, 2);
    assert_non_null(strstr(f->log.all, "33:W: not supported, skipped: 20 multi-word alternatives"));
    assert_non_null(strstr(f->log.all, "34:W: not supported, skipped: alternatives '{ A | B }'"));
    assert_string_equal(line_patterns(f, 31),
                        "build: | w:new _{w:military|w:trade} _w:links => 050\n");
    assert_string_equal(line_patterns(f, 32), "build: | {w:military|w:trade} => 051\n"
                                              "build: | w:close _w:military => 051\n"
                                              "build: | w:close _w:trade => 051\n");
    /* past 16 patterns a verb, only the one-word alternatives stay */
    assert_string_equal(line_patterns(f, 33), "build: | w:one => 052\n");
    assert_string_equal(line_patterns(f, 34), "");
    /* a set defined with a closing '_' is known by its name without it */
    assert_string_equal(line_patterns(f, 39), "help: | w:beside => 054\n");
}

/* Every prefix of both fixtures loads without reading past its end (ASan checks the reads:
 * load() copies the text into a buffer of exactly its length). */
static void test_truncated_inputs(void **state)
{
    (void)state;
    const char *texts[] = {tabari, tabari_bad, petrarch};
    const char *names[] = {"x.verbs", "x.verbs", "PETR.x.verbs.txt"};
    for (size_t t = 0; t < 3; t++) {
        size_t len = strlen(texts[t]);
        for (size_t n = 0; n <= len; n += 3) {
            verb_fixture f = {0};
            assert_int_equal(pl_dict_init(&f.d), 0);
            char *copy = malloc(n ? n : 1);
            assert_non_null(copy);
            memcpy(copy, texts[t], n);
            assert_true(pl_dict_load_text(&f.d, names[t], copy, n, &f.msg) != PARLEY_ENOMEM);
            free(copy);
            pl_dict_free(&f.d);
            pl_buf_free(&f.msg);
        }
    }
}

/* ---- coding with them ---------------------------------------------------------------------- */

static const char actors[] =
    "= USA\n  type: country\n  code: USA\n  name: United States\n  adj: American\n"
    "= JPN\n  type: country\n  code: JPN\n  name: Japan\n  adj: Japanese\n  capital: Tokyo\n"
    "= CHN\n  type: country\n  code: CHN\n  name: China\n  adj: Chinese\n  capital: Beijing\n"
    "= RUS\n  type: country\n  code: RUS\n  name: Russia\n  adj: Russian\n"
    "= UKR\n  type: country\n  code: UKR\n  name: Ukraine\n  adj: Ukrainian\n";
static const char agents[] = "GOV: government; minister; official\nCOP: police\n";

static const char tabari_coding[] =
    "<SYNSETS>\n&ARMS\n+GUN\n+RIFLE\n+TEAR_GAS\n&NEVER\n+DID_NOT\n+WILL_NOT\n</SYNSETS>\n"
    "CONDEMN  [---]\n- $ * +  [111]\n- &NEVER_AGAIN *  [112]\n"
    "ARREST  [---]\n- + * BY_ $  [173]\n"
    "VISIT  [042:043]\n"
    "SUPPL  [---]\n- $ * + WITH_ &ARMS  [072]\n- $ * + WITH_ GUNS_  [074]\n"
    "BACKING  [---]\n- PLEDGED ITS *  [051]\n- WITHDREW *  [192]\n"
    "MUST  [---]\n- INSISTED + * CONDEMN  [112]\n"
    "HOLD  [---]\n- * TALKS AT ^ ^ +  [046]\n- * SUMMIT_ WITH +  [036]\n"
    "DESCRIB  [---]\n- * AS_FRIENDLY  [024]\n"
    "CASUALTIES ROSE  [223]\n"
    "PERMIT  [060]\n- * FAIR~_PLACE  [024]\n- SWIFT~_*  [025]\n"
    "SWAP  [---]\n- % * PRISONERS  [044:045]\n"
    "PROMIS  [---]\n- * AID { TO THE END | UNTIL THE END }  [050]\n"
    "- * AID TO THE REFUGEES  [073]\n"
    "JOIN  [---]\n- * + IN_TALKS  [057!]\n"
    "VOT  [---]\n- $ ^ FOR *  [057]\n";

static const char petrarch_coding[] =
    "--- TRAVEL [---] ---\nTRAVEL\nFLY {FLEW FLOWN FLYING}\n- * (TO +)   [042]\n"
    "--- APPEAL [020] ---\nAPPEAL\n- * (TO +) (FOR AID) [023]\n"
    "--- HOST [043:042] ---\nHOST\n"
    "&REFUSAL\n+DID N'T\n+WILL NOT\n"
    "--- CONDEMN [122] ---\nCONDEMN\n- &REFUSAL * [128]\n- * EFFORT [129]\n";

static parley_ctx *new_ctx(const char *name, const char *verbs)
{
    parley_ctx *ctx = ctx_with_dicts("t.actors", actors, "t.agents", agents, name, verbs, NULL);
    assert_non_null(ctx);
    assert_int_equal(parley_ctx_compile(ctx), PARLEY_OK);
    return ctx;
}

/* The events of `text` on 2021-09-01 (see helpers.h). */
static const char *code(parley_ctx *ctx, const char *text)
{
    return code_events(ctx, "2021-09-01", text);
}

static void test_tabari_coding(void **state)
{
    (void)state;
    parley_ctx *ctx = new_ctx("x.verbs", tabari_coding);
    assert_string_equal(code(ctx, "Japan condemned China on Monday."), "JPN CHN 111\n");
    assert_string_equal(code(ctx, "Three Chinese officials were arrested by Japanese police."),
                        "JPNCOP CHNGOV 173\n");
    /* the root alone, a [042:043] pair */
    assert_string_equal(code(ctx, "The Japanese minister visited Russia."),
                        "JPNGOV RUS 042\nRUS JPNGOV 043\n");
    /* a synonym set: a one-word member by stem, a two-word one */
    assert_string_equal(code(ctx, "Russia supplied Ukraine with tear gas."), "RUS UKR 072\n");
    /* a word before a set with it, whatever the file order */
    assert_string_equal(code(ctx, "Russia supplied Ukraine with guns."), "RUS UKR 074\n");
    assert_string_equal(code(ctx, "Russia supplied Ukraine with bread."), "");
    /* a word closed by '_' is the word as written */
    assert_string_equal(code(ctx, "Japan held a summit with China."), "JPN CHN 036\n");
    assert_string_equal(code(ctx, "Japan held summits with China."), "");
    /* a noun after a possessive pronoun, or a word the pattern names; not after an
     * article it does not name */
    assert_string_equal(code(ctx, "Japan pledged its backing for Ukraine."), "JPN UKR 051\n");
    assert_string_equal(code(ctx, "Japan withdrew their backing for Ukraine."), "JPN UKR 192\n");
    assert_string_equal(code(ctx, "Japan pledged the backing of Ukraine."), "");
    assert_string_equal(code(ctx, "Japan withdrew the backing of Ukraine."), "");
    /* a root alone fits a noun after a possessive pronoun too */
    assert_string_equal(code(ctx, "Japan announced their visit to Russia."),
                        "JPN RUS 042\nRUS JPN 043\n");
    /* a root WordNet knows no verb for anchors at the word; the verb its pattern took
     * codes nothing of its own */
    assert_string_equal(code(ctx, "Japan insisted China must condemn Russia."), "JPN CHN 112\n");
    assert_string_equal(code(ctx, "China must condemn Russia."), "CHN RUS 111\n");
    /* `^` skips a noun phrase a few words on, with its "of" phrase */
    assert_string_equal(code(ctx, "Japan held talks at Tokyo with the leaders of China in Russia."),
                        "JPN RUS 046\n");
    /* no target slot and no actor after the pattern: the actor its gap passed over */
    assert_string_equal(code(ctx, "Japan described China as friendly."), "JPN CHN 024\n");
    /* a noun root fits after a possessive */
    assert_string_equal(code(ctx, "Japan's casualties rose in the war with China."),
                        "JPN CHN 223\n");
    /* a past form after a possessive's noun is its verb, not a noun ("Japan's rocket
     * attack") */
    assert_string_equal(code(ctx, "Japan's navy condemned China."), "JPN CHN 111\n");
    /* '~' keeps a word a stem that '_' joins to the next; the actor '*' passes over is the
     * target when none follows */
    assert_string_equal(code(ctx, "Japan permitted that China is the fairest place."),
                        "JPN CHN 024\n");
    assert_string_equal(code(ctx, "Japan permitted that China is a fair place."),
                        "JPN CHN 024\n");
    assert_string_equal(code(ctx, "Japan swiftly permitted Russia to leave."), "JPN RUS 025\n");
    assert_string_equal(code(ctx, "Japan permitted Russia to leave."), "JPN RUS 060\n");
    /* a '_' after a synonym set in a pattern line lets words come between, as TABARI
     * reads it */
    assert_string_equal(code(ctx, "Japan did not ever again condemn China."), "JPN CHN 112\n");
    assert_string_equal(code(ctx, "Japan did not again condemn China."), "JPN CHN 112\n");
    /* `^` before the anchor skips the noun phrase there, not nothing; the actor the gap
     * before the anchor passed over is the target */
    assert_string_equal(code(ctx, "Japan as China for Ukraine voted yesterday."),
                        "JPN UKR 057\n");
    /* a dominant code ("[057!]"): its events are the sentence's only ones */
    assert_string_equal(code(ctx, "Japan condemned China and joined Russia in talks."),
                        "JPN RUS 057\n");
    assert_string_equal(code(ctx, "Japan condemned China and joined Russia."), "JPN CHN 111\n");
    /* of two patterns as long, the one without a multi-word alternative wins */
    assert_string_equal(code(ctx, "Japan promised aid to the end to the refugees of Ukraine."),
                        "JPN UKR 073\n");
    assert_string_equal(code(ctx, "Japan promised aid to the end for Ukraine."), "JPN UKR 050\n");
    /* a joint pattern with a pair of codes: each member's side of it, both ways */
    assert_string_equal(code(ctx, "Japan and China swapped prisoners."),
                        "JPN CHN 044\nCHN JPN 045\nCHN JPN 044\nJPN CHN 045\n");
    parley_ctx_free(ctx);
}

static void test_petrarch_coding(void **state)
{
    (void)state;
    parley_ctx *ctx = new_ctx("PETR.x.verbs.txt", petrarch_coding);
    /* (TO +): the target of a prepositional phrase; an irregular form */
    assert_string_equal(code(ctx, "The Japanese minister flew to Beijing."), "JPNGOV CHN 042\n");
    assert_string_equal(code(ctx, "Japan appealed to China for aid."), "JPN CHN 023\n");
    /* the block's code for the verb alone, the first actor after it the target */
    assert_string_equal(code(ctx, "Japan appealed to China."), "JPN CHN 020\n");
    assert_string_equal(code(ctx, "China hosted the Russian minister."),
                        "CHN RUSGOV 043\nRUSGOV CHN 042\n");
    assert_string_equal(code(ctx, "Japan travelled on Monday."), "");
    /* an irregular past after a possessive's noun is its verb */
    assert_string_equal(code(ctx, "Japan's new envoy flew to Beijing."), "JPN CHN 042\n");
    /* Treebank's "DID N'T" is the "didn't" of the text */
    assert_string_equal(code(ctx, "Japan didn't condemn China."), "JPN CHN 128\n");
    assert_string_equal(code(ctx, "Japan will not condemn China."), "JPN CHN 128\n");
    assert_string_equal(code(ctx, "Japan condemned China."), "JPN CHN 122\n");
    /* PETRARCH's words are words as written, not lemmas */
    assert_string_equal(code(ctx, "Japan condemned the effort of China."), "JPN CHN 129\n");
    assert_string_equal(code(ctx, "Japan condemned the efforts of China."), "JPN CHN 122\n");
    parley_ctx_free(ctx);
}

/* With a parse, a pattern's default target is no further than its verb's phrase, nor are
 * its words. */
static void test_target_in_verb_phrase(void **state)
{
    (void)state;
    parley_ctx *ctx = new_ctx("x.verbs", tabari_coding);
    static const char text[] =
        "Japanese officials visited the border, and Russian police were there.";
    parley_code_opts opts = {.parse =
                             "(ROOT (S (S (NP (JJ Japanese) (NNS officials)) (VP (VBD visited) "
                             "(NP (DT the) (NN border)))) (, ,) (CC and) (S (NP (JJ Russian) "
                             "(NN police)) (VP (VBD were) (ADVP (RB there)))) (. .)))"};
    assert_string_equal(code(ctx, text), "JPNGOV RUSCOP 042\nRUSCOP JPNGOV 043\n");
    assert_string_equal(code_events_with(ctx, "2021-09-01", text, &opts, NULL), "");
    /* nor do its words reach past it */
    static const char rival[] = "Japan condemned, while China praised Russia.";
    opts.parse = "(ROOT (S (NP (NNP Japan)) (VP (VBD condemned)) (, ,) (SBAR (IN while) (S (NP "
                 "(NNP China)) (VP (VBD praised) (NP (NNP Russia))))) (. .)))";
    assert_string_equal(code(ctx, rival), "JPN CHN 111\n");
    assert_string_equal(code_events_with(ctx, "2021-09-01", rival, &opts, NULL), "");
    parley_ctx_free(ctx);
}

/* With a parse, a passive's by-phrase may stand anywhere in its verb's phrase. */
static void test_parsed_passive(void **state)
{
    (void)state;
    parley_ctx *ctx = new_ctx("x.verbs", tabari_coding);
    static const char text[] = "Japan was visited on Monday by Russian officials.";
    parley_code_opts opts = {.parse =
                             "(ROOT (S (NP (NNP Japan)) (VP (VBD was) (VP (VBN visited) (PP (IN "
                             "on) (NP (NNP Monday))) (PP (IN by) (NP (JJ Russian) (NNS "
                             "officials))))) (. .)))"};
    assert_string_equal(code(ctx, text), "JPN RUSGOV 042\nRUSGOV JPN 043\n");
    assert_string_equal(code_events_with(ctx, "2021-09-01", text, &opts, NULL),
                        "RUSGOV JPN 042\nJPN RUSGOV 043\n");
    parley_ctx_free(ctx);
}

/* An entry coded "A/B" stands for several actors: an event for each, on either side. */
static void test_compound_codes(void **state)
{
    (void)state;
    static const char groups[] = "THE_TRIO [JPN/CHN/RUS]\nTWO_SHORES_ [USA/UKR]\n";
    parley_ctx *ctx = ctx_with_dicts("g.actors", groups, "t.actors", actors,
                                     "x.verbs", tabari_coding, NULL);
    assert_non_null(ctx);
    assert_string_equal(code(ctx, "The Trio condemned Ukraine."),
                        "JPN UKR 111\nCHN UKR 111\nRUS UKR 111\n");
    assert_string_equal(code(ctx, "Japan condemned Two Shores."), "JPN USA 111\nJPN UKR 111\n");
    /* a member is never its own target */
    assert_string_equal(code(ctx, "The Trio condemned Russia."), "JPN RUS 111\nCHN RUS 111\n");
    parley_ctx_free(ctx);
}

/* Agents beside a named entry add to its code, each three-letter group once; "former" makes
 * a role an elite. */
static void test_roles_beside_entries(void **state)
{
    (void)state;
    static const char entries[] = "KLAXON_PARTY [JPNPTY]\nBAVARIAN_WEST [BMWGOV]\n"
                                  "LOPEZ_ [JPNPTY]\n";
    static const char roles[] = "ACTIVISTS_ [~OPP]\nWORLD_COUNCIL_ [~WGO]\n"
                                "CADRES_ [~PTY]\n";
    parley_ctx *ctx = ctx_with_dicts("g.actors", entries, "t.actors", actors,
                                     "t.agents", agents, "g.agents", roles,
                                     "x.verbs", tabari_coding, NULL);
    assert_non_null(ctx);
    assert_string_equal(code(ctx, "Klaxon Party activists condemned China."),
                        "JPNPTYOPP CHN 111\n");
    assert_string_equal(code(ctx, "The activists of the Klaxon Party condemned China."),
                        "JPNPTYOPP CHN 111\n");
    /* a group the code already has is not repeated; one inside two groups is none */
    assert_string_equal(code(ctx, "Klaxon Party officials condemned China."), "JPNPTYGOV CHN 111\n");
    assert_string_equal(code(ctx, "Klaxon Party cadres condemned China."), "JPNPTY CHN 111\n");
    assert_string_equal(code(ctx, "Bavarian West world council condemned China."),
                        "BMWGOVWGO CHN 111\n");
    assert_string_equal(code(ctx, "Former Japanese officials condemned China."), "JPNELI CHN 111\n");
    /* a title before a name says what the entry's code says */
    assert_string_equal(code(ctx, "Minister Carlos Lopez condemned China."), "JPNPTY CHN 111\n");
    assert_string_equal(code(ctx, "China condemned former Japanese police."), "CHN JPNELI 111\n");
    parley_ctx_free(ctx);
}

/* TABARI's <ADJECTIVE> list says which words describe a role after a possessive. */
static void test_adjective_list(void **state)
{
    (void)state;
    static const char hints[] = "<ADJECTIVE>\nAWFUL ;a note\nEVIL\n</ADJECTIVE>\n"
                                "KLAXON_PARTY [JPNPTY]\n";
    parley_ctx *ctx = ctx_with_dicts("g.actors", hints, "t.actors", actors, "t.agents", agents,
                                     "x.verbs", tabari_coding, NULL);
    assert_non_null(ctx);
    assert_string_equal(code(ctx, "Japan's awful and evil minister condemned China."),
                        "JPNGOV CHN 111\n");
    /* "cool" is no adjective of the list: the role is not Japan's */
    assert_string_equal(code(ctx, "Japan's awful and cool minister condemned China."), "");
    parley_ctx_free(ctx);
}

/* A TABARI phrase with a gap and a code from a date on, coded the same after a compiled
 * round trip. */
static void test_gaps_compiled(void **state)
{
    (void)state;
    static const char titles[] = "DUKE WESTMARCH_ [--- <20000101] [WMR]\n";
    parley_ctx *ctx = ctx_with_dicts("g.actors", titles, "t.actors", actors,
                                     "x.verbs", tabari_coding, NULL);
    assert_non_null(ctx);
    parley_ctx *loaded = saved_and_loaded(ctx);
    parley_ctx *both[2] = {ctx, loaded};
    for (int i = 0; i < 2; i++) {
        assert_string_equal(code(both[i], "Japan condemned the Duke of Westmarch."),
                            "JPN WMR 111\n");
        assert_string_equal(code_events(both[i], "1999-06-01",
                                        "Japan condemned the Duke of Westmarch."), "");
        parley_ctx_free(both[i]);
    }
}

/* People a TABARI dictionary lists under a bare country code. */
static const char tabari_people[] = "KAORI_SATO [JPN]\nIVAN_PETROV [RUS]\n";
static const char tabari_requests[] = "URGE  [102]\nASK  [090]\n";

static void test_tabari_pronouns(void **state)
{
    (void)state;
    parley_ctx *ctx = ctx_with_dicts("t.actors", actors, "people.actors", tabari_people,
                                     "x.verbs", tabari_requests, NULL);
    assert_non_null(ctx);
    assert_int_equal(parley_ctx_compile(ctx), PARLEY_OK);
    /* "it" opening a clause stands for the subject before it, not the object */
    assert_string_equal(code(ctx, "Japan urged China to act and then it asked Russia to help."),
                        "JPN CHN 102\nJPN RUS 090\n");
    /* "she" for a person listed as a bare code, when the story names no other */
    assert_string_equal(
        code(ctx, "Kaori Sato urged China on Monday to act and then she asked Russia to help."),
        "JPN CHN 102\nJPN RUS 090\n");
    /* "him" is never the subject of its own clause */
    assert_string_equal(code(ctx, "Ivan Petrov urged China to act and Japan asked him to help."),
                        "RUS CHN 102\nJPN RUS 090\n");
    parley_ctx_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_tabari_patterns, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tabari_broken_lines, setup, teardown),
        cmocka_unit_test_setup_teardown(test_petrarch_patterns, setup, teardown),
        cmocka_unit_test_setup_teardown(test_synsets, setup, teardown),
        cmocka_unit_test(test_truncated_inputs),
        cmocka_unit_test(test_tabari_coding),
        cmocka_unit_test(test_petrarch_coding),
        cmocka_unit_test(test_target_in_verb_phrase),
        cmocka_unit_test(test_parsed_passive),
        cmocka_unit_test(test_compound_codes),
        cmocka_unit_test(test_roles_beside_entries),
        cmocka_unit_test(test_gaps_compiled),
        cmocka_unit_test(test_adjective_list),
        cmocka_unit_test(test_tabari_pronouns),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
