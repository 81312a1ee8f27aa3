/* test_foreign.c: the TABARI and PETRARCH readers of actors, agents and discards. Each test
 * loads a small dictionary written here (never copied from the peers' files) through
 * pl_dict_load_text with a name that makes pl_dict_detect pick the format, then checks the
 * entries, codes, diagnostics (file:line through the diag callback) and what the compiled
 * trie matches. Every text is loaded from a heap copy without a NUL after it, so that the
 * sanitizer build catches a read past its end. */
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

/* 1 if a message starts with `head` ("x.actors:3: error") and holds `part`. */
static int logged(const diag_log *log, const char *head, const char *part)
{
    for (int i = 0; i < log->n; i++)
        if (!strncmp(log->msgs[i], head, strlen(head)) && strstr(log->msgs[i], part)) return 1;
    return 0;
}

static void dump(const diag_log *log)
{
    for (int i = 0; i < log->n; i++) fprintf(stderr, "  diag: %s\n", log->msgs[i]);
}

static parley_status load_n(fixture *f, const char *name, const char *text, size_t len)
{
    char *copy = malloc(len ? len : 1);
    assert_non_null(copy);
    memcpy(copy, text, len);
    parley_status rc = pl_dict_load_text(&f->d, name, copy, len, &f->msg);
    free(copy);
    return rc;
}

static parley_status load(fixture *f, const char *name, const char *text)
{
    return load_n(f, name, text, strlen(text));
}

static const pl_actor_entry *actor(fixture *f, const char *id)
{
    uint32_t ix = pl_strmap_get(&f->d.actor_ids, id, strlen(id));
    if (!ix) fprintf(stderr, "  no entry %s\n", id);
    assert_true(ix != 0);
    return &f->d.actors[ix - 1];
}

static void compile(fixture *f)
{
    assert_int_equal(pl_dict_compile(&f->d, &f->msg), PARLEY_OK);
}

/* ---- format detection ---------------------------------------------------------------------- */

static void test_detect(void **state)
{
    (void)state;
    enum pl_dict_kind k;
    enum pl_dict_format fmt;
    static const char tabari[] = "; a TABARI file\nGOLLUM ; note: no code here\n";
    assert_int_equal(pl_dict_detect("d/x.actors", tabari, sizeof tabari - 1, &k, &fmt), 0);
    assert_int_equal(k, PL_DK_ACTORS);
    assert_int_equal(fmt, PL_FMT_TABARI);
    static const char native[] = "# ours\n= JPN\n  name: Japan\n";
    assert_int_equal(pl_dict_detect("x.actors", native, sizeof native - 1, &k, &fmt), 0);
    assert_int_equal(fmt, PL_FMT_NATIVE);
    assert_int_equal(pl_dict_detect("Phoenix.Test.actors.txt", "", 0, &k, &fmt), 0);
    assert_int_equal(k, PL_DK_ACTORS);
    assert_int_equal(fmt, PL_FMT_PETRARCH);
    assert_int_equal(pl_dict_detect("p/discards.txt", "", 0, &k, &fmt), 0);
    assert_int_equal(k, PL_DK_DISCARDS);
    assert_int_equal(fmt, PL_FMT_TABARI);
    assert_int_equal(pl_dict_detect("PETR.Test.discards.txt", "", 0, &k, &fmt), 0);
    assert_int_equal(fmt, PL_FMT_PETRARCH);
    assert_int_equal(pl_dict_detect("x.agents.txt", "", 0, &k, &fmt), 0);
    assert_int_equal(k, PL_DK_AGENTS);
}

/* ---- actors -------------------------------------------------------------------------------- */

static void test_head_and_synonyms(void **state)
{
    fixture *f = *state;
    char out[256];
    assert_int_equal(load(f, "t.actors", "SYLVANIA_  [SYL]\n"
                                         "+SYLVANIAN_\n"
                                         "+RUFUS_T._FIREFLY_\n"
                                         "CHICOLINI_ [SYLELI]\n"),
                     PARLEY_OK);
    assert_int_equal(f->log.errors + f->log.warnings, 0);
    assert_int_equal(f->d.nactors, 2);
    const pl_actor_entry *syl = actor(f, "SYL"); /* a country's ID is its code */
    assert_int_equal(syl->kind, PL_ACTOR_COUNTRY);
    assert_string_equal(syl->country, "SYL");
    assert_int_equal(syl->ncodes, 1);
    assert_true(pl_is_country(&f->d, "SYL"));
    const pl_actor_entry *c = actor(f, "CHICOLINI");
    assert_int_equal(c->kind, PL_ACTOR_PERSON);
    assert_null(c->country);
    assert_string_equal(pl_actor_code_at(c, 0), "SYLELI");
    compile(f);
    /* Capitals in the file, any case in text; "_" joins consecutive words. */
    match_text(f, "Rufus T. Firefly met Sylvanian envoys and Chicolini", out, sizeof out);
    assert_string_equal(out, "0-3:1 4-5:1 7-8:1");
}

