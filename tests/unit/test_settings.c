/* test_settings.c: the coder options that carry TABARI's settings (parley_code_opts):
 * its rules for sides no phrase next to the verb names, DEFAULT codes, CODE BY, MINIMUM
 * WORDS, FORWARD, COMMA and its roles, and TABARI's discarding time phrases and dated
 * discards. A small TABARI dictionary written here; the sentences are made up. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

static const char actors[] = "FREEDONIA_ [FRD]\nSYLVANIA_ [SYL]\nGRAUSTARK_ [GRK]\n"
                             "MARSOVIA_ [MRS <900101] [###]\nRUDOLF_ [FRD]\n";
static const char agents[] = "PRESIDENT_ [~GOV]\n";
static const char verbs[] = "RESTORE [064]\nURGE [102]\nCONDEMN [122]\nPRAISE [051]\n"
                            "SHOT [190]\n- + WAS * DOWN [191]\n"
                            "WELCOME [---]\n- $ * +  [057]\n"
                            "<TIME>\nONCE_IN_A_BLUE_MOON [###]\nLAST_WEEK [-7]\n</TIME>\n";

static int ctx_setup(void **state)
{
    parley_ctx *ctx = parley_ctx_new();
    if (!ctx || parley_ctx_load_dict_text(ctx, "s.actors", actors, strlen(actors)) ||
        parley_ctx_load_dict_text(ctx, "s.agents", agents, strlen(agents)) ||
        parley_ctx_load_dict_text(ctx, "s.verbs", verbs, strlen(verbs)))
        return -1;
    *state = ctx;
    return 0;
}

static int ctx_teardown(void **state)
{
    parley_ctx_free(*state);
    return 0;
}

static const char *coded(parley_ctx *ctx, const char *text, const parley_code_opts *opts)
{
    return code_events_with(ctx, "1995-01-01", text, opts, NULL);
}

/* A default source stands in for a subject no dictionary knows, a default target for an
 * object that is not there; without them neither codes. */
static void test_default_codes(void **state)
{
    parley_ctx *ctx = *state;
    const char *unknown_subject = "Talks restored ties with Sylvania and Graustark.";
    parley_code_opts none = {0};
    parley_code_opts defaults = {.default_source = "DEF", .default_target = "DFT"};
    assert_string_equal(coded(ctx, unknown_subject, &none), "");
    assert_string_equal(coded(ctx, unknown_subject, &defaults), "DEF SYL 064\nDEF GRK 064\n");
    assert_string_equal(coded(ctx, "Freedonia restored ties.", &none), "");
    assert_string_equal(coded(ctx, "Freedonia restored ties.", &defaults), "FRD DFT 064\n");
}

/* TABARI's rules: a verb whose subject no dictionary names takes the source of the last
 * verb that coded in the sentence, else the first actor of its clause, before the verb or
 * after it; the nearest actor before the verb is acted on when none comes after it. They
 * come before the default codes. */
static void test_tabari_sides(void **state)
{
    parley_ctx *ctx = *state;
    parley_code_opts none = {0};
    parley_code_opts sides = {.flags = PARLEY_CODE_SOURCE_AFTER | PARLEY_CODE_TARGET_BEFORE};
    parley_code_opts both = sides;
    both.default_source = "DEF";
    both.default_target = "DFT";
    assert_string_equal(coded(ctx, "Talks restored ties with Sylvania and Graustark.", &sides),
                        "SYL GRK 064\n");
    assert_string_equal(coded(ctx, "Talks restored ties with Sylvania.", &sides), "");
    assert_string_equal(coded(ctx, "Talks restored ties with Sylvania.", &both), "SYL DFT 064\n");
    assert_string_equal(coded(ctx, "With Sylvania, Freedonia restored ties.", &sides),
                        "FRD SYL 064\n");
    assert_string_equal(coded(ctx, "In Graustark, talks restored ties with Sylvania.", &sides),
                        "GRK SYL 064\n");
    /* a target the pattern took before the verb is not the source too: the first actor
     * after the pattern is */
    assert_string_equal(coded(ctx, "A Sylvania plane was shot down over Freedonia.", &sides),
                        "FRD SYL 191\n");
    assert_string_equal(coded(ctx, "Freedonia urged Sylvania to restore ties.", &none),
                        "FRD SYL 102\n");
    assert_string_equal(coded(ctx, "Freedonia urged Sylvania to restore ties.", &sides),
                        "FRD SYL 102\nFRD SYL 064\n");
    /* the agent of a passive is not carried on */
    assert_string_equal(coded(ctx, "Sylvania was condemned by Freedonia to restore ties with "
                                   "Graustark.", &sides),
                        "FRD SYL 122\nSYL GRK 064\n");
    /* a side found after the verb is its clause's, and a source found there is not
     * carried on to the next clause's verb: only a subject's is */
    assert_string_equal(coded(ctx, "Talks condemned the attack and Freedonia praised Sylvania.",
                              &sides),
                        "FRD SYL 051\n");
    assert_string_equal(coded(ctx, "Talks condemned Freedonia; crowds praised Sylvania.", &sides),
                        "SYL FRD 051\n");
    /* the speaker of another verb is no side of this one */
    assert_string_equal(coded(ctx, "Talks restored ties, a Sylvania president said.", &sides),
                        "");
}

