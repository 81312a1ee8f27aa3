/* test_text.c: the text stage: UTF-8 repair, normalization, sentences, tokens, lemmas. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "text/text.h"

#define COUNT(a) (sizeof(a) / sizeof *(a))

/* ---- UTF-8 repair ----------------------------------------------------------------------- */

typedef struct repair_case {
    const char *name, *in;
    size_t in_len;
    const char *out;
    long bad;
    size_t first_bad;
} repair_case;

#define R(name, in, out, bad, first) {name, in, sizeof(in) - 1, out, bad, first}
static const repair_case repair_cases[] = {
    R("valid ASCII unchanged", "Kerry met Lavrov.", "Kerry met Lavrov.", 0, 0),
    R("valid multibyte unchanged", "caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D \xF0\x9F\x98\x80",
      "caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D \xF0\x9F\x98\x80", 0, 0),
    R("invalid byte", "ab\xFF" "cd", "ab\xEF\xBF\xBD" "cd", 1, 2),
    R("Latin-1 byte", "caf\xE9!", "caf\xEF\xBF\xBD!", 1, 3),
    R("truncated sequence", "x\xE2\x80", "x\xEF\xBF\xBD", 1, 1),
    R("truncated sequence mid-text", "a\xE2\x80" "b", "a\xEF\xBF\xBD" "b", 1, 1),
    R("overlong slash", "a\xC0\xAF" "b", "a\xEF\xBF\xBD" "b", 1, 1),
    R("overlong three bytes", "\xE0\x80\xAF", "\xEF\xBF\xBD", 1, 0),
    R("surrogate", "x\xED\xA0\x80y", "x\xEF\xBF\xBDy", 1, 1),
    R("above U+10FFFF", "\xF4\x90\x80\x80", "\xEF\xBF\xBD", 1, 0),
    R("NUL byte", "a\0b", "a\xEF\xBF\xBD" "b", 1, 1),
    R("stray continuation", "\x80" "abc", "\xEF\xBF\xBD" "abc", 1, 0),
    R("two bad spots, first offset", "ok \xFF then \xFE", "ok \xEF\xBF\xBD then \xEF\xBF\xBD",
      2, 3),
};

static void test_repair(void **state)
{
    const repair_case *c = *state;
    pl_buf out = {0};
    size_t first = 12345;
    long bad = pl_utf8_repair(&out, c->in, c->in_len, &first);
    assert_int_equal(bad, c->bad);
    assert_non_null(out.data);
    assert_string_equal(out.data, c->out);
    assert_int_equal(out.len, strlen(c->out));
    if (c->bad) assert_int_equal(first, c->first_bad);
    else assert_int_equal(first, 12345); /* untouched when nothing was replaced */
    pl_buf_free(&out);
}

static void test_repair_appends(void **state)
{
    (void)state;
    pl_buf out = {0};
    assert_int_equal(pl_buf_append(&out, "pre:", 4), 0);
    assert_int_equal(pl_utf8_repair(&out, "a\xFF", 2, NULL), 1);
    assert_string_equal(out.data, "pre:a\xEF\xBF\xBD");
    pl_buf_free(&out);
}

/* ---- normalization ---------------------------------------------------------------------- */

typedef struct norm_case {
    const char *name, *in, *out;
    unsigned flags;
} norm_case;