static void test_dated_codes_every_form(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "Phoenix.Test.actors.txt",
                          "TRENTINO_\n"
                          "\t[SYLGOV <950101]\n"
                          "\t[SYLMIL > 19990301]\n"
                          "\t[SYLREB 950102 - 19990228]\n"
                          "\t[SYLELI]\n"
                          "PINKY_ [FRDGOV 850101-891231] [FRDELI]\n"),
                     PARLEY_OK);
    assert_int_equal(f->log.errors, 0);
    const pl_actor_entry *t = actor(f, "TRENTINO");
    assert_int_equal(t->ncodes, 4);
    assert_string_equal(pl_actor_code_at(t, 19940101), "SYLGOV");
    assert_string_equal(pl_actor_code_at(t, 19950101), "SYLGOV"); /* limits included */
    assert_string_equal(pl_actor_code_at(t, 19960101), "SYLREB");
    assert_string_equal(pl_actor_code_at(t, 19990301), "SYLMIL");
    assert_string_equal(pl_actor_code_at(t, 0), "SYLELI");        /* the default */
    const pl_actor_entry *p = actor(f, "PINKY"); /* inline dates on the head line */
    assert_string_equal(pl_actor_code_at(p, 19870101), "FRDGOV");
    assert_string_equal(pl_actor_code_at(p, 19920101), "FRDELI");
}

static void test_six_and_eight_digit_dates(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "t.actors", "OTIS_\n"
                                         "\t[AAA 291231-20300101]\n"  /* 2029-12-31 */
                                         "\t[BBB 310101-19310102]\n"  /* 1931-01-01 */
                                         "\t[CCC 000229-20000301]\n"  /* 2000: leap */
                                         "\t[DDD 301231-19310101]\n"  /* 2030 > 1931 */
                                         "\t[EEE 990229-19990301]\n"  /* no such day */
                                         "\t[FFF 9908223-991221]\n"   /* 7 digits */
                                         "\t[GGG 1920030320-20060520]\n"),
                     PARLEY_OK);
    const pl_actor_entry *o = actor(f, "OTIS");
    assert_int_equal(o->ncodes, 3);
    assert_int_equal(o->codes[0].from, 20291231);
    assert_int_equal(o->codes[0].to, 20300101);
    assert_int_equal(o->codes[1].from, 19310101);
    assert_int_equal(o->codes[1].to, 19310102);
    assert_int_equal(o->codes[2].from, 20000229);
    assert_int_equal(f->log.errors, 4);
    assert_true(logged(&f->log, "t.actors:5: error", "301231-19310101"));
    assert_true(logged(&f->log, "t.actors:6: error", "990229"));
    assert_true(logged(&f->log, "t.actors:7: error", "9908223"));
    assert_true(logged(&f->log, "t.actors:8: error", "1920030320"));
}

/* Phoenix's TABARI-style files end head lines with "# CountryInfo.txt": a comment, not part
 * of the phrase (TABARI, whose comments start with ';', kept it). */
static void test_countryinfo_comment(void **state)
{
    fixture *f = *state;
    char out[256];
    assert_int_equal(load(f, "Phoenix.Test.actors.txt",
                          "JAMES_BYRNES_  # CountryInfo.txt\n"
                          "\t[USAELI 18970101-450703]\n"
                          "\t[USAGOV 450703-470121]# a note\n"),
                     PARLEY_OK);
    assert_int_equal(f->log.errors + f->log.warnings, 0);
    assert_int_equal(f->d.nactors, 1);
    const pl_actor_entry *j = actor(f, "JAMES_BYRNES");
    assert_int_equal(j->ncodes, 2);
    assert_int_equal(f->d.nphrases, 2); /* [0] is unused: one phrase */
    compile(f);
    match_text(f, "James Byrnes", out, sizeof out);
    assert_string_equal(out, "0-2:1");
    match_text(f, "James Byrnes CountryInfo.txt", out, sizeof out);
    assert_string_equal(out, "0-2:1");
}

static void test_extra_dated_lines(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "Phoenix.Test.actors.txt", "KOSOVO_ [KSV]\n"
                                                        "+KOSOVAR_\n"
                                                        "\t[YUGKSV <920428]\n"
                                                        "\t[KSVUNO 990610-080217]\n"
                                                        "KOSOVA_ [KSV]\n"
                                                        "DUO_ [DDDGOV]\n"
                                                        "\t[DDDMIL]\n"),
                     PARLEY_OK);
    assert_int_equal(f->log.errors, 0);
    assert_true(logged(&f->log, "Phoenix.Test.actors.txt:7: warning",
                       "a second code without dates, DDDMIL: the first, DDDGOV, stands"));
    assert_string_equal(pl_actor_code_at(actor(f, "DUO"), 0), "DDDGOV");
    assert_int_equal(f->d.nactors, 2); /* both Kosovo heads: the country KSV */
    const pl_actor_entry *k = actor(f, "KSV");
    assert_int_equal(k->kind, PL_ACTOR_COUNTRY);
    assert_int_equal(k->ncodes, 3);    /* KSV once: the same code is not added twice */
    assert_string_equal(pl_actor_code_at(k, 19900101), "YUGKSV");
    assert_string_equal(pl_actor_code_at(k, 20000101), "KSVUNO");
    assert_string_equal(pl_actor_code_at(k, 20200101), "KSV");
}

