/* test_code.c: the coder through the public API, on small dictionaries written here. Each
 * test codes a story and compares the events, written "SOURCE TARGET CODE" one a line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "parley.h"

static const char actors[] =
    "= USA\n  type: country\n  code: USA\n  name: United States; U.S.; US\n"
    "  adj: American; U.S.\n  capital: Washington\n"
    "= JPN\n  type: country\n  code: JPN\n  name: Japan\n  adj: Japanese\n  capital: Tokyo\n"
    "= CHN\n  type: country\n  code: CHN\n  name: China; People's Republic of China\n"
    "  adj: Chinese\n  capital: Beijing\n"
    "= RUS\n  type: country\n  code: RUS\n  name: Russia\n  adj: Russian\n  capital: Moscow\n"
    "= UKR\n  type: country\n  code: UKR\n  name: Ukraine\n  adj: Ukrainian\n  capital: Kyiv\n"
    "= UNO\n  type: igo\n  code: IGOUNO\n  name: United Nations; UN\n"
    "= JOHN_KERRY\n  type: person\n  name: John Kerry\n"
    "  code: USAGOV 2013-02-01..2017-01-20\n  code: USAGOV 2021-01-20..2024-03-06\n";
static const char agents[] =
    "GOV: government; minister; foreign minister; prime minister; envoy; official\n"
    "MIL: troops; army\nCOP: police\nREB: rebel\nNGO: NGO\n";
static const char verbs[] =
    "040  $ meet with +\n040  $ meet +\n040  % meet\n042  $ visit +\n042  $ travel to +\n"
    "010  % issue * joint statement\n111  $ condemn +\n173  $ arrest +\n190  $ attack +\n"
    "042  visit of $ to +\n173  + arrest by $\n042:043  $ pay * visit to +\n";
static const char discards[] = "sentence: football match\nstory: horoscope\n";

static parley_ctx *new_ctx(void)
{
    parley_ctx *ctx = ctx_with_dicts("t.actors", actors, "t.agents", agents, "t.verbs", verbs,
                                     "t.discards", discards, NULL);
    assert_non_null(ctx);
    assert_int_equal(parley_ctx_compile(ctx), PARLEY_OK);
    return ctx;
}

static int setup(void **state)
{
    *state = new_ctx();
    return 0;
}

static int teardown(void **state)
{
    parley_ctx_free(*state);
    return 0;
}

/* The events of `text` (see helpers.h). */
static const char *code(void **state, const char *date, const char *text)
{
    return code_events(*state, date, text);
}

static void test_title_and_adjective(void **state)
{
    assert_string_equal(code(state, "2021-09-01", "Japanese Foreign Minister Taro Sato met with "
                                                  "Chinese officials on Monday."),
                        "JPNGOV CHNGOV 040\n");
}

static void test_compound_target_and_dedupe(void **state)
{
    /* Officials of one government collapse into one event per sentence. */
    assert_string_equal(code(state, "2021-09-01", "The U.S. envoy met with Prime Minister Ito, "
                                                  "Japanese officials and Chinese troops."),
                        "USAGOV JPNGOV 040\nUSAGOV CHNMIL 040\n");
    /* A list that "and" closed ends where another one opens after a comma. */
    assert_string_equal(code(state, "2021-09-01", "Japan condemned the United States, Russia "
                                                  "and Ukraine, China and Japan."),
                        "JPN USA 111\nJPN RUS 111\nJPN UKR 111\n");
}

static void test_place_context(void **state)
{
    assert_string_equal(code(state, "2021-09-01", "In Tokyo, the U.S. envoy met with Prime "
                                                  "Minister Ito."),
                        "USAGOV JPNGOV 040\n");
}