static const norm_case norm_cases[] = {
    {"ASCII unchanged", "Kerry met Lavrov, 3,000 troops.", "Kerry met Lavrov, 3,000 troops.", 0},
    {"ASCII lower", "Kerry Met LAVROV", "kerry met lavrov", PL_NORM_LOWER},
    {"curly single quotes", "\xE2\x80\x98yes\xE2\x80\x99 Japan\xE2\x80\x99s", "'yes' Japan's", 0},
    {"low and reversed single quotes", "\xE2\x80\x9Ax\xE2\x80\x9B", "'x'", 0},
    {"curly double quotes", "\xE2\x80\x9CWe agree,\xE2\x80\x9D he said", "\"We agree,\" he said",
     0},
    {"low and reversed double quotes", "\xE2\x80\x9Ex\xE2\x80\x9F", "\"x\"", 0},
    {"guillemets", "\xC2\xAB" "Non" "\xC2\xBB", "\"Non\"", 0},
    {"primes", "5\xE2\x80\xB2" "10\xE2\x80\xB3", "5'10\"", 0},
    {"modifier apostrophe", "Hawai\xCA\xBCi", "Hawai'i", 0},
    {"dashes", "a\xE2\x80\x90" "b\xE2\x80\x91" "c\xE2\x80\x92" "d\xE2\x80\x93" "e\xE2\x80\x94"
               "f\xE2\x80\x95" "g",
     "a-b-c-d-e-f-g", 0},
    {"minus sign", "\xE2\x88\x92" "5", "-5", 0},
    {"small and fullwidth hyphens", "\xEF\xB9\xA3" "x\xEF\xBC\x8D", "-x-", 0},
    {"two-em dash by category", "a\xE2\xB8\xBA" "b", "a-b", 0},
    {"no-break space", "10\xC2\xA0km", "10 km", 0},
    {"thin and narrow spaces", "a\xE2\x80\x89" "b\xE2\x80\xAF" "c", "a b c", 0},
    {"ideographic and em spaces", "a\xE3\x80\x80" "b\xE2\x80\x83" "c", "a b c", 0},
    {"soft hyphen removed", "pre\xC2\xAD" "recorded", "prerecorded", 0},
    {"zero-width characters removed",
     "a\xE2\x80\x8B" "b\xE2\x80\x8C" "c\xE2\x80\x8D" "d\xE2\x81\xA0" "e\xEF\xBB\xBF" "f",
     "abcdef", 0},
    {"NFKC ligature", "\xEF\xAC\x81" "nance", "finance", 0},
    {"NFKC fullwidth", "\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\xA3", "ABC", 0},
    {"NFKC ellipsis", "wait\xE2\x80\xA6", "wait...", 0},
    {"NFKC composes an ASCII base and a combining mark", "cafe\xCC\x81", "caf\xC3\xA9", 0},
    {"NFKC keeps precomposed letters", "S\xC3\xA3o Paulo", "S\xC3\xA3o Paulo", 0},
    {"case fold accented", "\xC3\x89" "COLE", "\xC3\xA9" "cole", PL_NORM_LOWER},
    {"case fold sharp s", "Stra\xC3\x9F" "e", "strasse", PL_NORM_LOWER},
    {"case fold Cyrillic", "\xD0\x9C\xD0\x9E\xD0\xA1\xD0\x9A\xD0\x92\xD0\x90",
     "\xD0\xBC\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0", PL_NORM_LOWER},
    {"lower with curly apostrophe", "PEOPLE\xE2\x80\x99S", "people's", PL_NORM_LOWER},
    {"empty", "", "", 0},
};

static void test_normalize(void **state)
{
    const norm_case *c = *state;
    pl_buf out = {0};
    assert_int_equal(pl_normalize(&out, c->in, strlen(c->in), c->flags), 0);
    assert_non_null(out.data);
    assert_string_equal(out.data, c->out);
    assert_int_equal(out.len, strlen(c->out));
    pl_buf_free(&out);
}

static void test_normalize_appends_and_long_runs(void **state)
{
    (void)state;
    pl_buf out = {0};
    assert_int_equal(pl_buf_append(&out, "x|", 2), 0);
    /* 200 Cyrillic letters: more than fit the stack buffer at once. */
    char in[401], want[401];
    for (int i = 0; i < 200; i++) {
        memcpy(in + 2 * i, "\xD0\x96", 2);   /* Ж */
        memcpy(want + 2 * i, "\xD0\xB6", 2); /* ж */
    }
    in[400] = want[400] = 0;
    assert_int_equal(pl_normalize(&out, in, 400, PL_NORM_LOWER), 0);
    assert_int_equal(out.len, 402);
    assert_memory_equal(out.data, "x|", 2);
    assert_string_equal(out.data + 2, want);
    pl_buf_free(&out);
}

/* ---- sentences -------------------------------------------------------------------------- */

typedef struct sent_case {
    const char *name, *text;
    const char *want[5]; /* NULL-terminated */
} sent_case;