/* TABARI's clause conventions: a "that" clause's verb takes the source of the clause
 * before it, and with TABARI's sides its subject as target unless an actor follows the
 * verb; a subject from an earlier clause is none, and the first actor of the verb's own
 * clause acts, past "that", and the first actor after the verb there is acted on; what a
 * report says codes; a list in a prepositional phrase acts whole; a pronoun after the
 * verb stands for the clause's source, so its subject is the target; a `$` next to the
 * verb is the actor there. */
static void test_clause_source(void **state)
{
    parley_ctx *ctx = *state;
    unsigned sides = PARLEY_CODE_SOURCE_AFTER | PARLEY_CODE_TARGET_BEFORE;
    parley_code_opts plain = {.flags = sides};
    parley_code_opts clauses = {.flags = sides | PARLEY_CODE_CLAUSE_SOURCE};
    const char *asked = "Freedonia asked that Sylvania restore ties.";
    assert_string_equal(coded(ctx, asked, &plain), "SYL FRD 064\n");
    assert_string_equal(coded(ctx, asked, &clauses), "FRD SYL 064\n");
    const char *noted = "Freedonia noted that Sylvania praised Graustark.";
    assert_string_equal(coded(ctx, noted, &plain), "SYL GRK 051\n");
    assert_string_equal(coded(ctx, noted, &clauses), "FRD GRK 051\n");
    const char *earlier = "Freedonia hesitated and condemned that Sylvania praised Graustark.";
    assert_string_equal(coded(ctx, earlier, &plain), "FRD SYL 122\nSYL GRK 051\n");
    assert_string_equal(coded(ctx, earlier, &clauses), "SYL GRK 122\nSYL GRK 051\n");
    /* a report's "that" clause codes, as TABARI reads every one */
    const char *report = "Freedonia dismissed reports that Sylvania praised Graustark.";
    assert_string_equal(coded(ctx, report, &plain), "");
    assert_string_equal(coded(ctx, report, &clauses), "FRD GRK 051\n");
    /* every member of a list in a prepositional phrase acts; without the convention, no
     * member is the subject, and TABARI's side rules take the clause's first actor */
    const char *between = "Talks between Freedonia and Sylvania restored ties with Graustark.";
    assert_string_equal(coded(ctx, between, &plain), "FRD GRK 064\n");
    assert_string_equal(coded(ctx, between, &clauses), "FRD GRK 064\nSYL GRK 064\n");
    /* the target is the first actor after the verb in its clause, a speaker too */
    const char *which = "Freedonia praised the talks in which Sylvania officials said much.";
    assert_string_equal(coded(ctx, which, &plain), "");
    assert_string_equal(coded(ctx, which, &clauses), "FRD SYL 051\n");
    /* a pronoun after the clause's verb stands for its source: the subject is acted on */
    const char *them = "Freedonia and Graustark asked that Sylvania restore ties with them.";
    assert_string_equal(coded(ctx, them, &clauses), "FRD SYL 064\nGRK SYL 064\n");
    /* a `$` next to the verb is the actor there, after a preposition too, unless a comma
     * sets it in an aside */
    const char *next_to = "Freedonia in talks with Sylvania welcomed Graustark.";
    assert_string_equal(coded(ctx, next_to, &plain), "FRD GRK 057\n");
    assert_string_equal(coded(ctx, next_to, &clauses), "SYL GRK 057\n");
    const char *aside = "Freedonia, in talks with Sylvania welcomed Graustark.";
    assert_string_equal(coded(ctx, aside, &clauses), "FRD GRK 057\n");
}