/* A role whose country comes from context is marked inferred; one named in the phrase not. */
static void test_inferred_flag(void **state)
{
    static const char text[] = "In Tokyo, Prime Minister Ito met with the U.S. envoy.";
    parley_story *story = parley_story_new("t", "2021-09-01", "", text, sizeof text - 1);
    parley_events *ev = NULL;
    assert_int_equal(parley_code(*state, story, &ev), PARLEY_OK);
    assert_int_equal(parley_events_count(ev), 1);
    const parley_event *e = parley_events_get(ev, 0);
    assert_string_equal(e->source.code, "JPNGOV");
    assert_int_equal(e->source.inferred, 1);
    assert_string_equal(e->target.code, "USAGOV");
    assert_int_equal(e->target.inferred, 0);
    assert_string_equal(e->place->name, "Tokyo");
    parley_events_free(ev);
    parley_story_free(story);
}

static void test_earlier_mention_beats_context(void **state)
{
    assert_string_equal(code(state, "2021-09-01",
                             "U.S. envoy Mark Ellis arrived on Monday.\n\n"
                             "In Tokyo, Envoy Ellis met with Minister Ito."),
                        "USAGOV JPNGOV 040\n");
}

static void test_person_by_date(void **state)
{
    const char *text = "John Kerry visited China.";
    assert_string_equal(code(state, "2021-09-01", text), "USAGOV CHN 042\n");
    assert_string_equal(code(state, "2019-05-01", text), ""); /* no role then */
}

static void test_visit_capital_is_country(void **state)
{
    assert_string_equal(code(state, "2021-09-01", "Russian troops attacked Kyiv. The Japanese "
                                                  "minister traveled to Beijing."),
                        "RUSMIL UKRGOV 190\nJPNGOV CHN 042\n");
}

static void test_joint_and_negation(void **state)
{
    assert_string_equal(code(state, "2021-09-01", "Japan and China issued a joint statement."),
                        "JPN CHN 010\nCHN JPN 010\n");
    /* a joint pattern's members: the coordination before the verb, not a lone subject */
    assert_string_equal(code(state, "2021-09-01", "The leaders of Japan and China issued a "
                                                  "joint statement."),
                        "JPN CHN 010\nCHN JPN 010\n");
    assert_string_equal(code(state, "2021-09-01", "In Japan, the minister issued a joint "
                                                  "statement."),
                        "");
    assert_string_equal(code(state, "2021-09-01", "Japan and China did not meet."), "");
    assert_string_equal(code(state, "2021-09-01", "Japan did not condemn China."), "");
}

static void test_list_in_prepositional_phrase(void **state)
{
    /* the list after "with" is no subject; the country before it is */
    assert_string_equal(code(state, "2021-09-01", "Japan with Russia and Ukraine condemned "
                                                  "China on Monday."),
                        "JPN CHN 111\n");
    /* "after" may open a clause: its list keeps its verb (the member right after the
     * preposition is still left out of a subject list) */
    assert_string_equal(code(state, "2021-09-01", "Talks ended after Japan and Ukraine "
                                                  "condemned China."),
                        "UKR CHN 111\n");
}

static void test_apposition_and_igo(void **state)
{
    assert_string_equal(code(state, "2021-09-01", "The UN condemned Mika Tanaka, a Japanese "
                                                  "official, on Friday."),
                        "IGOUNO JPNGOV 111\n");
    /* an unknown name restated by another is one phrase, here inside an aside */
    assert_string_equal(
        code(state, "2021-09-01", "Russia, wary of Ivo Zorvan, the Kestrel condemned China."),
        "RUS CHN 111\n");
}

static void test_noun_use_and_one_actor(void **state)
{
    assert_string_equal(code(state, "2021-09-01", "The visit of the Japanese minister ended."),
                        "");
    assert_string_equal(code(state, "2021-09-01", "Police arrested three men in Tokyo."), "");
}

static void test_noun_passive_and_pairs(void **state)
{
    assert_string_equal(code(state, "2021-09-01", "The visit of the Japanese minister to China "
                                                  "ended."),
                        "JPNGOV CHN 042\n");
    assert_string_equal(code(state, "2021-09-01", "Three Chinese officials were arrested by "
                                                  "Japanese police."),
                        "JPNCOP CHNGOV 173\n");
    assert_string_equal(code(state, "2021-09-01", "The Japanese envoy paid a visit to Russia."),
                        "JPNGOV RUS 042\nRUS JPNGOV 043\n");
}