static const sent_case sent_cases[] = {
    {"two plain sentences", "The talks began. They ended.", {"The talks began.", "They ended."}},
    {"U.S. inside a sentence", "The U.S. Senate voted on Monday. It passed.",
     {"The U.S. Senate voted on Monday.", "It passed."}},
    {"U.S. ends a sentence before The", "Kerry arrived in the U.S. The talks began on Monday.",
     {"Kerry arrived in the U.S.", "The talks began on Monday."}},
    {"U.N. ends a sentence before In",
     "The plan went to the U.N. In New York, diplomats met.",
     {"The plan went to the U.N.", "In New York, diplomats met."}},
    {"U.K. and U.N. mid-sentence", "The U.K. and the U.N. agreed. It was signed.",
     {"The U.K. and the U.N. agreed.", "It was signed."}},
    {"U.S. before a number", "The U.S. 10-year yield rose.", {"The U.S. 10-year yield rose."}},
    {"U.S.-led", "A U.S.-led coalition struck. Nobody died.",
     {"A U.S.-led coalition struck.", "Nobody died."}},
    {"U.S. at the end of the text", "He moved to the U.S.", {"He moved to the U.S."}},
    {"military titles", "Gen. David Petraeus met Lt. Col. Smith and Maj. Gen. Lee.",
     {"Gen. David Petraeus met Lt. Col. Smith and Maj. Gen. Lee."}},
    {"Mr. Mrs. Dr.", "Mr. Obama and Dr. Jones spoke. Mrs. Clinton did not.",
     {"Mr. Obama and Dr. Jones spoke.", "Mrs. Clinton did not."}},
    {"title never ends a sentence", "He saw Gov. The Rock there.", {"He saw Gov. The Rock there."}},
    {"Sen. and Rep.", "Sen. John McCain and Rep. Nancy Pelosi met.",
     {"Sen. John McCain and Rep. Nancy Pelosi met."}},
    {"Capt. Sgt. Adm. Prof.", "Adm. Mullen, Capt. Ruiz, Sgt. Maj. Hall and Prof. Lin spoke.",
     {"Adm. Mullen, Capt. Ruiz, Sgt. Maj. Hall and Prof. Lin spoke."}},
    {"middle initial", "John F. Kennedy was president. He died in 1963.",
     {"John F. Kennedy was president.", "He died in 1963."}},
    {"first initial", "Indian Foreign Minister S. Jaishankar met Wang Yi.",
     {"Indian Foreign Minister S. Jaishankar met Wang Yi."}},
    {"decimal", "Growth slowed to 1.5 percent in 2021. Inflation rose.",
     {"Growth slowed to 1.5 percent in 2021.", "Inflation rose."}},
    {"money", "It cost $5.5 billion. The deal closed.",
     {"It cost $5.5 billion.", "The deal closed."}},
    {"number ends a sentence", "The vote was 52-48. The bill passed.",
     {"The vote was 52-48.", "The bill passed."}},
    {"ellipsis mid-sentence", "\"We will ... fight on,\" he said.",
     {"\"We will ... fight on,\" he said."}},
    {"ellipsis ends a sentence", "He paused... Then he spoke.", {"He paused...", "Then he spoke."}},
    {"ellipsis without a space", "Trade fell...The figures came out...in May.",
     {"Trade fell...", "The figures came out...in May."}},
    {"ellipsis character",
     "He waited\xE2\x80\xA6 Then he spoke. It rained \xE2\x80\xA6 and rained.",
     {"He waited\xE2\x80\xA6", "Then he spoke.", "It rained \xE2\x80\xA6 and rained."}},
    {"quote after the period", "He said \"no.\" Then he left.",
     {"He said \"no.\"", "Then he left."}},
    {"curly quote after the period", "He said \xE2\x80\x9Cno.\xE2\x80\x9D Then he left.",
     {"He said \xE2\x80\x9Cno.\xE2\x80\x9D", "Then he left."}},
    {"comma inside a quotation", "\"We agree,\" he said. \"It is time.\"",
     {"\"We agree,\" he said.", "\"It is time.\""}},
    {"curly comma inside a quotation",
     "\xE2\x80\x9CWe agree,\xE2\x80\x9D he said. \xE2\x80\x9CIt is time.\xE2\x80\x9D",
     {"\xE2\x80\x9CWe agree,\xE2\x80\x9D he said.", "\xE2\x80\x9CIt is time.\xE2\x80\x9D"}},
    {"question", "Will they meet? Officials declined to say.",
     {"Will they meet?", "Officials declined to say."}},
    {"exclamation in a quotation", "\"Enough!\" shouted the protesters. Police came.",
     {"\"Enough!\" shouted the protesters.", "Police came."}},
    {"question then lower case", "Is it over? no, he said.", {"Is it over? no, he said."}},
    {"?! and !!!", "Really?! The minister laughed. Stop!!! The crowd shouted.",
     {"Really?!", "The minister laughed.", "Stop!!!", "The crowd shouted."}},
    {"missing space", "It happened in the country.The ceremony was held.",
     {"It happened in the country.", "The ceremony was held."}},
    {"missing space after a title", "Mr.Smith left.", {"Mr.Smith left."}},
    {"no split inside a.m. without space", "The vote is at 9 a.m.Tuesday.",
     {"The vote is at 9 a.m.Tuesday."}},
    {"D.C. mid-sentence", "Talks in Washington, D.C. on Monday ended.",
     {"Talks in Washington, D.C. on Monday ended."}},
    {"D.C. ends a sentence", "He flew to Washington, D.C. He met Biden.",
     {"He flew to Washington, D.C.", "He met Biden."}},
    {"a.m. ends a sentence", "The vote is at 10 a.m. The results follow.",
     {"The vote is at 10 a.m.", "The results follow."}},
    {"p.m. before a day", "At 3 p.m. Friday, troops moved.", {"At 3 p.m. Friday, troops moved."}},
    {"Jan. with a date", "On Jan. 6, protesters stormed the Capitol. Police responded.",
     {"On Jan. 6, protesters stormed the Capitol.", "Police responded."}},
    {"Sept.", "The attacks of Sept. 11 changed everything.",
     {"The attacks of Sept. 11 changed everything."}},
    {"Inc. ends a sentence", "He works for Apple Inc. The company declined to comment.",
     {"He works for Apple Inc.", "The company declined to comment."}},
    {"Inc. before a title", "Apple Inc. Chief Executive Tim Cook spoke.",
     {"Apple Inc. Chief Executive Tim Cook spoke."}},
    {"Corp. Co. Ltd.", "Toyota Motor Corp. and Sony Co. Ltd. signed a deal.",
     {"Toyota Motor Corp. and Sony Co. Ltd. signed a deal."}},
    {"Jr.", "Martin Luther King Jr. Day is a holiday.",
     {"Martin Luther King Jr. Day is a holiday."}},
    {"etc. ends a sentence", "They discussed trade, energy, etc. The meeting lasted hours.",
     {"They discussed trade, energy, etc.", "The meeting lasted hours."}},
    {"vs. and approx.", "In Smith vs. Jones, approx. 3,000 people sued.",
     {"In Smith vs. Jones, approx. 3,000 people sued."}},
    {"No. before a number", "He is the No. 2 official. No one objected.",
     {"He is the No. 2 official.", "No one objected."}},
    {"St. before a name", "He visited St. Petersburg. He then left.",
     {"He visited St. Petersburg.", "He then left."}},
    {"Gov't", "Afghan Gov\xE2\x80\x99t. officials denied it. Gov't. Ministries agreed.",
     {"Afghan Gov\xE2\x80\x99t. officials denied it.", "Gov't. Ministries agreed."}},
    {"dateline with a state", "SPRINGFIELD, Ill. (AP) The governor spoke.",
     {"SPRINGFIELD, Ill. (AP) The governor spoke."}},
    {"parenthesis closes after the period", "(The vote was 5-4.) The court ruled.",
     {"(The vote was 5-4.)", "The court ruled."}},
    {"blank line", "Headline Without Period\n\nThe story begins here.",
     {"Headline Without Period", "The story begins here."}},
    {"blank line before lower case", "He said that\n \t\nthe army withdrew.",
     {"He said that", "the army withdrew."}},
    {"newline before a capital", "WASHINGTON\nThe president spoke.",
     {"WASHINGTON", "The president spoke."}},
    {"newline before lower case", "The minister said\nthe talks would resume.",
     {"The minister said\nthe talks would resume."}},
    {"line ends with a comma", "Kerry met Lavrov,\nWang Yi and others.",
     {"Kerry met Lavrov,\nWang Yi and others."}},
    {"line ends with a colon", "He said:\nThe war is over.", {"He said:\nThe war is over."}},
    {"line ends with a semicolon", "Kerry spoke;\nLavrov listened.",
     {"Kerry spoke;\nLavrov listened."}},
    {"line ends with a hyphen", "The Russia-\nUkraine talks resumed.",
     {"The Russia-\nUkraine talks resumed."}},
    {"line ends with a title", "He met Lt.\nGen. Smith there.", {"He met Lt.\nGen. Smith there."}},
    {"U.S. at the end of a line", "Talks in the U.S.\nThe end came.",
     {"Talks in the U.S.", "The end came."}},
    {"CRLF lines", "First line.\r\nSecond line.\r\n", {"First line.", "Second line."}},
    {"no-break space after a period", "It ended.\xC2\xA0The talks resumed.",
     {"It ended.", "The talks resumed."}},
    {"no-break space after a title", "Gen.\xC2\xA0Smith spoke.", {"Gen.\xC2\xA0Smith spoke."}},
    {"surrounding white space trimmed", "  \n The talks began.  \n\n \xC2\xA0 ",
     {"The talks began."}},
    {"white space only", " \n\n\t \xC2\xA0", {NULL}},
    {"empty", "", {NULL}},
    {"dots only between blank lines", "...\n\nThe end.", {"...", "The end."}},
};

