/* test_dict.c: the dictionary compiler. Native-format files are loaded from memory, broken
 * lines must be reported with file:line and skipped, and the compiled matcher must find
 * what the format promises (case rules, lemmas, longest match, date-bounded codes). */
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

static parley_status load(fixture *f, const char *name, const char *text)
{
    return pl_dict_load_text(&f->d, name, text, strlen(text), &f->msg);
}

static void test_date_parse(void **state)
{
    (void)state;
    int32_t d;
    assert_int_equal(pl_date_parse("2021-09-06", 10, &d), 0);
    assert_int_equal(d, 20210906);
    assert_int_equal(pl_date_parse("2020-02-29", 10, &d), 0);
    assert_int_equal(pl_date_parse("2021-02-29", 10, &d), -1);
    assert_int_equal(pl_date_parse("1900-02-29", 10, &d), -1);
    assert_int_equal(pl_date_parse("2021-13-01", 10, &d), -1);
    assert_int_equal(pl_date_parse("2021-9-6", 8, &d), -1);
    assert_int_equal(pl_date_parse("20210906xx", 10, &d), -1);
}

static const char actors[] =
    "# people\n"
    "= JOHN_KERRY\n"
    "  type: person\n"
    "  name: John Kerry\n"
    "  code: USALEG 1985-01-03..2013-02-01\n"
    "  code: USAGOV 2013-02-01..2017-01-20\n"
    "  code: USAGOV 2021-01-20..2024-03-06\n"
    "= JPN\n"
    "  type: country\n"
    "  code: JPN\n"
    "  name: Japan\n"
    "  adj: Japanese\n"
    "  capital: Tokyo\n"
    "= TUR\n"
    "  type: country\n"
    "  name: Turkey\n"
    "= USA\n"
    "  type: country\n"
    "  name: US; United States\n";

static void test_actor_codes_by_date(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "t.actors", actors), PARLEY_OK);
    assert_int_equal(f->log.errors + f->log.warnings, 0);
    assert_int_equal(f->d.nactors, 4);
    const pl_actor_entry *k = &f->d.actors[0];
    assert_string_equal(k->id, "JOHN_KERRY");
    assert_int_equal(k->kind, PL_ACTOR_PERSON);
    assert_string_equal(pl_actor_code_at(k, 20100101), "USALEG");
    assert_string_equal(pl_actor_code_at(k, 20130201), "USALEG"); /* ranges are inclusive */
    assert_string_equal(pl_actor_code_at(k, 20150601), "USAGOV");
    assert_null(pl_actor_code_at(k, 20190101));                  /* out of office */
    assert_string_equal(pl_actor_code_at(k, 20210906), "USAGOV");
    assert_string_equal(pl_actor_code_at(k, 0), "USAGOV");        /* no date: latest role */
    assert_string_equal(f->d.actors[1].country, "JPN");
    assert_string_equal(f->d.actors[2].country, "TUR");           /* a country is its own */
}

static void test_case_rules(void **state)
{
    fixture *f = *state;
    char out[256];
    assert_int_equal(load(f, "t.actors", actors), PARLEY_OK);
    assert_int_equal(pl_dict_compile(&f->d, &f->msg), PARLEY_OK);
    match_text(f, "Turkey and turkey", out, sizeof out);
    assert_string_equal(out, "0-1:1");
    match_text(f, "US envoy told us", out, sizeof out);
    assert_string_equal(out, "0-1:1");
    match_text(f, "JAPAN", out, sizeof out); /* capitals in a headline still count */
    assert_string_equal(out, "0-1:1");
    match_text(f, "the Japanese envoy in Tokyo", out, sizeof out);
    assert_string_equal(out, "1-2:2 4-5:4");
}

static void test_longest_match_and_lemmas(void **state)
{
    fixture *f = *state;
    char out[256];
    assert_int_equal(load(f, "t.actors", actors), PARLEY_OK);
    assert_int_equal(load(f, "t.agents", "GOV: minister; foreign minister\nMIL: troops\n"),
                     PARLEY_OK);
    assert_int_equal(pl_dict_compile(&f->d, &f->msg), PARLEY_OK);
    /* "foreign ministers" is one match by lemma, not "minister" alone. */
    match_text(f, "Japanese foreign ministers met John Kerry", out, sizeof out);
    assert_string_equal(out, "0-1:2 1-3:6 4-6:1");
    assert_int_equal(f->d.nagents, 3);
    assert_string_equal(f->d.agents[1].code, "GOV");
    assert_string_equal(f->d.agents[2].code, "MIL");
}

