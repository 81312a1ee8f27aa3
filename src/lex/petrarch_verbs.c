/* petrarch_verbs.c: PETRARCH verb dictionaries (CAMEO.2.0.txt, NAME.verbs.txt).
 *
 * A file holds synonym sets (&NAME, then +MEMBER lines) and verb blocks:
 *     --- NAME [CODE] ---          a block; CODE is what its verbs code alone ("---": nothing)
 *     GIVE {GAVE GIVEN} [070]      a verb, its irregular forms, its own code
 *     +BEEF_UP  RE_+ARREST         a multi-word verb: '+' marks the verb itself
 *     - * (TO +) {AIR_STRIKE} [190]   a pattern for every verb of the block
 *     ~ a (a b ATTACK) SAY = ...   a verb transformation (not supported)
 * Comments: '#' and ';' to the end of the line, <!-- ... --> anywhere. The machinery that
 * turns patterns into pl_verb_patterns is shared with TABARI's reader (foreign_verbs.h);
 * PETRARCH differs in its words (whole words, matched by lemma), its groups ( ) and { }
 * (read as their words in order) and its "A/B" alternatives. */
#include "lex/foreign_verbs.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

typedef struct petrarch {
    pl_fv_reader rd;         /* first: the line callback gets &p->rd */
    pl_fv_codes block_codes;
    int block_coded;         /* the block's code is a real one */
    int in_comment;          /* inside a <!-- --> that spans lines */
    pl_buf clean;            /* a line with its <!-- --> comments taken out */
} petrarch;

static int is_space(char c)
{
    return isspace((unsigned char)c) != 0;
}

static int vec_push_elem(pl_fv_vec *v, const pl_fv_elem *e)
{
    if (PL_GROW(v->v, v->cap, v->n + 1)) return -1;
    v->v[v->n++] = *e;
    return 0;
}

static const char *find(const char *s, const char *end, const char *what)
{
    size_t n = strlen(what);
    for (const char *p = s; end - p >= (ptrdiff_t)n; p++)
        if (!memcmp(p, what, n)) return p;
    return NULL;
}

/* Takes <!-- --> comments out of [*s, *end): in place when the line has none, else through a
 * copy kept for the whole file (pattern lines are read at the end of their block). */
static int strip_xml_comments(petrarch *pt, const char **s, const char **end)
{
    const char *p = *s, *e = *end;
    if (!pt->in_comment && !find(p, e, "<!--")) return 0;
    pl_buf_clear(&pt->clean);
    while (p < e) {
        if (pt->in_comment) {
            const char *close = find(p, e, "-->");
            if (!close) break;
            pt->in_comment = 0;
            p = close + 3;
            continue;
        }
        const char *open = find(p, e, "<!--");
        if (pl_buf_append(&pt->clean, p, (size_t)((open ? open : e) - p))) return -1;
        if (!open) break;
        pt->in_comment = 1;
        p = open + 4;
    }
    char *copy = pl_arena_strndup(&pt->rd.keep, pt->clean.data ? pt->clean.data : "",
                                  pt->clean.len);
    if (!copy) return -1;
    *s = copy;
    *end = copy + pt->clean.len;
    return 0;
}

/* ---- verbs ----------------------------------------------------------------------------------- */

/* "GIVE", "+BEEF_UP", "RE_+ARREST": the word marked '+' (else the first) is the anchor, the
 * others stand next to it. 1 when it cannot be used. */
static int verb_shape(petrarch *pt, const char *s, const char *end, const pl_fv_codes *codes)
{
    pl_fv_reader *rd = &pt->rd;
    pl_fv_vec v = {0};
    const char *plus = memchr(s, '+', (size_t)(end - s));
    int rc = plus && memchr(plus + 1, '+', (size_t)(end - plus - 1)) ? 3 : 0, oom, noun;
    for (const char *q = s; q < end; q++)
        if ((*q && strchr("*$%^&{}|[]()", *q)) || is_space(*q)) rc = 3;
    for (const char *p = s; rc == 0 && p < end;) {
        if (*p == '_') {
            p++;
            continue;
        }
        int anchor = plus ? *p == '+' : v.n == 0;
        p += *p == '+';
        const char *w = p;
        while (p < end && *p != '_' && *p != '+') p++;
        if (p == w) rc = 3;
        else if (!anchor) rc = pl_fv_add_word(rd, &v, w, (size_t)(p - w), 0, v.n > 0);
        else {
            pl_fv_elem e = {.kind = PL_FV_VERB, .joined = v.n > 0};
            uint32_t ids[PL_FV_ANCHORS_MAX];
            if (!pl_fv_anchors(rd, w, (size_t)(p - w), 0, ids, &oom, &noun)) rc = oom ? -1 : 2;
            else {
                e.item.id = ids[0];
                e.form = pl_fv_form(rd, w, (size_t)(p - w), 0);
                rc = vec_push_elem(&v, &e);
            }
        }
    }
    int verbs = 0;
    for (size_t i = 0; i < v.n; i++) verbs += v.v[i].kind == PL_FV_VERB;
    if (rc == 0 && verbs != 1) rc = 3;
    if (rc == 3) pl_dict_report(rd->src, PARLEY_ERROR, "malformed verb '%.*s'", (int)(end - s), s);
    if (rc == 2) pl_fv_unsupported(rd, "verb '%.*s' is not one word", (int)(end - s), s);
    if (rc == 0 && pl_fv_add_shape(rd, &v, s, (size_t)(end - s), codes) < 0) rc = -1;
    free(v.v);
    return rc;
}