static void test_entry_kinds_and_ids(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "t.actors", "FREEDONIA_ [FRD]\n"
                                         "FRD [FRDGOV]\n"          /* a name that is an ID */
                                         "U.S._ARMY_ [USAMIL]\n"
                                         "UNITED_NATIONS_ [IGOUNO]\n"
                                         "RED_CROSS_ [NGO]\n"      /* 3 letters, no country */
                                         "BOROMIR_ [---]\n"
                                         "\xd0\xa1\xd0\xa1\xd0\xa1\xd0\xa0 [USRGOV]\n"),
                     PARLEY_OK);
    assert_int_equal(f->log.errors, 0);
    assert_int_equal(actor(f, "FRD")->kind, PL_ACTOR_COUNTRY);
    assert_string_equal(pl_actor_code_at(actor(f, "FRD_ACTOR"), 0), "FRDGOV");
    assert_string_equal(pl_actor_code_at(actor(f, "U_S_ARMY"), 0), "USAMIL");
    assert_int_equal(actor(f, "UNITED_NATIONS")->kind, PL_ACTOR_IGO);
    const pl_actor_entry *rc = actor(f, "RED_CROSS");
    assert_int_equal(rc->kind, PL_ACTOR_OTHER);
    assert_string_equal(rc->type, "ngo");
    assert_false(pl_is_country(&f->d, "NGO"));
    assert_int_equal(actor(f, "BOROMIR")->ncodes, 0); /* [---]: known, no code */
    assert_true(logged(&f->log, "t.actors:6: warning", "1 entries have no code"));
    for (size_t i = 0; i < f->d.nactors; i++) /* every ID is a valid one */
        assert_true(pl_valid_id(f->d.actors[i].id, f->d.actors[i].id + strlen(f->d.actors[i].id)));
    assert_int_equal(f->d.nactors, 7);
}

static void test_discard_code_in_actors(void **state)
{
    fixture *f = *state;
    char out[256];
    assert_int_equal(load(f, "t.actors", "NASGUL_ [###]\nNAZGUL_ [NAZ]\n"), PARLEY_OK);
    assert_int_equal(f->d.nactors, 1);
    assert_int_equal(f->d.discards, 1);
    compile(f);
    match_text(f, "the Nasgul rode", out, sizeof out);
    assert_string_equal(out, "1-2:7");
}

static void test_crlf_and_cr(void **state)
{
    fixture *f = *state;
    char out[256];
    assert_int_equal(load(f, "t.actors", "ALPHA_ [AAA]\r\n+BETA_\r\n\t[AAAGOV >20000101]\r\n"
                                         "\t[AAAMIL\r\n"),
                     PARLEY_OK);
    assert_int_equal(f->log.errors, 1);
    assert_true(logged(&f->log, "t.actors:4: error", "'[' without ']'"));
    /* dated roles that start with the code: a person's (ALPHA), not the country AAA */
    assert_int_equal(actor(f, "ALPHA")->ncodes, 2);
    /* Old Mac files end lines with a lone CR. */
    assert_int_equal(load(f, "u.actors", "GAMMA_ [GGG]\r+DELTA_\r\t[GGGGOV <19900101]\r"),
                     PARLEY_OK);
    assert_int_equal(f->log.errors, 1);
    assert_int_equal(actor(f, "GAMMA")->ncodes, 2);
    /* dated codes that end with the code: the country's own history */
    assert_int_equal(load(f, "w.actors", "ZETA_ [ZZZ]\n\t[OLDZZZ <19900101]\n"), PARLEY_OK);
    assert_int_equal(actor(f, "ZZZ")->ncodes, 2);
    /* A UTF-8 byte order mark is no part of the first phrase. */
    assert_int_equal(load(f, "v.actors", "\xEF\xBB\xBF" "EPSILON_ [EEE]\r\n"), PARLEY_OK);
    assert_int_equal(actor(f, "EEE")->ncodes, 1);
    compile(f);
    match_text(f, "Beta and Delta met Epsilon", out, sizeof out);
    assert_string_equal(out, "0-1:1 2-3:1 4-5:1");
}

static void test_tabari_comments(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "t.actors", "; a comment line [WITH] brackets\n"
                                         "FOO_ [FOO] ; trailing note [BAR]\n"
                                         "#BAR_ [BAR]\n"
                                         "/ another comment\n"
                                         "ZAP_ ;pas 26 Feb 2002\n"
                                         "\t[ZAPGOV];jw 9/30/91\n"
                                         "~~FINISH 16:47\n"
                                         "QUUX_ [QUX]\n"),
                     PARLEY_OK);
    assert_int_equal(f->log.errors + f->log.warnings, 0);
    assert_int_equal(f->d.nactors, 2);
    assert_int_equal(actor(f, "FOO")->ncodes, 1);
    assert_string_equal(pl_actor_code_at(actor(f, "ZAP"), 0), "ZAPGOV");
}

static void test_xml_comments(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "PETR.Test.actors.txt", "<!-- a comment\n"
                                                     "# over [two] lines -->\n"
                                                     "FOO_ [FOO] <!-- inline -->\n"
                                                     "<! -- loose -->\n"
                                                     "<!-- never closed\n"
                                                     "BAR_ [BAR]\n"),
                     PARLEY_OK);
    assert_int_equal(f->d.nactors, 1);
    assert_int_equal(f->log.errors, 1);
    assert_true(logged(&f->log, "PETR.Test.actors.txt:5: error", "never closed"));
}