/* TABARI's default target passes over names no dictionary codes. */
static void test_skip_unknown(void **state)
{
    parley_ctx *ctx = *state;
    parley_code_opts plain = {0}, skip = {.flags = PARLEY_CODE_SKIP_UNKNOWN};
    const char *text = "Freedonia restored ties with Boromir in Sylvania and Graustark.";
    assert_string_equal(coded(ctx, text, &plain), "");
    assert_string_equal(coded(ctx, text, &skip), "FRD SYL 064\nFRD GRK 064\n");
    assert_string_equal(coded(ctx, "Freedonia restored ties with Freedonia and Sylvania.", &skip),
                        "FRD SYL 064\n");
}

/* CODE BY: every verb, the first verb that codes in each clause ("but", "and" end one; a
 * comma does not), or the first in the sentence. */
static void test_code_by(void **state)
{
    parley_ctx *ctx = *state;
    const char *text = "Freedonia condemned Sylvania, praised Graustark but Sylvania condemned "
                       "Graustark and praised Freedonia.";
    parley_code_opts all = {0};
    parley_code_opts clause = {.flags = PARLEY_CODE_BY_CLAUSE};
    parley_code_opts sentence = {.flags = PARLEY_CODE_BY_SENTENCE};
    assert_string_equal(coded(ctx, text, &all),
                        "FRD SYL 122\nSYL GRK 051\nSYL GRK 122\nSYL FRD 051\n");
    assert_string_equal(coded(ctx, text, &clause), "FRD SYL 122\nSYL GRK 122\nSYL FRD 051\n");
    assert_string_equal(coded(ctx, text, &sentence), "FRD SYL 122\n");
}

/* A sentence of fewer words than the minimum codes nothing; "'s" is no word. */
static void test_min_words(void **state)
{
    parley_ctx *ctx = *state;
    parley_code_opts four = {.min_words = 4}, three = {.min_words = 3};
    assert_string_equal(coded(ctx, "Freedonia condemned Sylvania.", &four), "");
    assert_string_equal(coded(ctx, "Freedonia condemned Sylvania.", &three), "FRD SYL 122\n");
    assert_string_equal(coded(ctx, "Freedonia's president condemned Sylvania.", &four),
                        "FRDGOV SYL 122\n");
    parley_code_opts five = {.min_words = 5};
    assert_string_equal(coded(ctx, "Freedonia's president condemned Sylvania.", &five), "");
    /* words are counted before an aside is dropped */
    parley_code_opts six = {.min_words = 6, .commas = {2, 10, 2, 10, 0, 0}};
    assert_string_equal(coded(ctx, "Freedonia, the president said, condemned Sylvania.", &six),
                        "FRD SYL 122\n");
}

/* FORWARD: a pronoun opening on an earlier sentence is its first named actor, without the
 * agent, even when that sentence named it after a pronoun of its own. */
static void test_forward_actor(void **state)
{
    parley_ctx *ctx = *state;
    parley_code_opts plain = {0}, forward = {.flags = PARLEY_CODE_FORWARD_ACTOR};
    const char *person = "The Freedonia president spoke on Monday. He condemned Sylvania.";
    const char *chain = "Freedonia spoke with Sylvania. It praised Graustark. Later it "
                        "condemned Sylvania.";
    assert_string_equal(coded(ctx, person, &plain), "FRDGOV SYL 122\n");
    assert_string_equal(coded(ctx, person, &forward), "FRD SYL 122\n");
    assert_string_equal(coded(ctx, chain, &plain), "FRD GRK 051\nFRD SYL 122\n");
    assert_string_equal(coded(ctx, chain, &forward), "FRD GRK 051\nGRK SYL 122\n");
}