/* "VERB {FORM FORM} [CODE]": the verb and its forms, coded alone with their own code or the
 * block's. */
static int verb_line(petrarch *pt, const char *s, const char *end)
{
    pl_fv_reader *rd = &pt->rd;
    const char *body_end = end, *cs, *ce;
    pl_fv_codes own;
    const pl_fv_codes *codes = pt->block_coded ? &pt->block_codes : NULL;
    if (pl_fv_split_code(s, end, &body_end, &cs, &ce)) {
        enum pl_fv_code k = pl_fv_parse_code(cs, ce, &own);
        codes = k == PL_FV_CODE_OK ? &own : NULL;
        if (k == PL_FV_CODE_BAD)
            pl_fv_unsupported(rd, "event code [%.*s] of a verb (not 2-4 digits)",
                              (int)(ce - cs), cs);
    }
    const char *open = memchr(s, '{', (size_t)(body_end - s)), *close = NULL, *ve, *te;
    if (open) close = memchr(open, '}', (size_t)(body_end - open));
    if ((open && (!close || pl_trim(close + 1, body_end, &te) != te)) ||
        (!open && memchr(s, '}', (size_t)(body_end - s)))) {
        pl_dict_report(rd->src, PARLEY_ERROR, "expected 'VERB {FORM FORM} [CODE]'");
        return 0;
    }
    s = pl_trim(s, open ? open : body_end, &ve);
    int rc = s < ve ? verb_shape(pt, s, ve, codes) : 0;
    for (const char *p = open ? open + 1 : close; rc >= 0 && p && p < close;) {
        while (p < close && is_space(*p)) p++;
        const char *f = p;
        while (p < close && !is_space(*p)) p++;
        if (p > f) rc = verb_shape(pt, f, p, codes);
    }
    return rc < 0 ? -1 : 0;
}

/* "--- NAME [CODE] ---": a new block. */
static int block_line(petrarch *pt, const char *s, const char *end)
{
    pl_fv_reader *rd = &pt->rd;
    const char *body_end, *cs, *ce, *te;
    if (pl_fv_end_block(rd)) return -1;
    rd->block_open = 1;
    pt->block_coded = 0;
    s = pl_trim(s + 3, end, &end);
    if (end - s >= 3 && !memcmp(end - 3, "---", 3)) end -= 3;
    if (!pl_fv_split_code(s, end, &body_end, &cs, &ce)) {
        if (pl_trim(s, end, &te) == te) {
            pl_dict_report(rd->src, PARLEY_ERROR, "expected '--- NAME [CODE] ---'");
        }
        return 0; /* no code: the null code */
    }
    switch (pl_fv_parse_code(cs, ce, &pt->block_codes)) {
    case PL_FV_CODE_OK: pt->block_coded = 1; break;
    case PL_FV_CODE_NULL: break;
    case PL_FV_CODE_BAD:
        pl_fv_unsupported(rd, "event code [%.*s] of a block (not 2-4 digits)", (int)(ce - cs), cs);
        break;
    }
    return 0;
}

static int petrarch_line(pl_fv_reader *rd, const char *s, const char *end)
{
    petrarch *pt = (petrarch *)rd;
    if (strip_xml_comments(pt, &s, &end)) return -1;
    const char *cut = s;
    while (cut < end && *cut != '#' && *cut != ';') cut++;
    s = pl_trim(s, cut, &end);
    if (s == end) return 0;
    if (*s != '+') rd->open_synset = 0;
    const char *we = s;
    switch (*s) {
    case '&':
        while (we < end && !is_space(*we)) we++;
        return pl_fv_synset_line(rd, s, we, end);
    case '+':
        if (rd->open_synset) return pl_fv_synset_member(rd, s + 1, end);
        break;
    case '-':
        if (end - s >= 3 && !memcmp(s, "---", 3)) return block_line(pt, s, end);
        if (rd->block_open) return pl_fv_add_line(rd, s, end);
        pl_dict_report(rd->src, PARLEY_ERROR, "pattern outside a verb block ('--- NAME ---')");
        return 0;
    case '~':
        pl_fv_unsupported(rd, "verb transformation '~ ...'");
        return 0;
    }
    if (!rd->block_open) {
        pl_dict_report(rd->src, PARLEY_ERROR, "verb outside a verb block ('--- NAME ---')");
        return 0;
    }
    return rd->block_dead ? 0 : verb_line(pt, s, end);
}

int pl_petrarch_read_verbs(pl_dict_source *src, const char *text, size_t len)
{
    petrarch pt;
    memset(&pt, 0, sizeof pt);
    pl_fv_init(&pt.rd, src, PL_FV_PETRARCH);
    int rc = pl_fv_each_line(&pt.rd, text, len, petrarch_line);
    if (rc == 0) rc = pl_fv_end_block(&pt.rd);
    if (rc == 0 && pt.in_comment)
        pl_dict_report(src, PARLEY_ERROR, "'<!--' without '-->' before the end of the file");
    pl_buf_free(&pt.clean);
    pl_fv_free(&pt.rd);
    return rc;
}