static void test_malformed_lines(void **state)
{
    fixture *f = *state;
    static const char text[] = "GOOD_ [GOOGOV]\n"              /* 1 */
                               "\t[GOOGOV 20000101]\n"          /* 2: no < > or range */
                               "\t[GOO GOV]\n"                  /* 3: junk date */
                               "BROKEN_ [GOOGOV\n"              /* 4: no ] */
                               "TRAILING_ [GOOMIL] junk\n"      /* 5: text after */
                               "\t[GO-O]\n"                     /* 6: bad code */
                               "\t[]\n"                         /* 7: empty code */
                               "__ [XYZ]\n"                     /* 8: no words */
                               "+ORPHAN_\n"                     /* 9: no head before */
                               "\t[GOOMIL >20100101]\n";        /* 10: no head before */
    assert_int_equal(load(f, "bad.actors", "\t[LOST]\n"), PARLEY_OK);
    assert_true(logged(&f->log, "bad.actors:1: error", "code line before any entry"));
    f->log.errors = 0;
    assert_int_equal(load(f, "x.actors", text), PARLEY_OK);
    if (f->log.errors != 9) dump(&f->log);
    assert_int_equal(f->log.errors, 9);
    assert_true(logged(&f->log, "x.actors:2: error", "needs '<', '>' or a range"));
    assert_true(logged(&f->log, "x.actors:3: error", "GOV"));
    assert_true(logged(&f->log, "x.actors:4: error", "'[' without ']'"));
    assert_true(logged(&f->log, "x.actors:5: error", "junk"));
    assert_true(logged(&f->log, "x.actors:6: error", "bad code '[GO-O]'"));
    assert_true(logged(&f->log, "x.actors:7: error", "bad code"));
    assert_true(logged(&f->log, "x.actors:8: error", "empty phrase"));
    assert_true(logged(&f->log, "x.actors:9: error", "synonym before any entry"));
    assert_true(logged(&f->log, "x.actors:10: error", "code line before any entry"));
    /* What was right on those lines loaded. */
    assert_int_equal(actor(f, "GOOD")->ncodes, 1);
    assert_int_equal(actor(f, "BROKEN")->ncodes, 0);
    assert_int_equal(actor(f, "TRAILING")->ncodes, 1);
}

static void test_unsupported_counted(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "t.actors", "<NOUN>\n"                   /* 1 */
                                         "BEES\n"
                                         "</NOUN>\n"
                                         "SHIRE_ [FRO/BIL]\n"          /* 4 */
                                         "ISILDUR_ [+++]\n"            /* 5 */
                                         "ENT_ [### <890101] [ENT]\n"  /* 6 */
                                         "USSR_ [USR <911226] [###]\n" /* 7 */
                                         "DOL_ [--- <950630] [DOL]\n"  /* 8 */
                                         "<SYNONYMS>\n"),              /* 9 */
                     PARLEY_OK);
    assert_int_equal(f->d.unsupported, 3);
    assert_int_equal(f->log.errors, 0);
    assert_true(logged(&f->log, "t.actors:1: warning", "<NOUN>"));
    /* A compound code loads whole: the coder codes each member. */
    assert_string_equal(pl_actor_code_at(actor(f, "SHIRE"), 0), "FRO/BIL");
    assert_true(logged(&f->log, "t.actors:5: warning", "[+++]"));
    assert_true(logged(&f->log, "t.actors:9: warning", "<SYNONYMS>"));
    assert_int_equal(f->d.discards, 0);
    /* a dated [###] is a code of its own for its dates, which the coder reads as a discard */
    assert_string_equal(pl_actor_code_at(actor(f, "USSR"), 19900101), "USR");
    assert_string_equal(pl_actor_code_at(actor(f, "USSR"), 19950101), "###");
    assert_string_equal(pl_actor_code_at(actor(f, "ENT"), 19880101), "###");
    assert_string_equal(pl_actor_code_at(actor(f, "ENT"), 19900101), "ENT");
    assert_string_equal(pl_actor_code_at(actor(f, "ENT"), 0), "ENT");
    /* no code before a day, a code after it: a title, not the country */
    assert_null(pl_actor_code_at(actor(f, "DOL"), 19950101));
    assert_string_equal(pl_actor_code_at(actor(f, "DOL"), 19960101), "DOL");
    assert_int_not_equal(actor(f, "DOL")->kind, PL_ACTOR_COUNTRY);
}

/* TABARI stems and gaps: one summary warning each per file, not one per phrase. */
static void test_stems(void **state)
{
    fixture *f = *state;
    char out[256];
    assert_int_equal(load(f, "t.actors", "ARGENTIN [ARG]\n"
                                         "BRAZIL [BRA]\n"
                                         "CHILE_ [CHL]\n"
                                         "AL GORE_ [USAELI]\n"),
                     PARLEY_OK);
    /* Stems are matched as TABARI matches them: no warning. */
    assert_int_equal(f->log.warnings, 1);
    assert_true(logged(&f->log, "t.actors:4: warning", "1 phrases have a space between"));
    /* PETRARCH does not stem actors. */
    assert_int_equal(load(f, "PETR.Test.actors.txt", "URUGUAY [URY]\nPARA GUAY [PRY]\n"),
                     PARLEY_OK);
    assert_int_equal(f->log.warnings, 1);
    compile(f);
    /* ARGENTIN is a prefix, CHILE_ a whole word; "Uruguayan" is no URUGUAY in PETRARCH */
    match_text(f, "Argentin Argentina Al Gore Chilean Uruguayan Uruguay", out, sizeof out);
    assert_string_equal(out, "0-1:1 1-2:1 2-4:1 6-7:1");
    /* quotes in a gap cost nothing; a glued hyphen is a space */
    match_text(f, "Al \"the Big\" Gore, Al-Gore", out, sizeof out);
    assert_string_equal(out, "0-6:1 7-10:1");
}

