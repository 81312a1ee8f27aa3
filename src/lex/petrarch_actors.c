/* petrarch_actors.c: PETRARCH's actor, agent and discard dictionaries (Phoenix.*.txt,
 * PETR.Validate.*.txt), as its docs/source/dictionaries.rst and its reader (PETRreader.py)
 * define them; the grammar they share with TABARI is in foreign.c.
 *
 * PETRARCH's rules: '#' starts a comment anywhere (';' too, for old TABARI files), <!-- -->
 * comments may span lines. PETRARCH does not stem: in actor and agent phrases '_' and space
 * both join consecutive whole words, as in parley. Its discards do stem (a phrase without a
 * final '_' is a prefix), which parley counts. Agent files define substitution sets,
 * "!PERSON! = MAN, MEN, WOMAN", used as "CONGRESS!PERSON! [~LEG]": every combination of the
 * sets' words is an agent phrase. Agent plurals need no rule: agent words match by lemma. */
#include "lex/foreign.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

int pl_petrarch_read_actors(pl_dict_source *src, const char *text, size_t len)
{
    pl_foreign f;
    pl_foreign_init(&f, src, text, len);
    const char *s, *e;
    int r = 0, rc = 0;
    while (!rc && (r = pl_foreign_next_line(&f, &s, &e)) > 0) {
        if (*s == '<') pl_foreign_unsupported_line(&f, "a tag", s, e);
        else rc = pl_foreign_actor_line(&f, s, e);
    }
    if (!rc && r < 0) rc = -1;
    if (!rc) rc = pl_foreign_actor_end(&f);
    return pl_foreign_finish(&f, rc);
}

int pl_petrarch_read_discards(pl_dict_source *src, const char *text, size_t len)
{
    pl_foreign f;
    pl_foreign_init(&f, src, text, len);
    f.count_stems = 1;
    return pl_foreign_finish(&f, pl_foreign_read_discards(&f));
}

/* ---- agents: substitution sets ------------------------------------------------------------ */

/* Bounds on expansions, so that a hostile file cannot ask for millions of forms (Phoenix's
 * agents file makes about 3,000, at most 16 a line). */
#define MAX_MARKERS 8
#define MAX_FORMS 1000
#define MAX_FILE_FORMS 200000

typedef struct subst_word {
    size_t off, len;         /* in subst.pool */
} subst_word;

typedef struct subst_set {
    size_t first, count;     /* in subst.words */
} subst_set;

typedef struct subst {
    pl_strmap names;         /* marker name -> set id (index + 1) */
    subst_set *sets;
    size_t sets_cap;
    subst_word *words;
    size_t nwords, words_cap;
    pl_buf pool;
    pl_buf out;              /* one expansion */
    size_t forms;            /* made so far in the file */
} subst;

typedef struct marker {
    const char *start, *end; /* "!NAME!" in the phrase */
    size_t set;
} marker;

/* The closing '!' of "!NAME! = ..." when the line defines a set, else NULL. */
static const char *set_definition(const char *s, const char *e)
{
    if (*s != '!') return NULL;
    const char *close = memchr(s + 1, '!', (size_t)(e - s - 1));
    const char *p = close ? close + 1 : e;
    while (p < e && isspace((unsigned char)*p)) p++;
    return p < e && *p == '=' ? close : NULL;
}

/* "!NAME! = WORD, WORD, ...": the words, trimmed; a later definition replaces an earlier. */
static int define_set(subst *sb, pl_foreign *f, const char *s, const char *close, const char *e)
{
    const char *p = memchr(close, '=', (size_t)(e - close)) + 1;
    size_t first = sb->nwords;
    while (p <= e) {
        const char *comma = memchr(p, ',', (size_t)(e - p)), *stop = comma ? comma : e;
        const char *te, *t = pl_trim(p, stop, &te);
        if (te > t) {
            if (PL_GROW(sb->words, sb->words_cap, sb->nwords + 1)) return -1;
            sb->words[sb->nwords++] = (subst_word){sb->pool.len, (size_t)(te - t)};
            if (pl_buf_append(&sb->pool, t, (size_t)(te - t))) return -1;
        }
        if (!comma) break;
        p = comma + 1;
    }
    if (close == s + 1 || sb->nwords == first) {
        pl_dict_report(f->src, PARLEY_ERROR, "bad substitution set (want '!NAME! = WORD, "
                                             "WORD, ...')");
        sb->nwords = first;
        return 0;
    }
    uint32_t id = pl_strmap_intern(&sb->names, s + 1, (size_t)(close - s - 1));
    if (!id || PL_GROW(sb->sets, sb->sets_cap, id)) return -1;
    sb->sets[id - 1] = (subst_set){first, sb->nwords - first};
    return 0;
}