static void test_sentences(void **state)
{
    const sent_case *c = *state;
    pl_spans spans = {0};
    assert_int_equal(pl_split_sentences(c->text, strlen(c->text), &spans), 0);
    size_t want = 0;
    while (c->want[want]) want++;
    for (size_t i = 0; i < spans.n && i < want; i++) {
        size_t n = spans.v[i].end - spans.v[i].start;
        char got[256];
        assert_true(n < sizeof got);
        memcpy(got, c->text + spans.v[i].start, n);
        got[n] = 0;
        assert_string_equal(got, c->want[i]);
    }
    assert_int_equal(spans.n, want);
    pl_spans_free(&spans);
}

static void test_sentences_append(void **state)
{
    (void)state;
    pl_spans spans = {0};
    const char *a = "One. Two.";
    assert_int_equal(pl_split_sentences(a, strlen(a), &spans), 0);
    assert_int_equal(pl_split_sentences(a, strlen(a), &spans), 0);
    assert_int_equal(spans.n, 4);
    assert_int_equal(spans.v[3].start, 5);
    assert_int_equal(spans.v[3].end, 9);
    pl_spans_free(&spans);
    assert_null(spans.v);
    assert_int_equal(spans.n, 0);
}

static void test_is_abbreviation(void **state)
{
    (void)state;
    static const char *const yes[] = {"Gen", "Mr", "Mrs", "Dr", "Jan", "Sept", "Dec", "Inc",
                                      "Corp", "Ltd", "Co", "Jr", "etc", "vs", "approx", "Ave",
                                      "Dept", "Univ", "Gov't", "Gov\xE2\x80\x99t", "U.S", "D.C",
                                      "a.m", "p.m", "GEN", "Etc", "F"};
    static const char *const no[] = {"the", "said", "gen", "mr", "Kerry", "US", "x", "2",
                                     "Genera", "", "U..S", "Gen'"};
    for (size_t i = 0; i < COUNT(yes); i++) {
        if (!pl_is_abbreviation(yes[i], strlen(yes[i]))) fail_msg("expected %s", yes[i]);
    }
    for (size_t i = 0; i < COUNT(no); i++) {
        if (pl_is_abbreviation(no[i], strlen(no[i]))) fail_msg("unexpected %s", no[i]);
    }
}