/* ---- agents -------------------------------------------------------------------------------- */

static void test_tabari_agents(void **state)
{
    fixture *f = *state;
    char out[256];
    assert_int_equal(load(f, "t.agents", "MINISTER_ [~GOV] ;jap 11 Oct 2002\n"          /* 1 */
                                         "HUMAN_RIGHTS_GROUP_ [NGO~]\n"                 /* 2 */
                                         "POLICE_ {} [  ~COP]\n"                        /* 3 */
                                         "ATTORNEY_GENERAL_ {ATTORNEYS_GENERAL_} [~GOVATG]\n"
                                         "SOLDIER_ [MIL]\n"                             /* 5 */
                                         "SEMI-OFFICIAL_PAPER_ [~MEDGOV]\n"             /* 6 */
                                         "DIPLOMAT_ [~GOV\n"),                          /* 7 */
                     PARLEY_OK);
    assert_int_equal(f->log.errors, 2);
    assert_true(logged(&f->log, "t.agents:5: error", "needs '~'") ||
                logged(&f->log, "t.agents:5: error", "want ~CODE"));
    assert_true(logged(&f->log, "t.agents:7: error", "'[' without ']'"));
    assert_false(logged(&f->log, "t.agents:2: warning", "CODE~"));
    assert_int_equal(f->d.nagents, 6);
    assert_string_equal(f->d.agents[0].code, "GOV");
    assert_string_equal(f->d.agents[1].code, "NGO~"); /* goes before the country */
    assert_string_equal(f->d.agents[3].code, "GOVATG");
    assert_string_equal(f->d.agents[4].text, "ATTORNEYS GENERAL");
    compile(f);
    match_text(f, "two ministers and the attorneys general", out, sizeof out);
    assert_string_equal(out, "1-2:6 4-6:6");
    /* "{}": no plural, the words as written */
    match_text(f, "the police and the polices", out, sizeof out);
    assert_string_equal(out, "1-2:6");
    /* A hyphen splits capitals but not lower case: both forms are there. */
    match_text(f, "a semi-official paper", out, sizeof out);
    assert_string_equal(out, "1-3:6");
    match_text(f, "A SEMI-OFFICIAL PAPER", out, sizeof out);
    assert_string_equal(out, "1-5:6");
}

static void test_substitution_sets(void **state)
{
    fixture *f = *state;
    char out[256];
    assert_int_equal(load(f, "PETR.Test.agents.txt",
                          "<!-- agents -->\n"
                          "!PERSON! = MAN, WOMAN\n"               /* 2 */
                          "!ROLE! = SPOKES , CHAIR\n"             /* 3 */
                          "CONGRESS!PERSON! [~LEG]\n"             /* 4 */
                          "!ROLE!!PERSON! {} [~GOV] # notes\n"    /* 5 */
                          "!UNKNOWN!_OF_STATE [~GOV]\n"           /* 6 */
                          "HALF!OPEN [~GOV]\n"                    /* 7 */
                          "!EMPTY! = ,\n"                         /* 8 */
                          "TROOP [MIL]\n"),                       /* 9: no '~' is fine */
                     PARLEY_OK);
    if (f->log.errors != 3) dump(&f->log);
    assert_int_equal(f->log.errors, 3);
    assert_true(logged(&f->log, "PETR.Test.agents.txt:6: error", "!UNKNOWN!"));
    assert_true(logged(&f->log, "PETR.Test.agents.txt:7: error", "no closing '!'"));
    assert_true(logged(&f->log, "PETR.Test.agents.txt:8: error", "substitution set"));
    assert_int_equal(f->d.nagents, 7);
    const char *want[] = {"CONGRESSMAN", "CONGRESSWOMAN", "SPOKESMAN", "SPOKESWOMAN",
                          "CHAIRMAN", "CHAIRWOMAN", "TROOP"};
    for (size_t i = 0; i < 7; i++) assert_string_equal(f->d.agents[i].text, want[i]);
    assert_string_equal(f->d.agents[6].code, "MIL");
    compile(f);
    match_text(f, "the congresswoman and the chairman", out, sizeof out);
    assert_string_equal(out, "1-2:6 4-5:6");
}

/* ---- discards ------------------------------------------------------------------------------ */

static void test_discards_both_kinds(void **state)
{
    fixture *f = *state;
    char out[256];
    assert_int_equal(load(f, "PETR.Test.discards.txt",
                          "# '+' discards the story, else the sentence\n"
                          "+WORLD_CUP_   # ab 13 Jun 2005 ;AB 13 JUN 2005\n"
                          "BOX OFFICE\n"
                          "+Horoscope_ [###]\n"
                          "BOGUS [042]\n"),
                     PARLEY_OK);
    assert_int_equal(f->d.discards, 3);
    assert_int_equal(f->log.errors, 1);
    assert_true(logged(&f->log, "PETR.Test.discards.txt:5: error", "no code but [###]"));
    /* TABARI's rules for a bare discards.txt: ';' comments, '~' ends the list. */
    assert_int_equal(load(f, "discards.txt", "; sports\n+GOLF_ ;pas\n~~END\nTENNIS_\n"),
                     PARLEY_OK);
    assert_int_equal(f->d.discards, 4);
    compile(f);
    match_text(f, "World Cup box office horoscope golf tennis", out, sizeof out);
    assert_string_equal(out, "0-2:8 2-4:7 4-5:8 5-6:8");
}

