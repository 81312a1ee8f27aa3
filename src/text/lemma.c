/* lemma.c: base forms with WordNet's morphology, held in memory.
 *
 * WordNet's own morphstr() seeks and reads its index files on every call (about 50 us a
 * word here), keeps global state and static buffers, and may exit() on bad data. So parley
 * reads WordNet's data once instead: the word lists of index.verb and index.noun and the
 * irregular forms of verb.exc and noun.exc, and applies WordNet's documented detachment rules
 * (morphy) against them. After loading the lemmatizer is read-only, so threads share it
 * without locks, and a lookup is a handful of hash probes. */
#include "text/text.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LEMMA_MIN 2
#define LEMMA_MAX 40 /* longer words are not looked up */

enum { POS_VERB = 1, POS_NOUN = 2 };

struct pl_lemmatizer {
    pl_strmap words;    /* every base form and irregular form */
    uint8_t *pos;       /* per word id: POS_VERB | POS_NOUN when it is a base form */
    uint32_t *exc_verb; /* per word id: base form id of an irregular verb form, 0 none */
    uint32_t *exc_noun;
    size_t cap;
};

typedef struct rule {
    const char *suffix, *ending;
} rule;

/* WordNet's detachment rules (morphy(7WN)), tried in this order. */
static const rule verb_rules[] = {{"s", ""},   {"ies", "y"}, {"es", "e"}, {"es", ""},
                                  {"ed", "e"}, {"ed", ""},   {"ing", "e"}, {"ing", ""}};