static void test_discards(void **state)
{
    assert_string_equal(code(state, "2021-09-01", "Japan attacked China in a football match."),
                        "");
    assert_string_equal(code(state, "2021-09-01", "Japan attacked China. Your horoscope."), "");
}

static void test_pattern_and_span(void **state)
{
    static const char text[] = "Yesterday the Japanese envoy met with Russian officials.";
    parley_story *story = parley_story_new("t", "2021-09-01", "", text, sizeof text - 1);
    parley_events *ev = NULL;
    assert_int_equal(parley_code(*state, story, &ev), PARLEY_OK);
    assert_int_equal(parley_events_count(ev), 1);
    const parley_event *e = parley_events_get(ev, 0);
    assert_string_equal(e->pattern, "t.verbs:1 $ meet with +");
    assert_string_equal(e->source.text, "the Japanese envoy");
    assert_string_equal(e->target.text, "Russian officials");
    assert_int_equal(e->span_start, 10);
    assert_int_equal(e->span_end, sizeof text - 2);
    assert_string_equal(e->root, "04");
    assert_int_equal(e->sentence, 1);
    /* "Yesterday" dates it, and says so */
    assert_string_equal(e->date, "2021-08-31");
    assert_null(e->date_end);
    assert_string_equal(e->date_precision, "day");
    assert_string_equal(e->date_basis, "text");
    assert_string_equal(e->date_text, "Yesterday");
    assert_int_equal(parley_events_sentences(ev), 1);
    parley_events_free(ev);
    parley_story_free(story);
}

/* Worst cases: a compound of 10,000 actors and a sentence of 50,000 tokens code without
 * trouble and within the list limit. */
static void test_pathological_sizes(void **state)
{
    size_t cap = 50000 * 3 + 64, len;
    char *text = malloc(cap);
    assert_non_null(text);
    len = (size_t)sprintf(text, "Japan met with China");
    for (int i = 1; i < 10000; i++) len += (size_t)sprintf(text + len, ", China");
    strcpy(text + len, ".");
    const char *out = code(state, "2021-09-01", text);
    assert_string_equal(out, "JPN CHN 040\n");
    len = 0;
    for (int i = 0; i < 50000; i++) len += (size_t)sprintf(text + len, "ab ");
    out = code(state, "2021-09-01", text);
    assert_string_equal(out, "");
    free(text);
}

/* Saved compiled dictionaries load back and code the same; a damaged file is refused. */
static void test_compiled_round_trip(void **state)
{
    char path[] = "/tmp/parley-test-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(parley_ctx_save_dict(*state, path), PARLEY_OK);
    parley_ctx *loaded = parley_ctx_new();
    assert_int_equal(parley_ctx_load_dict(loaded, path), PARLEY_OK);
    assert_int_equal(parley_ctx_compile(loaded), PARLEY_OK);
    assert_string_equal(parley_ctx_dict_hash(loaded), parley_ctx_dict_hash(*state));
    static const char *texts[] = {
        "Japanese Foreign Minister Taro Sato met with Chinese officials on Monday.",
        "Three Chinese officials were arrested by Japanese police.",
        "Japan and China issued a joint statement.", "John Kerry visited China."};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        char expected[4096];
        snprintf(expected, sizeof expected, "%s", code(state, "2021-09-01", texts[i]));
        void *mine = loaded;
        assert_string_equal(code(&mine, "2021-09-01", texts[i]), expected);
    }
    parley_ctx_free(loaded);
    /* Flip one byte in the middle: the checksum refuses the file. */
    FILE *f = fopen(path, "r+b");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, size / 2, SEEK_SET);
    int c = fgetc(f);
    fseek(f, size / 2, SEEK_SET);
    fputc(c ^ 0x55, f);
    fclose(f);
    parley_ctx *damaged = parley_ctx_new();
    assert_int_equal(parley_ctx_load_dict(damaged, path), PARLEY_EDICT);
    assert_non_null(strstr(parley_errmsg(damaged), "damaged compiled dictionary"));
    parley_ctx_free(damaged);
    unlink(path);
}