static void test_table_is_no_discard_list(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "discards.txt", "\t2\t1995\t#VALUE!\t99\tAGO\tLunda Sul\n"
                                             "\t\t1999\t#VALUE!\t99\tAGO\n"),
                     PARLEY_OK);
    assert_int_equal(f->d.discards, 0);
    assert_int_equal(f->log.errors, 1);
    assert_true(logged(&f->log, "discards.txt:1: error", "tab-separated"));
    assert_int_equal(load(f, "x.discards.txt", "GOLF\nA\tB\tC\tD\n"), PARLEY_OK);
    assert_int_equal(f->d.discards, 1);
    assert_true(logged(&f->log, "x.discards.txt:2: error", "tab-separated"));
}

/* ---- robustness ---------------------------------------------------------------------------- */

static void test_nul_and_cut_texts(void **state)
{
    fixture *f = *state;
    static const char text[] = "AB_ [AAA]\nC\0D_ [CCC]\nEF_ [EEE >2001";
    assert_int_equal(load_n(f, "t.actors", text, sizeof text - 1), PARLEY_OK);
    assert_true(logged(&f->log, "t.actors:2: error", "NUL byte"));
    assert_true(logged(&f->log, "t.actors:3: error", "'[' without ']'"));
    /* Every prefix of every kind of file, loaded without a NUL after it. */
    static const char *const texts[] = {
        "KOSOVO_ [KSV]\n+K_\n\t[YUGKSV <920428]\n\t[A 990101-20000101]<!-- x -->\n",
        "!P! = MAN, WOMAN\nX!P!_Y {X!P!S} [~GOV]\nMINISTER [NGO~]\n",
        "+WORLD_CUP_ [###]\nBOX OFFICE # x\n"};
    static const char *const names[] = {"Phoenix.Cut.actors.txt", "PETR.Cut.agents.txt",
                                        "PETR.Cut.discards.txt", "t.actors", "t.agents",
                                        "discards.txt"};
    for (size_t n = 0; n < 6; n++)
        for (size_t i = 0, len = strlen(texts[n % 3]); i <= len; i++)
            assert_int_equal(load_n(f, names[n], texts[n % 3], i), PARLEY_OK);
}

static void test_random_bytes(void **state)
{
    fixture *f = *state;
    static const char alphabet[] = "AB_ +[]<>-~#;!=,{}\t\r\n0123456789/";
    static const char *const names[] = {"t.actors", "t.agents", "discards.txt",
                                        "R.x.actors.txt", "R.x.agents.txt", "R.x.discards.txt"};
    uint32_t seed = 12345;
    char buf[300];
    for (int round = 0; round < 600; round++) {
        size_t len = 0;
        for (; len < sizeof buf; len++) {
            seed = seed * 1103515245u + 12345u;
            unsigned r = (seed >> 16) & 0x7fff;
            if (r % 97 == 0) break;
            buf[len] = r % 5 == 0 ? (char)(r & 0xff) : alphabet[r % (sizeof alphabet - 1)];
        }
        assert_int_equal(load_n(f, names[round % 6], buf, len), PARLEY_OK);
    }
    compile(f);
}

/* ---- coding with TABARI dictionaries --------------------------------------------------------- */

static const char tabari_actors[] = "FREEDON [FRD]\nSYLVANIA_ [SYL]\nGRAUSTARK= [GRK]\n"
                                    "DUKE FENWICK_ [FEN]\nRED_ARMY_ [RED]\nRED ARMY_ [RIV]\n"
                                    "HERMIT_ [---]\n";
static const char tabari_agents[] = "RELIEF_GROUP_ [NGO~]\nMINISTER_ [~GOV]\n";
static const char tabari_verbs[] = "OPPOSE [112]\nCONDEMN [122]\n- * NOTHING [---]\n"
                                   "LEAVE [012]\nLEFT_ [032:033]\nEXPELLED [174]\n"
                                   "SHUN= [172]\n";

static parley_ctx *tabari_ctx(void)
{
    parley_ctx *ctx = ctx_with_dicts("t.actors", tabari_actors, "t.agents", tabari_agents,
                                     "t.verbs", tabari_verbs, NULL);
    assert_non_null(ctx);
    return ctx;
}

/* With a parse and PARLEY_CODE_PARTIAL, as PETRARCH with require_dyad off: a role of no
 * country acts as "---" and its agent, alone (the actor before the comma is in another
 * clause, no list with it); a verb with no target codes against "---" only when the parse
 * puts a noun phrase after it; a list member that names no one is left out; a clause
 * inside a coded verb's phrase adds no event with a side unknown. And a compound after
 * the verb is the partners of the subject the parse gives; a default target may lie in a
 * subordinate clause, past that clause's subject when it is the source told again. */