/* The "!NAME!" markers of [s, e), and how many forms they make. 1, or 0 when reported. */
static int find_markers(subst *sb, pl_foreign *f, const char *s, const char *e, marker *m,
                        size_t *n, size_t *forms)
{
    *n = 0;
    *forms = 1;
    for (const char *p = s; p < e;) {
        const char *b1 = memchr(p, '!', (size_t)(e - p));
        if (!b1) break;
        const char *b2 = memchr(b1 + 1, '!', (size_t)(e - b1 - 1));
        uint32_t id = b2 ? pl_strmap_get(&sb->names, b1 + 1, (size_t)(b2 - b1 - 1)) : 0;
        if (!id) {
            pl_dict_report(f->src, PARLEY_ERROR, b2 ? "substitution marker '%.*s' is not "
                                                      "defined above this line"
                                                    : "'%.*s' has no closing '!'",
                           (int)((b2 ? b2 + 1 : e) - b1), b1);
            return 0;
        }
        if (*n == MAX_MARKERS || (*forms *= sb->sets[id - 1].count) > MAX_FORMS ||
            sb->forms + *forms > MAX_FILE_FORMS) {
            pl_dict_report(f->src, PARLEY_ERROR, "too many substitution forms (at most %d "
                           "markers and %d forms a line, %d a file)", MAX_MARKERS, MAX_FORMS,
                           MAX_FILE_FORMS);
            return 0;
        }
        m[(*n)++] = (marker){b1, b2 + 1, id - 1};
        p = b2 + 1;
    }
    return 1;
}

/* Every form of the phrase [s, e), each marker replaced by each word of its set in turn. */
static int expand(subst *sb, pl_foreign *f, const char *code, const char *s, const char *e)
{
    marker m[MAX_MARKERS];
    size_t n, forms, idx[MAX_MARKERS] = {0};
    if (!find_markers(sb, f, s, e, m, &n, &forms)) return 0;
    if (!n) return pl_foreign_agent_add(f, code, s, e);
    sb->forms += forms;
    for (size_t k = 0; k < forms; k++) {
        pl_buf_clear(&sb->out);
        const char *p = s;
        for (size_t i = 0; i < n; i++) {
            const subst_word *w = &sb->words[sb->sets[m[i].set].first + idx[i]];
            if (pl_buf_append(&sb->out, p, (size_t)(m[i].start - p)) ||
                pl_buf_append(&sb->out, sb->pool.data + w->off, w->len))
                return -1;
            p = m[i].end;
        }
        if (pl_buf_append(&sb->out, p, (size_t)(e - p))) return -1;
        if (pl_foreign_agent_add(f, code, sb->out.data, sb->out.data + sb->out.len)) return -1;
        for (size_t i = n; i-- > 0;) {
            if (++idx[i] < sb->sets[m[i].set].count) break;
            idx[i] = 0;
        }
    }
    return 0;
}

static int agent_line(subst *sb, pl_foreign *f, const char *s, const char *e)
{
    const char *close = set_definition(s, e);
    if (close) return define_set(sb, f, s, close, e);
    pl_fagent ag;
    int p = pl_foreign_agent_parse(f, s, e, 0, &ag);
    if (p <= 0) return p;
    if (expand(sb, f, ag.code, ag.phrase, ag.phrase_end)) return -1;
    return ag.plural ? expand(sb, f, ag.code, ag.plural, ag.plural_end) : 0;
}

int pl_petrarch_read_agents(pl_dict_source *src, const char *text, size_t len)
{
    pl_foreign f;
    pl_foreign_init(&f, src, text, len);
    subst sb;
    memset(&sb, 0, sizeof sb);
    pl_strmap_init(&sb.names);
    const char *s, *e;
    int r = 0, rc = pl_buf_reserve(&sb.out, 1); /* expansions are never a NULL buffer */
    while (!rc && (r = pl_foreign_next_line(&f, &s, &e)) > 0) rc = agent_line(&sb, &f, s, e);
    if (!rc && r < 0) rc = -1;
    pl_strmap_free(&sb.names);
    free(sb.sets);
    free(sb.words);
    pl_buf_free(&sb.pool);
    pl_buf_free(&sb.out);
    return pl_foreign_finish(&f, rc);
}