/* Events coded with a parse (parley_code_opts.parse) into out; the coder's status. */
static parley_status code_parsed(void **state, const char *text, const char *parse, char *out,
                                 size_t outlen)
{
    parley_code_opts opts = {.parse = parse};
    parley_status rc;
    snprintf(out, outlen, "%s", code_events_with(*state, "2021-09-01", text, &opts, &rc));
    return rc;
}

/* The parse says who the subject is, and which words are verbs. */
static void test_parse(void **state)
{
    char out[256];
    static const char text[] = "Japan, the Chinese say they met, condemned Russia.";
    assert_string_equal(code(state, "2021-09-01", text), "");
    assert_int_equal(code_parsed(state, text,
                                 "(ROOT (S (NP (NNP Japan)) (PRN (, ,) (S (NP (DT the) (NNPS "
                                 "Chinese)) (VP (VBP say) (SBAR (S (NP (PRP they)) (VP (VBD "
                                 "met)))))) (, ,)) (VP (VBD condemned) (NP (NNP Russia))) (. .)))",
                                 out, sizeof out),
                     PARLEY_OK);
    assert_string_equal(out, "JPN RUS 111\n");
    /* tagged as no verb: no event */
    assert_int_equal(code_parsed(state, "Japan condemned Russia.",
                                 "(ROOT (S (NP (NNP Japan)) (ADJP (JJ condemned) (NP (NNP "
                                 "Russia))) (. .)))",
                                 out, sizeof out),
                     PARLEY_OK);
    assert_string_equal(out, "");
    /* a broken parse is refused, with where */
    assert_int_equal(code_parsed(state, "Japan condemned Russia.", "(ROOT (S (NP Japan)",
                                 out, sizeof out),
                     PARLEY_EPARSE);
    assert_string_equal(parley_errmsg(*state), "t: parse: a node not closed at the end at byte 19");
}

/* A parse of "text" with the words that the parse tests below share. */
#define PARSED(state, text, parse, out) \
    assert_int_equal(code_parsed(state, text, parse, out, sizeof out), PARLEY_OK)

/* Its tags say verb or noun where the words before it would mislead. */
static void test_parse_tags(void **state)
{
    char out[256];
    static const char text[] = "Japan's new mayor visits Russia.";
    assert_string_equal(code(state, "2021-09-01", text), ""); /* "'s new mayor visits" */
    PARSED(state, text,
           "(ROOT (S (NP (NP (NNP Japan) (POS 's)) (JJ new) (NN mayor)) (VP (VBZ visits) "
           "(NP (NNP Russia))) (. .)))",
           out);
    assert_string_equal(out, "JPN RUS 042\n");
    /* a verb form right inside a noun phrase is a noun */
    PARSED(state, "Japan opposed attacking Russia.",
           "(ROOT (S (NP (NNP Japan)) (VP (VBD opposed) (NP (VBG attacking) (NNP Russia))) "
           "(. .)))",
           out);
    assert_string_equal(out, "");
}