static void test_petrarch_readings_with_parse(void **state)
{
    (void)state;
    static const char verbs[] = "CONDEMN [122]\nSAID [023]\nATTACK [190]\nWAIT [---]\n"
                                "AGREE [030]\n- * WITH % [031]\nDOUBT [212]\n";
    parley_ctx *ctx = ctx_with_dicts("t.actors", tabari_actors, "t.agents", tabari_agents,
                                     "t.verbs", verbs, NULL);
    assert_non_null(ctx);
    parley_code_opts opts = {
        .flags = PARLEY_CODE_PARTIAL,
        .parse = "(ROOT (S (S (NP (NNP Freedonia)) (VP (VBD condemned) (NP (NNP Sylvania)))) "
                 "(, ,) (NP (DT a) (JJ senior) (NN minister)) (VP (VBD said) (PP (IN on) (NP "
                 "(NNP Monday)))) (. .)))"};
    static const char said[] = "Freedonia condemned Sylvania, a senior minister said on Monday.";
    assert_string_equal(code_events_with(ctx, "1995-01-01", said, &opts, NULL),
                        "FRD SYL 122\n---GOV --- 023\n");
    opts.flags = 0;
    assert_string_equal(code_events_with(ctx, "1995-01-01", said, &opts, NULL), "FRD SYL 122\n");
    opts.flags = PARLEY_CODE_PARTIAL;
    /* "today" is a bare time (NP-TMP), no noun phrase for "---" to stand for */
    opts.parse = "(ROOT (S (S (NP (NNP Freedonia)) (VP (VBD condemned) (NP (NNP Sylvania)))) "
                 "(, ,) (NP (DT a) (JJ senior) (NN minister)) (VP (VBD said) (NP-TMP (NN "
                 "today))) (. .)))";
    assert_string_equal(code_events_with(ctx, "1995-01-01",
                                         "Freedonia condemned Sylvania, a senior minister said "
                                         "today.", &opts, NULL),
                        "FRD SYL 122\n");
    opts.parse = "(ROOT (S (NP (NNS Lions) (, ,) (NNS tigers) (CC and) (NNP Freedonia)) (VP "
                 "(VBD condemned) (NP (NNP Sylvania))) (. .)))";
    assert_string_equal(code_events_with(ctx, "1995-01-01",
                                         "Lions, tigers and Freedonia condemned Sylvania.", &opts,
                                         NULL),
                        "FRD SYL 122\n");
    /* the attack after the condemnation is part of it; after a wait, an event of its own */
    opts.parse = "(ROOT (S (NP (NNP Freedonia)) (VP (VBD condemned) (NP (NNP Sylvania)) (SBAR "
                 "(IN after) (S (NP (NNP Graustark)) (VP (VBD attacked) (PP (IN on) (NP (NNP "
                 "Sunday))))))) (. .)))";
    assert_string_equal(code_events_with(ctx, "1995-01-01",
                                         "Freedonia condemned Sylvania after Graustark attacked "
                                         "on Sunday.", &opts, NULL),
                        "FRD SYL 122\n");
    opts.parse = "(ROOT (S (NP (NNP Freedonia)) (VP (VBD waited) (SBAR (IN after) (S (NP (NNP "
                 "Graustark)) (VP (VBD attacked) (PP (IN on) (NP (NNP Sunday))))))) (. .)))";
    assert_string_equal(code_events_with(ctx, "1995-01-01",
                                         "Freedonia waited after Graustark attacked on Sunday.",
                                         &opts, NULL),
                        "GRK --- 190\n");
    /* a compound after the verb: the parse's subject agrees with each member; without a
     * parse the members with one another, as TABARI reads it */
    static const char agree[] = "Freedonia agrees with Sylvania and Graustark.";
    opts.flags = 0;
    opts.parse = "(ROOT (S (NP (NNP Freedonia)) (VP (VBZ agrees) (PP (IN with) (NP (NNP "
                 "Sylvania) (CC and) (NNP Graustark)))) (. .)))";
    assert_string_equal(code_events_with(ctx, "1995-01-01", agree, &opts, NULL),
                        "FRD SYL 031\nFRD GRK 031\n");
    assert_string_equal(code_events(ctx, "1995-01-01", agree), "SYL GRK 031\nGRK SYL 031\n");
    /* the target may lie in a subordinate clause, past the subject told again there */
    static const char doubt[] = "Freedonia doubted whether it had a future with Sylvania.";
    opts.parse = "(ROOT (S (NP (NNP Freedonia)) (VP (VBD doubted) (SBAR (IN whether) (S (NP "
                 "(PRP it)) (VP (VBD had) (NP (NP (DT a) (NN future)) (PP (IN with) (NP (NNP "
                 "Sylvania)))))))) (. .)))";
    assert_string_equal(code_events_with(ctx, "1995-01-01", doubt, &opts, NULL), "FRD SYL 212\n");
    assert_string_equal(code_events(ctx, "1995-01-01", doubt), "");
    parley_ctx_free(ctx);
}

/* Stems, agents that go first, passives with "by", a null-coded pattern that stops the
 * shorter one it contains, verb forms listed apart from their lemma, noun endings. */