/* ---- tokens ----------------------------------------------------------------------------- */

typedef struct tok_want {
    const char *text, *norm;
    int kind, flags;
} tok_want;

#define W PL_TOK_WORD
#define N PL_TOK_NUMBER
#define P PL_TOK_PUNCT
#define S PL_TOK_SYMBOL
#define SP PL_TF_SPACE_BEFORE

static void check_tokens(const char *text, const tok_want *want, size_t n_want)
{
    pl_tokens toks = {0};
    pl_span span = {0, (uint32_t)strlen(text)};
    assert_int_equal(pl_tokenize(&toks, text, span), 0);
    for (size_t i = 0; i < toks.n && i < n_want; i++) {
        const pl_token *t = &toks.v[i];
        size_t len = t->end - t->start;
        if (len != strlen(want[i].text) || memcmp(text + t->start, want[i].text, len) != 0)
            fail_msg("token %zu: got '%.*s', want '%s'", i, (int)len, text + t->start,
                     want[i].text);
        assert_string_equal(pl_token_norm(&toks, t), want[i].norm);
        assert_int_equal(t->norm_len, strlen(want[i].norm));
        if (t->kind != want[i].kind || t->flags != want[i].flags)
            fail_msg("token %zu '%s': kind %d flags %d, want kind %d flags %d", i, want[i].text,
                     t->kind, t->flags, want[i].kind, want[i].flags);
        assert_int_equal(t->word, 0);
        assert_int_equal(t->lemma, 0);
    }
    assert_int_equal(toks.n, n_want);
    pl_tokens_free(&toks);
}

#define CHECK_TOKENS(text, ...)                                                         \
    do {                                                                                \
        static const tok_want w_[] = {__VA_ARGS__};                                     \
        check_tokens(text, w_, COUNT(w_));                                              \
    } while (0)

static void test_tok_possessive(void **state)
{
    (void)state;
    CHECK_TOKENS("Japan's People\xE2\x80\x99s JAPAN'S",
                 {"Japan", "japan", W, PL_TF_CAP}, {"'s", "'s", W, PL_TF_POSS},
                 {"People", "people", W, PL_TF_CAP | SP},
                 {"\xE2\x80\x99s", "'s", W, PL_TF_POSS},
                 {"JAPAN", "japan", W, PL_TF_CAP | PL_TF_UPPER | SP},
                 {"'S", "'s", W, PL_TF_POSS});
    CHECK_TOKENS("Jones' ministers\xE2\x80\x99 Kerry\xE2\x80\x99 talks",
                 {"Jones", "jones", W, PL_TF_CAP}, {"'", "'", W, PL_TF_POSS},
                 {"ministers", "ministers", W, SP}, {"\xE2\x80\x99", "'", W, PL_TF_POSS},
                 {"Kerry", "kerry", W, PL_TF_CAP | SP}, {"\xE2\x80\x99", "'", W, PL_TF_POSS},
                 {"talks", "talks", W, SP});
}

static void test_tok_quotes_and_apostrophes(void **state)
{
    (void)state;
    /* A closing single quote is not a possessive; inner apostrophes stay in the word. */
    CHECK_TOKENS("'yes' O'Brien's don't",
                 {"'", "'", P, 0}, {"yes", "yes", W, 0}, {"'", "'", P, 0},
                 {"O'Brien", "o'brien", W, PL_TF_CAP | SP}, {"'s", "'s", W, PL_TF_POSS},
                 {"don't", "don't", W, SP});
    CHECK_TOKENS("\xE2\x80\x9CWe agree,\xE2\x80\x9D he said.",
                 {"\xE2\x80\x9C", "\"", P, 0}, {"We", "we", W, PL_TF_CAP},
                 {"agree", "agree", W, SP}, {",", ",", P, 0}, {"\xE2\x80\x9D", "\"", P, 0},
                 {"he", "he", W, SP}, {"said", "said", W, SP}, {".", ".", P, 0});
}

static void test_tok_hyphens(void **state)
{
    (void)state;
    CHECK_TOKENS("U.S.-Japan pre-recorded 20-year-old Al-Qaeda",
                 {"U.S.", "u.s.", W, PL_TF_CAP | PL_TF_UPPER | PL_TF_ABBREV}, {"-", "-", P, 0},
                 {"Japan", "japan", W, PL_TF_CAP},
                 {"pre-recorded", "pre-recorded", W, PL_TF_HYPHEN | SP},
                 {"20-year-old", "20-year-old", W, PL_TF_HYPHEN | SP},
                 {"Al", "al", W, PL_TF_CAP | SP}, {"-", "-", P, 0},
                 {"Qaeda", "qaeda", W, PL_TF_CAP});
    CHECK_TOKENS("Japan-U.S. well\xE2\x80\x90known -- x",
                 {"Japan", "japan", W, PL_TF_CAP}, {"-", "-", P, 0},
                 {"U.S.", "u.s.", W, PL_TF_CAP | PL_TF_UPPER | PL_TF_ABBREV},
                 {"well\xE2\x80\x90known", "well-known", W, PL_TF_HYPHEN | SP},
                 {"-", "-", P, SP}, {"-", "-", P, 0}, {"x", "x", W, SP});
}