/* A TABARI time phrase coded [###] discards the sentence; time shifts are not read. */
static void test_time_discard(void **state)
{
    parley_ctx *ctx = *state;
    assert_string_equal(coded(ctx, "Once in a blue moon Freedonia condemned Sylvania.", NULL), "");
    assert_string_equal(coded(ctx, "Last week Freedonia condemned Sylvania.", NULL),
                        "FRD SYL 122\n");
    /* a name whose code is [###] for the sentence's date discards it; before that date
     * it is an actor */
    const char *marsovia = "Freedonia condemned Sylvania and Marsovia.";
    assert_string_equal(coded(ctx, marsovia, NULL), "");
    assert_string_equal(code_events_with(ctx, "1989-01-01", marsovia, NULL, NULL),
                        "FRD SYL 122\nFRD MRS 122\n");
}

/* TABARI's roles: a role only for the country right next to it, and only the first of a
 * list of countries after it. */
static void test_adjacent_roles(void **state)
{
    parley_ctx *ctx = *state;
    parley_code_opts none = {0}, adjacent = {.flags = PARLEY_CODE_ADJACENT_ROLES};
    const char *described = "Freedonia's new and popular president condemned Sylvania.";
    assert_string_equal(coded(ctx, described, &none), "FRDGOV SYL 122\n");
    assert_string_equal(coded(ctx, described, &adjacent), "FRD SYL 122\n");
    assert_string_equal(coded(ctx, "Freedonia's president condemned Sylvania.", &adjacent),
                        "FRDGOV SYL 122\n");
    /* the titled name a possessive owns past a word is the possessor's phrase */
    const char *titled = "Freedonia's first President Rudolf condemned Sylvania.";
    assert_string_equal(coded(ctx, titled, &none), "FRDGOV SYL 122\n");
    assert_string_equal(coded(ctx, titled, &adjacent), "FRD SYL 122\n");
    const char *listed = "The presidents of Freedonia and Graustark condemned Sylvania.";
    assert_string_equal(coded(ctx, listed, &none), "FRDGOV SYL 122\nGRKGOV SYL 122\n");
    assert_string_equal(coded(ctx, listed, &adjacent), "FRDGOV SYL 122\nGRK SYL 122\n");
}

/* COMMA: asides of so many words between commas or after the last one are dropped before
 * coding, and so is an opening clause when asked; a list of actors closed by "and" is no
 * aside. */
static void test_comma_clauses(void **state)
{
    parley_ctx *ctx = *state;
    parley_code_opts plain = {0};
    parley_code_opts tabari = {.commas = {2, 10, 2, 10, 0, 0}};
    parley_code_opts opening = {.commas = {0, 0, 0, 0, 3, 8}};
    const char *closing = "Freedonia condemned the attack on Sylvania, a Graustark ally.";
    const char *between = "Freedonia, the president said, condemned Sylvania.";
    const char *list = "Freedonia condemned Sylvania, Graustark and the president.";
    const char *first = "Sylvania praised Graustark, Freedonia condemned Graustark.";
    assert_string_equal(coded(ctx, closing, &plain), "FRD SYL 122\nFRD GRK 122\n");
    assert_string_equal(coded(ctx, closing, &tabari), "FRD SYL 122\n");
    /* a reporting aside between a subject and its verb is passed over anyway */
    assert_string_equal(coded(ctx, between, &plain), "FRD SYL 122\n");
    assert_string_equal(coded(ctx, between, &tabari), "FRD SYL 122\n");
    assert_string_equal(coded(ctx, list, &tabari), "FRD SYL 122\nFRD GRK 122\n");
    assert_string_equal(coded(ctx, first, &plain), "SYL GRK 051\nFRD GRK 122\n");
    assert_string_equal(coded(ctx, first, &opening), "FRD GRK 122\n");
    /* only the clause before the first comma opens the sentence, not all that stands
     * before a later one */
    parley_code_opts up_to_ten = {.commas = {0, 0, 0, 0, 3, 10}};
    const char *four = "Sylvania praised Graustark, Freedonia condemned Graustark, Sylvania "
                       "praised Freedonia, Graustark condemned Sylvania.";
    assert_string_equal(coded(ctx, four, &up_to_ten),
                        "FRD GRK 122\nSYL FRD 051\nGRK SYL 122\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_default_codes, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_tabari_sides, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_clause_source, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_skip_unknown, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_code_by, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_min_words, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_forward_actor, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_time_discard, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_comma_clauses, ctx_setup, ctx_teardown),
        cmocka_unit_test_setup_teardown(test_adjacent_roles, ctx_setup, ctx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