static const rule noun_rules[] = {{"s", ""},     {"ses", "s"},   {"xes", "x"}, {"zes", "z"},
                                  {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"}};

static const char *data_dir(void)
{
    const char *dir = getenv("WNSEARCHDIR");
    return dir && *dir ? dir : "/usr/share/wordnet";
}

static int ensure(pl_lemmatizer *lz, uint32_t id)
{
    size_t old = lz->cap, c1 = lz->cap, c2 = lz->cap;
    if (id < lz->cap) return 0;
    if (PL_GROW(lz->pos, lz->cap, (size_t)id + 1) || PL_GROW(lz->exc_verb, c1, (size_t)id + 1) ||
        PL_GROW(lz->exc_noun, c2, (size_t)id + 1))
        return -1;
    memset(lz->pos + old, 0, lz->cap - old);
    memset(lz->exc_verb + old, 0, (lz->cap - old) * sizeof *lz->exc_verb);
    memset(lz->exc_noun + old, 0, (lz->cap - old) * sizeof *lz->exc_noun);
    return 0;
}

static uint32_t intern(pl_lemmatizer *lz, const char *w, size_t len)
{
    uint32_t id = pl_strmap_intern(&lz->words, w, len);
    return id && ensure(lz, id) == 0 ? id : 0;
}

/* Only single lower-case words matter: parley lemmatizes tokens, not collocations. */
static int plain_word(const char *w, size_t len)
{
    if (len < LEMMA_MIN || len > LEMMA_MAX) return 0;
    for (size_t i = 0; i < len; i++)
        if (w[i] < 'a' || w[i] > 'z') return 0;
    return 1;
}

/* index.POS: a license header of lines starting with spaces, then "lemma pos ..." lines. */
static int index_line(pl_lemmatizer *lz, char *line, size_t len, int pos)
{
    const char *sp = memchr(line, ' ', len);
    if (line[0] == ' ' || !sp || !plain_word(line, (size_t)(sp - line))) return 0;
    uint32_t id = intern(lz, line, (size_t)(sp - line));
    if (!id) return -1;
    lz->pos[id] |= (uint8_t)pos;
    return 0;
}

/* POS.exc: "form base [base...]" a line; the first base is kept. */
static int exception_line(pl_lemmatizer *lz, char *line, size_t len, int verb)
{
    (void)len;
    char *save = NULL;
    char *form = strtok_r(line, " \n", &save), *base = form ? strtok_r(NULL, " \n", &save) : NULL;
    if (!base || !plain_word(form, strlen(form)) || !plain_word(base, strlen(base))) return 0;
    uint32_t fid = intern(lz, form, strlen(form));
    uint32_t bid = fid ? intern(lz, base, strlen(base)) : 0;
    if (!bid) return -1;
    if (verb) lz->exc_verb[fid] = bid;
    else lz->exc_noun[fid] = bid;
    return 0;
}

typedef int (*line_fn)(pl_lemmatizer *lz, char *line, size_t len, int arg);

static int read_file(pl_lemmatizer *lz, const char *name, line_fn fn, int arg)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", data_dir(), name);
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int rc = 0;
    while (rc == 0 && (n = getline(&line, &cap, f)) > 0) rc = fn(lz, line, (size_t)n, arg);
    if (ferror(f)) rc = -1;
    free(line);
    fclose(f);
    return rc;
}

pl_lemmatizer *pl_lemmatizer_new(void)
{
    pl_lemmatizer *lz = calloc(1, sizeof *lz);
    if (!lz) return NULL;
    pl_strmap_init(&lz->words);
    if (read_file(lz, "index.verb", index_line, POS_VERB) ||
        read_file(lz, "index.noun", index_line, POS_NOUN) ||
        read_file(lz, "verb.exc", exception_line, 1) ||
        read_file(lz, "noun.exc", exception_line, 0)) {
        pl_lemmatizer_free(lz);
        return NULL;
    }
    return lz;
}

void pl_lemmatizer_free(pl_lemmatizer *lz)
{
    if (!lz) return;
    pl_strmap_free(&lz->words);
    free(lz->pos);
    free(lz->exc_verb);
    free(lz->exc_noun);
    free(lz);
}

/* The id of a base form of `pos` for w: by exception, by rule, or w itself when it is one
 * ("leaders" is a noun of its own in WordNet, but "leader" comes first, as in morphstr);
 * 0 if none. */
static uint32_t base_form(const pl_lemmatizer *lz, const char *w, size_t len, uint8_t pos)
{
    uint32_t id = pl_strmap_get(&lz->words, w, len);
    const uint32_t *exc = pos == POS_VERB ? lz->exc_verb : lz->exc_noun;
    if (id && exc[id]) return exc[id];
    const rule *rules = pos == POS_VERB ? verb_rules : noun_rules;
    size_t nrules = pos == POS_VERB ? sizeof verb_rules / sizeof *verb_rules
                                    : sizeof noun_rules / sizeof *noun_rules;
    char cand[LEMMA_MAX + 4];
    for (size_t r = 0; r < nrules; r++) {
        size_t sl = strlen(rules[r].suffix), el = strlen(rules[r].ending);
        if (len <= sl || memcmp(w + len - sl, rules[r].suffix, sl)) continue;
        memcpy(cand, w, len - sl);
        memcpy(cand + len - sl, rules[r].ending, el);
        uint32_t c = pl_strmap_get(&lz->words, cand, len - sl + el);
        if (c && (lz->pos[c] & pos)) return c;
    }
    return id && (lz->pos[id] & pos) ? id : 0;
}

/* Words with no base form of their own come back as a copy in a per-thread buffer. */
static pthread_key_t echo_key;
static pthread_once_t echo_once = PTHREAD_ONCE_INIT;
static int echo_ok;

static void free_echo(void *p)
{
    pl_buf_free(p);
    free(p);
}

static void make_echo_key(void)
{
    echo_ok = pthread_key_create(&echo_key, free_echo) == 0;
}

static const char *echo(const char *word, size_t len)
{
    pthread_once(&echo_once, make_echo_key);
    if (!echo_ok) return NULL;
    pl_buf *b = pthread_getspecific(echo_key);
    if (!b) {
        b = calloc(1, sizeof *b);
        if (!b || pthread_setspecific(echo_key, b)) {
            free(b);
            return NULL;
        }
    }
    pl_buf_clear(b);
    return pl_buf_append(b, word, len) ? NULL : b->data;
}

const char *pl_lemma(pl_lemmatizer *lz, const char *word, size_t len)
{
    if (plain_word(word, len)) {
        uint32_t id = base_form(lz, word, len, POS_VERB);
        if (!id) id = base_form(lz, word, len, POS_NOUN);
        if (id) return pl_strmap_str(&lz->words, id);
    }
    return echo(word, len);
}

int pl_lemma_exceptions(const pl_lemmatizer *lz,
                        int (*fn)(void *arg, const char *form, const char *base), void *arg)
{
    for (uint32_t id = 1; id <= lz->words.count; id++) {
        const char *form = pl_strmap_str(&lz->words, id);
        uint32_t bases[2] = {lz->exc_verb[id], lz->exc_noun[id]};
        for (int k = 0; k < 2; k++)
            if (bases[k] && fn(arg, form, pl_strmap_str(&lz->words, bases[k]))) return -1;
    }
    return 0;
}