static void test_tabari_coding(void **state)
{
    (void)state;
    parley_ctx *ctx = tabari_ctx();
    assert_string_equal(code_events(ctx, "1995-01-01", "Freedonian troops condemned Sylvania."),
                        "FRD SYL 122\n");
    assert_string_equal(code_events(ctx, "1995-01-01",
                                    "A Freedonia relief group condemned Sylvania."),
                        "NGOFRD SYL 122\n");
    assert_string_equal(code_events(ctx, "1995-01-01",
                                    "A Freedonia relief group minister condemned Sylvania."),
                        "NGOFRDGOV SYL 122\n");
    assert_string_equal(code_events(ctx, "1995-01-01", "Sylvania was opposed by Freedonia."),
                        "FRD SYL 112\n");
    assert_string_equal(code_events(ctx, "1995-01-01",
                                    "Freedonia condemned nothing of Sylvania's."), "");
    /* LEFT_ is one form of LEAVE, listed apart: it wins for "left" only */
    assert_string_equal(code_events(ctx, "1995-01-01", "Freedonia left for Sylvania."),
                        "FRD SYL 032\nSYL FRD 033\n");
    assert_string_equal(code_events(ctx, "1995-01-01", "Freedonia leaves Sylvania."),
                        "FRD SYL 012\n");
    /* a whole word takes a plural "s", one written with '=' does not */
    assert_string_equal(code_events(ctx, "1995-01-01", "Freedonia condemned Sylvanias."),
                        "FRD SYL 122\n");
    assert_string_equal(code_events(ctx, "1995-01-01", "Graustark condemned Sylvania."),
                        "GRK SYL 122\n");
    assert_string_equal(code_events(ctx, "1995-01-01", "Freedonia condemned Graustarks."), "");
    /* a root that is an inflected form takes that form only; "SHUN=" the form as written */
    assert_string_equal(code_events(ctx, "1995-01-01", "Freedonia expelled Sylvania."),
                        "FRD SYL 174\n");
    assert_string_equal(code_events(ctx, "1995-01-01", "Freedonia expels Sylvania."), "");
    assert_string_equal(code_events(ctx, "1995-01-01", "Freedonia will shun Sylvania."),
                        "FRD SYL 172\n");
    assert_string_equal(code_events(ctx, "1995-01-01", "Freedonia shunned Sylvania."), "");
    /* a space in a phrase lets two other words come between; '_' none, and it wins */
    assert_string_equal(code_events(ctx, "1995-01-01", "Freedonia condemned the Duke of Fenwick."),
                        "FRD FEN 122\n");
    assert_string_equal(code_events(ctx, "1995-01-01",
                                    "Freedonia condemned the Duke and the old Fenwick."), "");
    assert_string_equal(code_events(ctx, "1995-01-01", "Freedonia condemned the Red Army."),
                        "FRD RED 122\n");
    assert_string_equal(code_events(ctx, "1995-01-01", "Freedonia condemned the Red rebel Army."),
                        "FRD RIV 122\n");
    /* a word nothing knows is a stem's verb with a verb ending, not with another */
    assert_string_equal(code_events(ctx, "1995-01-01", "Freedonia condemnen Sylvania."),
                        "FRD SYL 122\n");
    assert_string_equal(code_events(ctx, "1995-01-01", "Freedonia condemnx Sylvania."), "");
    /* a word with a possessive is no verb */
    assert_string_equal(code_events(ctx, "1995-01-01", "Freedonia condemn's Sylvania."), "");
    /* a known name that codes nothing is no target: the next actor is */
    assert_string_equal(code_events(ctx, "1995-01-01", "Freedonia condemned Hermit in Sylvania."),
                        "FRD SYL 122\n");
    /* the gaps live in compiled dictionaries too */
    parley_ctx *loaded = saved_and_loaded(ctx);
    assert_string_equal(code_events(loaded, "1995-01-01", "Freedonia condemned the Duke of Fenwick."),
                        "FRD FEN 122\n");
    parley_ctx_free(loaded);
    parley_ctx_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_detect),
        cmocka_unit_test_setup_teardown(test_head_and_synonyms, dict_setup, dict_teardown),
        cmocka_unit_test_setup_teardown(test_dated_codes_every_form, dict_setup, dict_teardown),
        cmocka_unit_test_setup_teardown(test_six_and_eight_digit_dates, dict_setup, dict_teardown),
        cmocka_unit_test_setup_teardown(test_countryinfo_comment, dict_setup, dict_teardown),
        cmocka_unit_test_setup_teardown(test_extra_dated_lines, dict_setup, dict_teardown),
        cmocka_unit_test_setup_teardown(test_entry_kinds_and_ids, dict_setup, dict_teardown),
        cmocka_unit_test_setup_teardown(test_discard_code_in_actors, dict_setup, dict_teardown),
        cmocka_unit_test_setup_teardown(test_crlf_and_cr, dict_setup, dict_teardown),
        cmocka_unit_test_setup_teardown(test_tabari_comments, dict_setup, dict_teardown),
        cmocka_unit_test_setup_teardown(test_xml_comments, dict_setup, dict_teardown),
        cmocka_unit_test_setup_teardown(test_malformed_lines, dict_setup, dict_teardown),
        cmocka_unit_test_setup_teardown(test_unsupported_counted, dict_setup, dict_teardown),
        cmocka_unit_test(test_tabari_coding),
        cmocka_unit_test(test_petrarch_readings_with_parse),
        cmocka_unit_test_setup_teardown(test_stems, dict_setup, dict_teardown),
        cmocka_unit_test_setup_teardown(test_tabari_agents, dict_setup, dict_teardown),
        cmocka_unit_test_setup_teardown(test_substitution_sets, dict_setup, dict_teardown),
        cmocka_unit_test_setup_teardown(test_discards_both_kinds, dict_setup, dict_teardown),
        cmocka_unit_test_setup_teardown(test_table_is_no_discard_list, dict_setup, dict_teardown),
        cmocka_unit_test_setup_teardown(test_nul_and_cut_texts, dict_setup, dict_teardown),
        cmocka_unit_test_setup_teardown(test_random_bytes, dict_setup, dict_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
