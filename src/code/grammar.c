/* grammar.c: the closed classes of English function words the sentence analysis needs.
 * They are interned into the dictionary vocabulary, so classifying a token is one array
 * lookup by its word id. */
#include "code/code.h"

#include <stdlib.h>
#include <string.h>

static const struct {
    uint8_t cls;
    const char *words;
} function_words[] = {
    {PL_C_DET, "the a an this that these those his her their its our my your whose each every "
               "both either neither some any another"},
    {PL_C_CONN, "of for"},
    {PL_C_AND, "and or & nor"},
    {PL_C_INCLUDING, "including"},
    {PL_C_PREP, "in on at to from with by about into onto over after before during under "
                "against between among through via without within across toward towards near "
                "amid amidst despite since until upon around behind beyond inside outside "
                "throughout along alongside beside besides following per than like unlike "
                "ahead regarding concerning"},
    {PL_C_AUX, "be is are was were been being am has have had having do does did will would "
               "shall should can could may might must"},
    {PL_C_ADV, "also then later jointly together separately already still again previously "
               "recently reportedly now today yesterday tomorrow tonight earlier formally "
               "officially publicly personally briefly once first finally subsequently "
               "virtually just even only soon however meanwhile moreover furthermore "
               "nevertheless nonetheless therefore thus instead additionally likewise "
               "consequently hence indeed overall"},
    {PL_C_TIME, "monday tuesday wednesday thursday friday saturday sunday january february "
                "march april june july august september october november december jan feb "
                "mar apr jun jul aug sep sept oct nov dec"},
    {PL_C_QUANT, "one two three four five six seven eight nine ten eleven twelve fifteen twenty "
                 "dozen dozens hundred hundreds thousand thousands million millions scores "
                 "several many few numerous more most all"},
    {PL_C_NEG, "not n't never no cannot didn't don't doesn't won't wouldn't can't couldn't "
               "isn't wasn't weren't aren't hasn't haven't hadn't shouldn't"},
    {PL_C_SAY, "said says say saying told tells tell added adds according stated states"},
    {PL_C_PRON, "he she it they him them"},
    {PL_C_STOP, "we i you us me who whom which what where when why how "
                "but if because while as so though although whether there here"},
};

static int intern_all(pl_dict *d, pl_grammar *g)
{
    for (size_t k = 0; k < sizeof function_words / sizeof *function_words; k++) {
        const char *w = function_words[k].words;
        while (*w) {
            const char *e = strchr(w, ' ');
            size_t len = e ? (size_t)(e - w) : strlen(w);
            uint32_t id = pl_strmap_intern(&d->vocab, w, len);
            if (!id) return -1;
            /* The first class listed wins ("that" is a determiner before a pronoun). */
            if (g && id < g->n && g->class_of[id] == 0) g->class_of[id] = function_words[k].cls;
            w += len;
            while (*w == ' ') w++;
        }
    }
    return 0;
}

int pl_grammar_init(pl_grammar *g, pl_dict *d)
{
    memset(g, 0, sizeof *g);
    if (intern_all(d, NULL)) return -1;
    g->n = d->vocab.count + 1;
    g->class_of = calloc(g->n, 1);
    if (!g->class_of || intern_all(d, g)) return -1;
    static const char *place_preps[] = {"in", "at", "near", "outside"};
    for (int i = 0; i < 4; i++)
        g->place_preps[i] = pl_strmap_get(&d->vocab, place_preps[i], strlen(place_preps[i]));
    /* Lemmas, interned before the dictionaries compile so that their forms are known. */
    static const char *const moves[PL_MOVES] = {"go",   "return", "visit", "travel", "arrive",
                                                "fly",  "head",   "leave", "depart", "tour",
                                                "land", "stop",   "come",  "reach"};
    for (int i = 0; i < PL_MOVES; i++)
        if (!(g->moves[i] = pl_strmap_intern(&d->vocab, moves[i], strlen(moves[i])))) return -1;
    return 0;
}

void pl_grammar_free(pl_grammar *g)
{
    free(g->class_of);
    memset(g, 0, sizeof *g);
}