/* Whose clause a verb is in, and which phrase of its subject acts. */
static void test_parse_subjects(void **state)
{
    char out[256];
    /* a clause with no subject joined by "and" shares the one before */
    PARSED(state, "Japan protested on Monday and yesterday condemned Russia.",
           "(ROOT (S (S (NP (NNP Japan)) (VP (VBD protested) (PP (IN on) (NP (NNP Monday))))) "
           "(CC and) (S (NP-TMP (NN yesterday)) (VP (VBD condemned) (NP (NNP Russia)))) (. .)))",
           out);
    assert_string_equal(out, "JPN RUS 111\n");
    /* a subject after "after" is the subject of its own clause (the words read it so too) */
    static const char after[] = "Tokyo protested after Russian troops attacked China.";
    assert_string_equal(code(state, "2021-09-01", after), "RUSMIL CHN 190\n");
    PARSED(state, after,
           "(ROOT (S (NP (NNP Tokyo)) (VP (VBD protested) (SBAR (IN after) (S (NP (JJ "
           "Russian) (NNS troops)) (VP (VBD attacked) (NP (NNP China)))))) (. .)))",
           out);
    assert_string_equal(out, "RUSMIL CHN 190\n");
    /* the possessor is not the phrase that acts */
    PARSED(state, "Russia's old foe Japan visited China.",
           "(ROOT (S (NP (NP (NNP Russia) (POS 's)) (JJ old) (NN foe) (NNP Japan)) (VP (VBD "
           "visited) (NP (NNP China))) (. .)))",
           out);
    assert_string_equal(out, "JPN CHN 042\n");
    /* a relative clause's verb: the phrase it describes acts (so the words read it too) */
    static const char relative[] = "The Japanese troops that attacked Russia withdrew.";
    assert_string_equal(code(state, "2021-09-01", relative), "JPNMIL RUS 190\n");
    PARSED(state, relative,
           "(ROOT (S (NP (NP (DT The) (JJ Japanese) (NNS troops)) (SBAR (WHNP (WDT that)) (S "
           "(VP (VBD attacked) (NP (NNP Russia)))))) (VP (VBD withdrew)) (. .)))",
           out);
    assert_string_equal(out, "JPNMIL RUS 190\n");
    /* members of a noun phrase the parse coordinates act together */
    PARSED(state, "Japan's sheep and the goats of Russia attacked China.",
           "(ROOT (S (NP (NP (NP (NNP Japan) (POS 's)) (NNS sheep)) (CC and) (NP (NP (DT the) "
           "(NNS goats)) (PP (IN of) (NP (NNP Russia))))) (VP (VBD attacked) (NP (NNP China))) "
           "(. .)))",
           out);
    assert_string_equal(out, "JPN CHN 190\nRUS CHN 190\n");
    /* "vowed to attack": the one who vows attacks; "urged China to attack": not Japan */
    PARSED(state, "Japan vowed on Monday to attack Russia.",
           "(ROOT (S (NP (NNP Japan)) (VP (VBD vowed) (PP (IN on) (NP (NNP Monday))) (S (VP "
           "(TO to) (VP (VB attack) (NP (NNP Russia)))))) (. .)))",
           out);
    assert_string_equal(out, "JPN RUS 190\n");
    PARSED(state, "Japan urged China to attack Russia.",
           "(ROOT (S (NP (NNP Japan)) (VP (VBD urged) (NP (NNP China)) (S (VP (TO to) (VP (VB "
           "attack) (NP (NNP Russia)))))) (. .)))",
           out);
    assert_string_equal(out, "");
}

static void test_errors(void **state)
{
    (void)state;
    parley_ctx *ctx = parley_ctx_new();
    parley_story *story = parley_story_new("t", NULL, NULL, "x", 1);
    parley_events *ev = (parley_events *)1;
    assert_int_equal(parley_code(ctx, story, &ev), PARLEY_EDICT);
    assert_null(ev);
    assert_string_equal(parley_errmsg(ctx), "no dictionaries loaded");
    assert_int_equal(parley_ctx_load_dict(ctx, "/no/such/dir"), PARLEY_EIO);
    assert_string_equal(parley_errmsg(ctx), "/no/such/dir: No such file or directory");
    assert_int_equal(parley_code(NULL, story, &ev), PARLEY_EINVAL);
    assert_string_equal(parley_status_str(PARLEY_EPARSE), "malformed input");
    parley_story_free(story);
    parley_ctx_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_title_and_adjective),
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_parse_tags),
        cmocka_unit_test(test_parse_subjects),
        cmocka_unit_test(test_compound_target_and_dedupe),
        cmocka_unit_test(test_place_context),
        cmocka_unit_test(test_inferred_flag),
        cmocka_unit_test(test_earlier_mention_beats_context),
        cmocka_unit_test(test_person_by_date),
        cmocka_unit_test(test_visit_capital_is_country),
        cmocka_unit_test(test_joint_and_negation),
        cmocka_unit_test(test_list_in_prepositional_phrase),
        cmocka_unit_test(test_apposition_and_igo),
        cmocka_unit_test(test_noun_use_and_one_actor),
        cmocka_unit_test(test_noun_passive_and_pairs),
        cmocka_unit_test(test_discards),
        cmocka_unit_test(test_pattern_and_span),
        cmocka_unit_test(test_pathological_sizes),
        cmocka_unit_test(test_compiled_round_trip),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