static void test_tok_numbers(void **state)
{
    (void)state;
    CHECK_TOKENS("3,000 1.5 2021-09-03 26th 10:30 9/11 1990s $5 5%, in 2020.",
                 {"3,000", "3,000", N, 0}, {"1.5", "1.5", N, SP},
                 {"2021-09-03", "2021-09-03", N, SP}, {"26th", "26th", N, SP},
                 {"10:30", "10:30", N, SP}, {"9/11", "9/11", N, SP}, {"1990s", "1990s", N, SP},
                 {"$", "$", S, SP}, {"5", "5", N, 0}, {"5", "5", N, SP}, {"%", "%", P, 0},
                 {",", ",", P, 0}, {"in", "in", W, SP}, {"2020", "2020", N, SP},
                 {".", ".", P, 0});
}

static void test_tok_abbreviations(void **state)
{
    (void)state;
    CHECK_TOKENS("Gen. Smith in D.C. at 9 a.m. Gov\xE2\x80\x99t. etc. Mr. F. Kennedy said.",
                 {"Gen.", "gen.", W, PL_TF_CAP | PL_TF_ABBREV},
                 {"Smith", "smith", W, PL_TF_CAP | SP}, {"in", "in", W, SP},
                 {"D.C.", "d.c.", W, PL_TF_CAP | PL_TF_UPPER | PL_TF_ABBREV | SP},
                 {"at", "at", W, SP}, {"9", "9", N, SP},
                 {"a.m.", "a.m.", W, PL_TF_ABBREV | SP},
                 {"Gov\xE2\x80\x99t.", "gov't.", W, PL_TF_CAP | PL_TF_ABBREV | SP},
                 {"etc.", "etc.", W, PL_TF_ABBREV | SP},
                 {"Mr.", "mr.", W, PL_TF_CAP | PL_TF_ABBREV | SP},
                 {"F.", "f.", W, PL_TF_CAP | PL_TF_ABBREV | SP},
                 {"Kennedy", "kennedy", W, PL_TF_CAP | SP}, {"said", "said", W, SP},
                 {".", ".", P, 0});
}

static void test_tok_punctuation_and_flags(void **state)
{
    (void)state;
    CHECK_TOKENS("(PRC) NATO\xE2\x80\x94Russia; \xC3\x89lys\xC3\xA9"
                 "e & co\xE2\x80\xA6 \xEF\xAC\x81nal?!",
                 {"(", "(", P, 0}, {"PRC", "prc", W, PL_TF_CAP | PL_TF_UPPER},
                 {")", ")", P, 0}, {"NATO", "nato", W, PL_TF_CAP | PL_TF_UPPER | SP},
                 {"\xE2\x80\x94", "-", P, 0}, {"Russia", "russia", W, PL_TF_CAP},
                 {";", ";", P, 0}, {"\xC3\x89lys\xC3\xA9" "e", "\xC3\xA9lys\xC3\xA9" "e", W,
                                     PL_TF_CAP | SP},
                 {"&", "&", P, SP}, {"co", "co", W, SP}, {"\xE2\x80\xA6", "...", P, 0},
                 {"\xEF\xAC\x81nal", "final", W, SP}, {"?", "?", P, 0}, {"!", "!", P, 0});
}

static void test_tok_compounds_and_invisibles(void **state)
{
    (void)state;
    /* Soft hyphens and joiners stay inside the word and vanish from its normalized form;
     * an apostrophe before digits opens no quotation, so "Jones'" stays possessive. */
    CHECK_TOKENS("COVID-19 1,000-strong G20 pre\xC2\xAD" "war ab\xE2\x80\x8D" "cd "
                 "\xE2\x80\x99" "90s Jones' N.Y.-based",
                 {"COVID", "covid", W, PL_TF_CAP | PL_TF_UPPER}, {"-", "-", P, 0},
                 {"19", "19", N, 0}, {"1,000-strong", "1,000-strong", W, PL_TF_HYPHEN | SP},
                 {"G20", "g20", W, PL_TF_CAP | SP},
                 {"pre\xC2\xAD" "war", "prewar", W, SP},
                 {"ab\xE2\x80\x8D" "cd", "abcd", W, SP},
                 {"\xE2\x80\x99", "'", P, SP}, {"90s", "90s", N, 0},
                 {"Jones", "jones", W, PL_TF_CAP | SP}, {"'", "'", W, PL_TF_POSS},
                 {"N.Y.", "n.y.", W, PL_TF_CAP | PL_TF_UPPER | PL_TF_ABBREV | SP},
                 {"-", "-", P, 0}, {"based", "based", W, 0});
}