static void test_broken_lines_reported(void **state)
{
    fixture *f = *state;
    static const char text[] =
        "= OK_ONE\n"
        "  name: Fine Name\n"
        "  code: BADCODE 2021-99-01..2022-01-01\n" /* line 3: bad date */
        "  color: blue\n"                          /* line 4: unknown key, a warning */
        "  code: USAGOV 2022-01-01..2021-01-01\n"  /* line 5: from > to */
        "  code: USAGOV\n"                         /* line 6: fine */
        "name: No Indent\n"                        /* line 7: not indented */
        "= lower\n";                               /* line 8: bad id */
    assert_int_equal(load(f, "broken.actors", text), PARLEY_OK);
    assert_int_equal(f->log.errors, 4);
    assert_int_equal(f->log.warnings, 1);
    assert_int_equal(f->d.nactors, 1);
    assert_int_equal(f->d.actors[0].ncodes, 1); /* the good code line after bad ones loaded */
    assert_string_equal(f->log.last, "broken.actors:8: bad entry id 'lower' (want upper-case "
                                     "letters, digits, _)");
}

static void test_key_outside_entry(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "x.actors", "\n  name: Orphan\n"), PARLEY_OK);
    assert_int_equal(f->log.errors, 1);
    assert_int_equal(f->log.last_line, 2);
    assert_non_null(strstr(f->log.last, "outside an entry"));
}

static void test_verbs(void **state)
{
    fixture *f = *state;
    static const char text[] =
        "040  $ meet +\r\n"                    /* CRLF line ends */
        "040  $ meet virtually with +\r\n"
        "040  $ meet with +   # comment\n"
        "010  % issue * joint statement\n"
        "999999 $ meet +\n"                    /* line 5: code too long */
        "042  $ $ visit\n"                     /* line 6: a slot where the anchor goes */
        "042  $ +\n"                           /* line 7: no anchor at all */
        "043\n"                                /* line 8: no pattern */
        "042:043  $ pay * visit to +\n"        /* a code pair */
        "042  visit of $ to +\n"               /* a noun pattern */
        "173  + arrest by $\n"                 /* a passive */
        "040  $ meet % with\n";                /* line 12: % after the anchor */
    assert_int_equal(load(f, "t.verbs", text), PARLEY_OK);
    assert_int_equal(f->log.errors, 5);
    assert_int_equal(f->d.nverbs, 7);
    assert_int_equal(pl_dict_compile(&f->d, &f->msg), PARLEY_OK);
    size_t n;
    uint32_t meet = pl_strmap_get(&f->d.vocab, "meet", 4);
    const pl_verb_pattern *p = pl_verb_patterns(&f->d, meet, &n);
    assert_int_equal(n, 3);
    /* Before "virtually" only two patterns can fit, longest first. */
    pl_pattern_iter it;
    pl_pattern_iter_init(&f->d, meet, pl_strmap_get(&f->d.vocab, "virtually", 9), 0, &it);
    p = pl_pattern_iter_next(&it);
    assert_string_equal(p->text, "$ meet virtually with +");
    assert_int_equal(p->line, 2);
    assert_int_equal(p->nbefore, 1);
    assert_int_equal(p->before[0].kind, PL_IT_SOURCE);
    assert_int_equal(p->nafter, 3);
    assert_int_equal(p->after[2].kind, PL_IT_TARGET);
    assert_string_equal(pl_pattern_iter_next(&it)->text, "$ meet +");
    assert_null(pl_pattern_iter_next(&it));
    pl_pattern_iter_init(&f->d, meet, pl_strmap_get(&f->d.vocab, "with", 4), 0, &it);
    assert_string_equal(pl_pattern_iter_next(&it)->text, "$ meet with +");
    assert_string_equal(pl_pattern_iter_next(&it)->text, "$ meet +");
    assert_null(pl_pattern_iter_next(&it));
    p = pl_verb_patterns(&f->d, pl_strmap_get(&f->d.vocab, "issue", 5), &n);
    assert_int_equal(n, 1);
    assert_true(p->joint);
    assert_int_equal(p->after[0].kind, PL_IT_SKIP);
    p = pl_verb_patterns(&f->d, pl_strmap_get(&f->d.vocab, "pay", 3), &n);
    assert_string_equal(p->code, "042");
    assert_string_equal(p->code2, "043");
    p = pl_verb_patterns(&f->d, pl_strmap_get(&f->d.vocab, "visit", 5), &n);
    assert_int_equal(n, 1);
    assert_true(p->noun);
    assert_int_equal(p->nbefore, 0);
    assert_int_equal(p->after[1].kind, PL_IT_SOURCE);
    p = pl_verb_patterns(&f->d, pl_strmap_get(&f->d.vocab, "arrest", 6), &n);
    assert_int_equal(p->before[0].kind, PL_IT_TARGET);
    assert_int_equal(p->after[1].kind, PL_IT_SOURCE);
    assert_int_equal(f->d.nroots, 5);
}