/* Random text built from awkward pieces: spans and tokens must always be ordered, inside
 * the text, trimmed, and their normalized forms valid UTF-8. */
static void test_random_text_invariants(void **state)
{
    (void)state;
    static const char *const pieces[] = {
        "a", "B", "U.S.", ".", " ", "\n", "\n\n", "?", "!", "\"", "'", "\xE2\x80\x99",
        "\xE2\x80\x9C", "-", "\xE2\x80\x94", "3", ",", "Gen.", "s", "\xC2\xA0",
        "\xCC\x81", "\xC2\xAD", "\xE2\x80\x8B", "\xE2\x80\xA6", "(", ")", "\xFF",
        "\xE2\x80", "\xF0\x9F\x98\x80", "The", "x.Y", "\r", "\xEF\xAC\x81", "a.m.", "'s"};
    uint32_t seed = 12345;
    for (int iter = 0; iter < 3000; iter++) {
        char raw[400];
        size_t n = 0;
        seed = seed * 1103515245u + 12345u;
        for (unsigned k = (seed >> 16) % 40; k > 0; k--) {
            seed = seed * 1103515245u + 12345u;
            const char *p = pieces[(seed >> 16) % COUNT(pieces)];
            memcpy(raw + n, p, strlen(p));
            n += strlen(p);
        }
        pl_buf text = {0}, norm = {0}, check = {0};
        assert_true(pl_utf8_repair(&text, raw, n, NULL) >= 0);
        pl_spans spans = {0};
        pl_tokens toks = {0};
        assert_int_equal(pl_split_sentences(text.data, text.len, &spans), 0);
        uint32_t prev = 0;
        for (size_t i = 0; i < spans.n; i++) {
            pl_span sp = spans.v[i];
            assert_true(sp.start >= prev && sp.start < sp.end && sp.end <= text.len);
            assert_int_not_equal(pl_char_at(text.data, text.len, sp.start).cls, PL_CH_SPACE);
            assert_int_not_equal(pl_char_before(text.data, sp.end).cls, PL_CH_SPACE);
            prev = sp.end;
            size_t first = toks.n;
            assert_int_equal(pl_tokenize(&toks, text.data, sp), 0);
            for (size_t j = first; j < toks.n; j++) {
                const pl_token *t = &toks.v[j];
                assert_true(t->start >= (j > first ? toks.v[j - 1].end : sp.start));
                assert_true(t->start < t->end && t->end <= sp.end);
                assert_int_equal(strlen(pl_token_norm(&toks, t)), t->norm_len);
            }
        }
        assert_int_equal(pl_normalize(&norm, text.data, text.len, (unsigned)iter & 1), 0);
        assert_int_equal(pl_utf8_repair(&check, norm.data, norm.len, NULL), 0);
        pl_tokens_free(&toks);
        pl_spans_free(&spans);
        pl_buf_free(&text);
        pl_buf_free(&norm);
        pl_buf_free(&check);
    }
}

static void test_tok_offsets_and_spans(void **state)
{
    (void)state;
    /* Tokens of the second sentence point at the story's own bytes. */
    const char *text = "First one.\xC2\xA0Kerry\xE2\x80\x99s  visit.";
    pl_spans spans = {0};
    assert_int_equal(pl_split_sentences(text, strlen(text), &spans), 0);
    assert_int_equal(spans.n, 2);
    pl_tokens toks = {0};
    assert_int_equal(pl_tokenize(&toks, text, spans.v[0]), 0);
    assert_int_equal(pl_tokenize(&toks, text, spans.v[1]), 0); /* appends */
    assert_int_equal(toks.n, 7);
    assert_int_equal(toks.v[0].start, 0);
    assert_int_equal(toks.v[0].flags, PL_TF_CAP);
    /* "Kerry" starts after the no-break space, at byte 12: white space before it. */
    assert_int_equal(toks.v[3].start, 12);
    assert_int_equal(toks.v[3].end, 17);
    assert_int_equal(toks.v[3].flags, PL_TF_CAP | SP);
    assert_int_equal(toks.v[4].start, 17);
    assert_int_equal(toks.v[4].end, 21);
    assert_int_equal(toks.v[4].flags, PL_TF_POSS);
    assert_memory_equal(text + toks.v[5].start, "visit", 5);
    assert_int_equal(toks.v[5].flags, SP);
    assert_string_equal(pl_token_norm(&toks, &toks.v[4]), "'s");
    pl_tokens_clear(&toks);
    assert_int_equal(toks.n, 0);
    assert_int_equal(toks.pool.len, 0);
    assert_int_equal(pl_tokenize(&toks, text, (pl_span){3, 8}), 0); /* "st on" */
    assert_int_equal(toks.n, 2);
    assert_string_equal(pl_token_norm(&toks, &toks.v[0]), "st");
    assert_int_equal(toks.v[0].flags, 0); /* "r" precedes it, not white space */
    assert_int_equal(toks.v[1].flags, SP);
    pl_tokens_free(&toks);
    pl_spans_free(&spans);
}