static void test_events_and_discards(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "t.events", "042 1.9 1 Make a visit\n190 -10.0 4 Fight\n"
                                         "042 2.0 1 Again\n"
                                         "050 11 1 Out of range\n"),
                     PARLEY_OK);
    assert_int_equal(f->log.warnings, 1);
    assert_int_equal(f->log.errors, 1);
    const pl_event_code *e = pl_event_code_find(&f->d, "042");
    assert_non_null(e);
    assert_true(e->goldstein > 1.89 && e->goldstein < 1.91);
    assert_int_equal(e->quad, 1);
    assert_string_equal(e->name, "Make a visit");
    assert_null(pl_event_code_find(&f->d, "050"));
    assert_int_equal(load(f, "t.discards", "sentence: football; box office\nstory: horoscope\n"
                                           "bogus line\n"),
                     PARLEY_OK);
    assert_int_equal(f->d.discards, 3);
    assert_int_equal(f->log.errors, 2);
}

static void test_paths(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "notes.txt", "x"), PARLEY_EINVAL);
    assert_non_null(strstr(f->msg.data, "not a dictionary file"));
    pl_buf_clear(&f->msg);
    assert_int_equal(pl_dict_load_path(&f->d, "/nonexistent/dir", &f->msg), PARLEY_EIO);
    assert_string_equal(f->msg.data, "/nonexistent/dir: No such file or directory");
    pl_buf_clear(&f->msg);
    assert_int_equal(pl_dict_compile(&f->d, &f->msg), PARLEY_EDICT);
}

static void test_nul_byte_line(void **state)
{
    fixture *f = *state;
    static const char text[] = "GOV: minister\nMIL: tro\0ops\nCOP: police\n";
    assert_int_equal(pl_dict_load_text(&f->d, "nul.agents", text, sizeof text - 1, &f->msg),
                     PARLEY_OK);
    assert_int_equal(f->log.errors, 1);
    assert_int_equal(f->log.last_line, 2);
    assert_int_equal(f->d.nagents, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_date_parse),
        cmocka_unit_test_setup_teardown(test_actor_codes_by_date, dict_setup, dict_teardown),
        cmocka_unit_test_setup_teardown(test_case_rules, dict_setup, dict_teardown),
        cmocka_unit_test_setup_teardown(test_longest_match_and_lemmas, dict_setup, dict_teardown),
        cmocka_unit_test_setup_teardown(test_broken_lines_reported, dict_setup, dict_teardown),
        cmocka_unit_test_setup_teardown(test_key_outside_entry, dict_setup, dict_teardown),
        cmocka_unit_test_setup_teardown(test_verbs, dict_setup, dict_teardown),
        cmocka_unit_test_setup_teardown(test_events_and_discards, dict_setup, dict_teardown),
        cmocka_unit_test_setup_teardown(test_paths, dict_setup, dict_teardown),
        cmocka_unit_test_setup_teardown(test_nul_byte_line, dict_setup, dict_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