static void test_tok_many(void **state)
{
    (void)state;
    /* Enough tokens to grow the vector and the pool many times. */
    char text[6001];
    for (int i = 0; i < 1000; i++) memcpy(text + 6 * i, "Talks ", 6);
    text[6000] = 0;
    pl_tokens toks = {0};
    assert_int_equal(pl_tokenize(&toks, text, (pl_span){0, 6000}), 0);
    assert_int_equal(toks.n, 1000);
    assert_int_equal(toks.v[999].start, 5994);
    assert_string_equal(pl_token_norm(&toks, &toks.v[999]), "talks");
    assert_int_equal(toks.pool.len, 6000);
    pl_tokens_free(&toks);
}

/* ---- lemmas ----------------------------------------------------------------------------- */

static int lemma_setup(void **state)
{
    *state = pl_lemmatizer_new();
    return *state ? 0 : -1;
}

static int lemma_teardown(void **state)
{
    pl_lemmatizer_free(*state);
    return 0;
}

static void test_lemmas(void **state)
{
    pl_lemmatizer *lz = *state;
    static const char *const pairs[][2] = {
        {"met", "meet"},     {"traveled", "travel"}, {"ministers", "minister"},
        {"talks", "talk"},   {"was", "be"},          {"meet", "meet"},
        {"said", "say"},     {"leaders", "leader"},  {"children", "child"},
        {"Zhenhua", "Zhenhua"}, {"u.s.", "u.s."},    {"x", "x"},
        {"3,000", "3,000"},  {"", ""},
    };
    for (size_t i = 0; i < COUNT(pairs); i++) {
        const char *got = pl_lemma(lz, pairs[i][0], strlen(pairs[i][0]));
        assert_non_null(got);
        assert_string_equal(got, pairs[i][1]);
    }
}

static void test_lemma_cache(void **state)
{
    pl_lemmatizer *lz = *state;
    /* The same answer, at the same address, the second time; the word need not end in NUL. */
    const char *a = pl_lemma(lz, "visitedXYZ", 7);
    const char *b = pl_lemma(lz, "visited", 7);
    assert_string_equal(a, "visit");
    assert_ptr_equal(a, b);
    /* A 41-letter word is not looked up: it is its own lemma. */
    const char *longw = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaas";
    assert_string_equal(pl_lemma(lz, longw, strlen(longw)), longw);
    char huge[400];
    memset(huge, 'z', sizeof huge - 1);
    huge[sizeof huge - 1] = 0;
    assert_string_equal(pl_lemma(lz, huge, strlen(huge)), huge);
}

/* ---- main ------------------------------------------------------------------------------- */

static const struct CMUnitTest fixed_tests[] = {
    cmocka_unit_test(test_repair_appends),
    cmocka_unit_test(test_normalize_appends_and_long_runs),
    cmocka_unit_test(test_sentences_append),
    cmocka_unit_test(test_is_abbreviation),
    cmocka_unit_test(test_tok_possessive),
    cmocka_unit_test(test_tok_quotes_and_apostrophes),
    cmocka_unit_test(test_tok_hyphens),
    cmocka_unit_test(test_tok_numbers),
    cmocka_unit_test(test_tok_abbreviations),
    cmocka_unit_test(test_tok_punctuation_and_flags),
    cmocka_unit_test(test_tok_compounds_and_invisibles),
    cmocka_unit_test(test_tok_offsets_and_spans),
    cmocka_unit_test(test_random_text_invariants),
    cmocka_unit_test(test_tok_many),
    cmocka_unit_test_setup_teardown(test_lemmas, lemma_setup, lemma_teardown),
    cmocka_unit_test_setup_teardown(test_lemma_cache, lemma_setup, lemma_teardown),
};

int main(void)
{
    /* One test per table case, each named after its case, then the fixed tests. */
    static struct CMUnitTest text[COUNT(repair_cases) + COUNT(norm_cases) + COUNT(sent_cases) +
                                  COUNT(fixed_tests)];
    size_t n = 0;
    for (size_t i = 0; i < COUNT(repair_cases); i++)
        text[n++] = (struct CMUnitTest){repair_cases[i].name, test_repair, NULL, NULL,
                                        (void *)&repair_cases[i]};
    for (size_t i = 0; i < COUNT(norm_cases); i++)
        text[n++] = (struct CMUnitTest){norm_cases[i].name, test_normalize, NULL, NULL,
                                        (void *)&norm_cases[i]};
    for (size_t i = 0; i < COUNT(sent_cases); i++)
        text[n++] = (struct CMUnitTest){sent_cases[i].name, test_sentences, NULL, NULL,
                                        (void *)&sent_cases[i]};
    for (size_t i = 0; i < COUNT(fixed_tests); i++) text[n++] = fixed_tests[i];
    return cmocka_run_group_tests(text, NULL, NULL);
}
