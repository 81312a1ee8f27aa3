/* tabari_verbs.c: TABARI verb dictionaries (.verbs), and the machinery the PETRARCH reader
 * shares with it (foreign_verbs.h), since PETRARCH's verb format grew out of TABARI's.
 *
 * A TABARI file lists roots ("ATTACK [190]", "ACCUS [112]", "BLEW_UP [---]"), each followed
 * by an optional "{ FORM FORM }" line of irregular forms and by patterns
 * ("- + * BY_ $ [181]"); synonym sets (&NAME, +MEMBER) sit in a <SYNSETS> section.
 * Every pattern becomes a pl_verb_pattern anchored at the root's lemma. Words are TABARI
 * stems (prefixes) unless a '_' closes them; '_' between words means "no gap". */
#include "lex/foreign_verbs.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FV_WORD_MAX 255      /* longer words are malformed */
#define FV_SIDE_MAX 64       /* items on one side of the anchor, as for native patterns */
#define FV_SEQ_MAX 160       /* elements of one expanded pattern */
#define FV_ALTS_MAX 256      /* phrases one synonym-set member or { } alternative expands to */
#define FV_CHOICE_MAX 4096   /* alternatives of one set or { } (an item holds up to 65535) */
#define FV_VARIANTS_MAX 16   /* patterns one line may expand to, per verb */

/* ---- small helpers ------------------------------------------------------------------------ */

void pl_fv_unsupported(pl_fv_reader *rd, const char *fmt, ...)
{
    char text[320];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    pl_dict_unsupported(rd->src, text);
}

static int vec_push(pl_fv_vec *v, const pl_fv_elem *e)
{
    if (PL_GROW(v->v, v->cap, v->n + 1)) return -1;
    v->v[v->n++] = *e;
    return 0;
}

static int is_space(char c)
{
    return isspace((unsigned char)c) != 0;
}

/* 1 if c is one of set (never for NUL, which strchr would find). */
static int in_set(const char *set, char c)
{
    return c && strchr(set, c);
}

/* ASCII lower case of w into buf (NUL-terminated); 0 when w is empty or too long. */
static size_t lower_copy(const char *w, size_t len, char *buf, size_t cap)
{
    if (len == 0 || len >= cap) return 0;
    for (size_t i = 0; i < len; i++) buf[i] = (char)tolower((unsigned char)w[i]);
    buf[len] = 0;
    return len;
}

int pl_fv_init(pl_fv_reader *rd, pl_dict_source *src, enum pl_fv_syntax syntax)
{
    memset(rd, 0, sizeof *rd);
    rd->src = src;
    rd->syntax = syntax;
    pl_arena_init(&rd->keep, 64 * 1024);
    pl_arena_init(&rd->scratch, 16 * 1024);
    pl_strmap_init(&rd->synset_ids);
    return 0;
}

void pl_fv_free(pl_fv_reader *rd)
{
    pl_arena_free(&rd->keep);
    pl_arena_free(&rd->scratch);
    pl_strmap_free(&rd->synset_ids);
    free(rd->pool.v);
    free(rd->alts);
    free(rd->synsets);
    free(rd->shape_pool.v);
    free(rd->shapes);
    free(rd->lines);
    memset(rd, 0, sizeof *rd);
}

int pl_fv_each_line(pl_fv_reader *rd, const char *text, size_t len, pl_fv_line_fn fn)
{
    const char *p = text, *end = text + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        rd->src->line++;
        if (le > p && le[-1] == '\r') le--;
        if (memchr(p, '\0', (size_t)(le - p)))
            pl_dict_report(rd->src, PARLEY_ERROR, "NUL byte in line; skipped");
        else if (fn(rd, p, le))
            return -1;
        p = nl ? nl + 1 : end;
    }
    return 0;
}

/* ---- codes --------------------------------------------------------------------------------- */

int pl_fv_split_code(const char *s, const char *end, const char **body_end,
                     const char **code_start, const char **code_end)
{
    const char *open = NULL;
    for (const char *p = end; p > s; p--)
        if (p[-1] == '[') {
            open = p - 1;
            break;
        }
    if (!open) return 0;
    const char *close = memchr(open, ']', (size_t)(end - open));
    if (!close) return 0;
    for (const char *p = close + 1; p < end; p++)
        if (!is_space(*p)) return 0;
    *body_end = open;
    *code_start = open + 1;
    *code_end = close;
    return 1;
}

/* 2-4 digits; after three or four, one letter that some dictionaries add to make a variant
 * ("174K"). */
static int digits_2_4(const char *s, const char *end)
{
    if (end - s >= 4 && isalpha((unsigned char)end[-1])) end--;
    if (end - s < 2 || end - s > 4) return 0;
    for (; s < end; s++)
        if (!isdigit((unsigned char)*s)) return 0;
    return 1;
}

enum pl_fv_code pl_fv_parse_code(const char *s, const char *end, pl_fv_codes *out)
{
    const char *e;
    s = pl_trim(s, end, &e);
    out->code[0] = out->code2[0] = 0;
    /* A pattern coded "---" codes nothing, "###" discards the sentence; both win over the
     * shorter patterns they contain, so they are kept (pl_verb_pattern says so). */
    if (e - s == 3 && (!memcmp(s, "---", 3) || !memcmp(s, "###", 3))) {
        memcpy(out->code, s, 3);
        out->code[3] = 0;
        return PL_FV_CODE_OK;
    }
    const char *colon = memchr(s, ':', (size_t)(e - s));
    const char *first_end = colon ? colon : e;
    /* TABARI's dominant code, "[031!]": kept with its '!', which the coder reads */
    int dominant = !colon && e - s > 2 && e[-1] == '!';
    if (!digits_2_4(s, first_end - dominant) || (colon && !digits_2_4(colon + 1, e)))
        return PL_FV_CODE_BAD;
    memcpy(out->code, s, (size_t)(first_end - s));
    out->code[first_end - s] = 0;
    if (colon) {
        memcpy(out->code2, colon + 1, (size_t)(e - colon - 1));
        out->code2[e - colon - 1] = 0;
    }
    return PL_FV_CODE_OK;
}

/* ---- words --------------------------------------------------------------------------------- */

int pl_fv_add_word(pl_fv_reader *rd, pl_fv_vec *out, const char *w, size_t len, int stem,
                   int joined)
{
    char low[FV_WORD_MAX + 1];
    if (!lower_copy(w, len, low, sizeof low)) {
        pl_dict_report(rd->src, PARLEY_ERROR, "word too long: '%.*s...'",
                       len < 40 ? (int)len : 40, w);
        return 1;
    }
    pl_tokens toks = {0};
    pl_span span = {0, (uint32_t)len};
    int rc = -1;
    if (pl_tokenize(&toks, low, span)) goto done;
    rc = 1;
    if (toks.n == 0) {
        pl_dict_report(rd->src, PARLEY_ERROR, "word '%.*s' holds no text", (int)len, w);
        goto done;
    }
    rc = -1;
    for (size_t i = 0; i < toks.n; i++) {
        const pl_token *t = &toks.v[i];
        const char *norm = pl_token_norm(&toks, t);
        pl_fv_elem e = {.kind = PL_FV_ITEM, .joined = (uint8_t)(i == 0 ? joined : 1)};
        e.item.kind = PL_IT_WORD;
        if (stem && i + 1 == toks.n) {
            e.item.flags = PL_IF_STEM;
            if (!(e.item.stem = pl_arena_strndup(&rd->keep, norm, t->norm_len))) goto done;
        } else {
            /* A whole word (TABARI's closed by '_', all of PETRARCH's) is the word as
             * written: "RESOLUTION_" is not "resolutions". */
            e.item.flags = PL_IF_EXACT;
            if (!(e.item.id = pl_strmap_intern(&rd->src->d->vocab, norm, t->norm_len))) goto done;
        }
        if (vec_push(out, &e)) goto done;
    }
    rc = 0;
done:
    pl_tokens_free(&toks);
    return rc;
}

/* ---- anchors: the verb a root names ---------------------------------------------------------- */

static int lemma_is(pl_lemmatizer *lz, const char *w, const char *want)
{
    const char *l = pl_lemma(lz, w, strlen(w));
    return l && !strcmp(l, want);
}

/* 1 if WordNet knows w as a verb: one of its -ing or -ed forms leads back to it. */
static int known_verb(pl_lemmatizer *lz, const char *w)
{
    char g[FV_WORD_MAX + 8];
    int n = (int)strlen(w);
    if (n < 2 || n > 64) return 0;
    snprintf(g, sizeof g, "%sing", w);
    if (lemma_is(lz, g, w)) return 1;
    snprintf(g, sizeof g, "%sed", w);
    if (lemma_is(lz, g, w)) return 1;
    snprintf(g, sizeof g, "%sd", w);
    if (lemma_is(lz, g, w)) return 1;
    snprintf(g, sizeof g, "%.*sing", n - 1, w); /* "abusing" */
    if (w[n - 1] == 'e' && lemma_is(lz, g, w)) return 1;
    snprintf(g, sizeof g, "%s%cing", w, w[n - 1]); /* "stopping" */
    return lemma_is(lz, g, w);
}

#define FV_STEM_VERBS PL_FV_ANCHORS_MAX /* verbs one TABARI stem may stand for */

typedef char stem_verb[FV_WORD_MAX + 8];

static size_t add_verb(stem_verb *out, size_t n, const char *v)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(out[i], v)) return n;
    if (n == FV_STEM_VERBS) return n;
    snprintf(out[n], sizeof out[n], "%s", v);
    return n + 1;
}

/* The verbs WordNet knows that a TABARI stem begins, as TABARI's prefix match would find
 * them: "abus" -> abuse, "accelerat" -> accelerate, "suppl" -> supple, supply; "committ" ->
 * commit; an inflected form is its lemma ("banned" -> ban), a whole verb itself. A noun root
 * ("THREAT", "RIFT") is itself. Returns how many (0: none). */
static size_t resolve_stem(pl_lemmatizer *lz, const char *s, stem_verb *out)
{
    static const char *const endings[] = {"e", "y", "ze", "se", "sh", "ve"};
    static const char *const inflections[] = {"ed", "d", "s", "es", "ing"};
    size_t len = strlen(s), n = 0;
    char cand[FV_WORD_MAX + 8];
    const char *l = pl_lemma(lz, s, len);
    if (l && strcmp(l, s)) return add_verb(out, 0, l);
    if (known_verb(lz, s)) return add_verb(out, 0, s);
    for (size_t i = 0; i < sizeof endings / sizeof *endings; i++) {
        snprintf(cand, sizeof cand, "%s%s", s, endings[i]);
        if (known_verb(lz, cand)) n = add_verb(out, n, cand);
    }
    /* Stems that stop before a changed letter: "defie" (defied), "suppli" (supplied). */
    for (size_t i = 0; n == 0 && i < sizeof inflections / sizeof *inflections && len >= 3; i++) {
        snprintf(cand, sizeof cand, "%s%s", s, inflections[i]);
        l = pl_lemma(lz, cand, strlen(cand));
        if (!l || !strcmp(l, cand) || strncmp(l, s, len - 2)) continue;
        snprintf(cand, sizeof cand, "%s", l);
        if (known_verb(lz, cand)) n = add_verb(out, n, cand);
    }
    snprintf(cand, sizeof cand, "%ss", s);
    if (n == 0 && lemma_is(lz, cand, s)) n = add_verb(out, n, s);
    return n;
}

size_t pl_fv_anchors(pl_fv_reader *rd, const char *w, size_t len, int stem, uint32_t *ids,
                     int *oom, int *noun)
{
    char low[FV_WORD_MAX + 1];
    pl_dict *d = rd->src->d;
    *oom = *noun = 0;
    if (!lower_copy(w, len, low, sizeof low)) return 0;
    pl_lemmatizer *lz = stem ? pl_dict_lemmatizer(d) : NULL;
    if (lz) {
        stem_verb verbs[FV_STEM_VERBS];
        size_t n = resolve_stem(lz, low, verbs);
        for (size_t i = 0; i < n; i++)
            if (!(ids[i] = pl_dict_word(d, verbs[i], strlen(verbs[i])))) return *oom = 1, 0;
        /* "THREAT", "DEATH": a noun root, itself */
        *noun = n == 0 || (n == 1 && !known_verb(lz, verbs[0]));
        if (n) return n;
    }
    /* An exact word, no WordNet to find stems with, or a stem WordNet knows no verb for
     * ("SHOULD", "THREAT"): TABARI anchors at any word, so the word as written. */
    pl_tokens toks = {0};
    pl_span span = {0, (uint32_t)len};
    size_t n = 0;
    if (pl_tokenize(&toks, low, span)) *oom = 1;
    else if (toks.n == 1) {
        ids[0] = pl_dict_word(d, pl_token_norm(&toks, toks.v), toks.v->norm_len);
        *oom = !ids[0];
        n = ids[0] != 0;
    }
    pl_tokens_free(&toks);
    return n;
}

uint32_t pl_fv_form(pl_fv_reader *rd, const char *w, size_t len, int as_written)
{
    char low[FV_WORD_MAX + 1];
    pl_dict *d = rd->src->d;
    if (!lower_copy(w, len, low, sizeof low)) return 0;
    uint32_t lemma = pl_dict_word(d, low, strlen(low));
    uint32_t word = pl_strmap_intern(&d->vocab, low, strlen(low));
    return word && (word != lemma || as_written) ? word : 0;
}

/* ---- alternatives: synonym sets and { A | B } ------------------------------------------------ */

typedef struct flat {
    pl_fv_reader *rd;
    const pl_fv_elem *seq;
    size_t n, made;
    pl_fv_elem buf[FV_SIDE_MAX];
    size_t len;
    int overflow;
} flat;

static int flat_emit(flat *f)
{
    pl_fv_reader *rd = f->rd;
    if (++f->made > FV_ALTS_MAX || f->len == 0) {
        f->overflow = 1;
        return 0;
    }
    uint32_t first = (uint32_t)rd->pool.n;
    for (size_t i = 0; i < f->len; i++)
        if (vec_push(&rd->pool, &f->buf[i])) return -1;
    if (PL_GROW(rd->alts, rd->alts_cap, rd->nalts + 1)) return -1;
    rd->alts[rd->nalts++] = (pl_fv_alt){first, (uint32_t)f->len};
    return 0;
}

/* Every word sequence seq[i..] can be, choices replaced by each of their alternatives. Reads
 * rd->alts and rd->pool by index: flat_emit grows them. */
static int flat_from(flat *f, size_t i)
{
    if (f->overflow) return 0;
    if (i == f->n) return flat_emit(f);
    const pl_fv_elem *e = &f->seq[i];
    if (e->kind != PL_FV_CHOICE) {
        if (f->len == FV_SIDE_MAX) return f->overflow = 1, 0;
        f->buf[f->len++] = *e;
        int rc = flat_from(f, i + 1);
        f->len--;
        return rc;
    }
    uint8_t joined = e->joined;
    for (uint32_t a = e->first; a < e->first + e->n; a++) {
        pl_fv_alt alt = f->rd->alts[a];
        size_t mark = f->len;
        if (f->len + alt.n > FV_SIDE_MAX) return f->overflow = 1, 0;
        for (uint32_t k = 0; k < alt.n; k++) f->buf[f->len++] = f->rd->pool.v[alt.first + k];
        f->buf[mark].joined = joined;
        if (flat_from(f, i + 1)) return -1;
        f->len = mark;
    }
    return 0;
}

/* Appends the word sequences of seq to rd->alts: 0, 1 (reported), -1 (out of memory). */
static int flatten(pl_fv_reader *rd, const pl_fv_vec *seq)
{
    flat f = {.rd = rd, .seq = seq->v, .n = seq->n};
    if (seq->n == 0) {
        pl_dict_report(rd->src, PARLEY_ERROR, "empty alternative");
        return 1;
    }
    if (flat_from(&f, 0)) return -1;
    if (!f.overflow) return 0;
    pl_dict_report(rd->src, PARLEY_ERROR, "alternatives expand to more than %d phrases of up "
                                          "to %d words", FV_ALTS_MAX, FV_SIDE_MAX);
    return 1;
}

int pl_fv_synset_line(pl_fv_reader *rd, const char *s, const char *name_end, const char *end)
{
    const char *name = s, *rest_end;
    size_t len = (size_t)(name_end - s);
    int ok = len > 1 && pl_trim(name_end, end, &rest_end) == rest_end;
    for (const char *p = s + 1; ok && p < name_end; p++)
        ok = isalnum((unsigned char)*p) || *p == '_';
    /* "&PREPOSIT1_" defines &PREPOSIT1: a closing '_' is no part of a name. */
    while (ok && len > 2 && name[len - 1] == '_') len--;
    rd->open_synset = 0;
    if (!ok) {
        pl_dict_report(rd->src, PARLEY_ERROR, "expected '&NAME' (letters, digits, _)");
        return 0;
    }
    if (pl_strmap_get(&rd->synset_ids, name, len)) {
        pl_dict_report(rd->src, PARLEY_WARNING, "synonym set %.*s defined twice; the first stands",
                       (int)len, name);
        rd->open_synset = 0;
        return 0;
    }
    if (PL_GROW(rd->synsets, rd->synsets_cap, rd->nsynsets + 1)) return -1;
    rd->synsets[rd->nsynsets] = (pl_fv_alt){(uint32_t)rd->nalts, 0};
    if (pl_strmap_intern(&rd->synset_ids, name, len) != rd->nsynsets + 1) return -1;
    rd->open_synset = (uint32_t)++rd->nsynsets;
    return 0;
}

int pl_fv_synset_member(pl_fv_reader *rd, const char *s, const char *end)
{
    if (rd->synsets[rd->open_synset - 1].n >= FV_CHOICE_MAX) {
        pl_dict_report(rd->src, PARLEY_ERROR, "synonym set has %d phrases already; skipped",
                       FV_CHOICE_MAX);
        return 0;
    }
    pl_fv_vec seq = {0};
    int rc = pl_fv_scan(rd, &seq, s, end, 1);
    /* PETRARCH reads a member's words as consecutive, however they are separated. */
    for (size_t i = 1; rc == 0 && rd->syntax == PL_FV_PETRARCH && i < seq.n; i++)
        seq.v[i].joined = 1;
    pl_fv_alt *set = &rd->synsets[rd->open_synset - 1];
    /* A set's alternatives are contiguous: nothing else adds any while it is open. */
    if (rc == 0 && set->first + set->n != rd->nalts) {
        pl_dict_report(rd->src, PARLEY_ERROR, "synonym-set member out of place");
        rc = 1;
    }
    if (rc == 0 && (rc = flatten(rd, &seq)) == 0) set->n = (uint32_t)(rd->nalts - set->first);
    if (set->n > FV_CHOICE_MAX) set->n = FV_CHOICE_MAX;
    free(seq.v);
    return rc < 0 ? -1 : 0;
}

/* ---- scanning a pattern ---------------------------------------------------------------------- */

typedef struct scan {
    pl_fv_reader *rd;
    pl_fv_vec *out;          /* the sequence */
    pl_fv_vec alt;           /* inside TABARI's { A | B }: the alternative being read */
    const char *start, *end;
    int member, in_choice, joined, verbs, paren, brace;
    uint32_t choice_first;
    uint8_t choice_joined;
} scan;

static int is_special(const scan *sc, char c)
{
    if (in_set("*$+%^&{}|[]", c)) return 1;
    return sc->rd->syntax == PL_FV_PETRARCH && (c == '(' || c == ')');
}

static pl_fv_vec *target(scan *sc)
{
    return sc->in_choice ? &sc->alt : sc->out;
}

static int scan_error(scan *sc, const char *what)
{
    pl_dict_report(sc->rd->src, PARLEY_ERROR, "%s in '%.*s'", what, (int)(sc->end - sc->start),
                   sc->start);
    return 1;
}

/* Ends an alternative of { A | B }: its sequences join the choice's alternatives. */
static int end_alternative(scan *sc)
{
    if (sc->alt.n == 0) return scan_error(sc, "empty alternative");
    int rc = flatten(sc->rd, &sc->alt);
    sc->alt.n = 0;
    return rc;
}

static int choice_char(scan *sc, char c)
{
    if (c == '{') {
        if (sc->in_choice) return scan_error(sc, "'{' inside '{ }'");
        sc->in_choice = 1;
        sc->choice_joined = (uint8_t)sc->joined;
        sc->choice_first = (uint32_t)sc->rd->nalts;
        return 0;
    }
    if (!sc->in_choice) return scan_error(sc, c == '|' ? "'|' outside '{ }'" : "'}' without '{'");
    int rc = end_alternative(sc);
    if (rc || c == '|') return rc;
    sc->in_choice = 0;
    pl_fv_elem e = {.kind = PL_FV_CHOICE, .joined = sc->choice_joined, .first = sc->choice_first,
                    .n = (uint32_t)(sc->rd->nalts - sc->choice_first)};
    if (e.n > FV_CHOICE_MAX) return scan_error(sc, "too many alternatives");
    return vec_push(sc->out, &e);
}

/* PETRARCH's ( ) and { } group phrases; parley reads their words in order. */
static int group_char(scan *sc, char c)
{
    if (c == '|') {
        pl_fv_unsupported(sc->rd, "alternatives '{ A | B }' in a PETRARCH pattern "
                                  "(PETRARCH skips them)");
        return 1;
    }
    int *depth = c == '(' || c == ')' ? &sc->paren : &sc->brace;
    if (c == '(' || c == '{') ++*depth;
    else if (--*depth < 0) return scan_error(sc, "unbalanced ( ) or { }");
    return 0;
}

static int slot_char(scan *sc, char c)
{
    if (sc->member) return scan_error(sc, "a slot ($ + % ^ *) in a synonym set");
    if (sc->in_choice) {
        pl_fv_unsupported(sc->rd, "a slot ($ + %% ^ *) inside '{ | }' alternatives");
        return 1;
    }
    pl_fv_elem e = {.kind = PL_FV_ITEM, .joined = (uint8_t)sc->joined};
    if (c == '*') {
        e.kind = PL_FV_VERB;
        if (++sc->verbs > 1) return scan_error(sc, "more than one '*'");
    } else {
        e.item.kind = c == '+' ? PL_IT_TARGET : c == '^' ? PL_IT_SKIP : PL_IT_SOURCE;
        if (c == '^') e.item.flags |= PL_IF_PHRASE;
        e.joint = c == '%';
    }
    return vec_push(sc->out, &e);
}

/* "&NAME": the longest prefix of the name run (letters, digits, '_') that names a set, since
 * '_' also joins a set to the next word ("NEW_&TIETYPES_RELATIONS"). */
static int synset_ref(scan *sc, const char **pp)
{
    const char *p = *pp, *q = p + 1;
    while (q < sc->end && (isalnum((unsigned char)*q) || *q == '_')) q++;
    for (const char *stop = q; stop > p + 1; stop--) {
        if (stop != q && *stop != '_') continue;
        uint32_t id = pl_strmap_get(&sc->rd->synset_ids, p, (size_t)(stop - p));
        if (!id) continue;
        pl_fv_alt set = sc->rd->synsets[id - 1];
        pl_fv_elem e = {.kind = PL_FV_CHOICE, .joined = (uint8_t)sc->joined, .first = set.first,
                        .n = set.n};
        *pp = stop;
        if (set.n == 0) return scan_error(sc, "empty synonym set");
        return vec_push(target(sc), &e);
    }
    while (q > p + 1 && q[-1] == '_') q--;
    pl_fv_unsupported(sc->rd, "undefined synonym set %.*s", (int)(q - p), p);
    return 1;
}

/* PETRARCH's "TO/FOR": one of the words. */
static int slash_word(scan *sc, const char *w, const char *we)
{
    pl_fv_vec alt = {0};
    uint32_t first = (uint32_t)sc->rd->nalts;
    int rc = 0;
    for (const char *p = w; rc == 0 && p <= we;) {
        const char *slash = memchr(p, '/', (size_t)(we - p));
        const char *pe = slash ? slash : we;
        alt.n = 0;
        if (pe == p) rc = scan_error(sc, "empty word around '/'");
        else if ((rc = pl_fv_add_word(sc->rd, &alt, p, (size_t)(pe - p), 0, 0)) == 0)
            rc = flatten(sc->rd, &alt);
        p = pe + 1;
    }
    free(alt.v);
    pl_fv_elem e = {.kind = PL_FV_CHOICE, .joined = (uint8_t)sc->joined, .first = first,
                    .n = (uint32_t)(sc->rd->nalts - first)};
    if (rc == 0 && e.n > FV_CHOICE_MAX) rc = scan_error(sc, "too many alternatives");
    return rc ? rc : vec_push(target(sc), &e);
}

/* The end of a Treebank contraction's second half ("N'T" in "DID N'T") starting at p after
 * spaces, or NULL: text writes the two as one word ("didn't", "can't", "won't"). */
static const char *contraction_end(const scan *sc, const char *p)
{
    while (p < sc->end && is_space(*p)) p++;
    if (sc->end - p < 3 || tolower((unsigned char)p[0]) != 'n' || p[1] != '\'' ||
        tolower((unsigned char)p[2]) != 't')
        return NULL;
    p += 3;
    return p == sc->end || is_space(*p) || *p == '_' || is_special(sc, *p) ? p : NULL;
}

static int word(scan *sc, const char **pp)
{
    const char *w = *pp, *we = w;
    int petrarch = sc->rd->syntax == PL_FV_PETRARCH;
    while (we < sc->end && !is_space(*we) && *we != '_' && !(*we == '~' && !petrarch) &&
           !is_special(sc, *we))
        we++;
    /* TABARI's "NEAT~_PLACE": '~' keeps a word a stem ("neatest") that '_' joins to the
     * next one. */
    int tilde = !petrarch && we < sc->end && *we == '~';
    *pp = tilde ? we + 1 : we;
    const char *ce =
        !tilde && we > w && we - w < FV_WORD_MAX - 3 ? contraction_end(sc, we) : NULL;
    if (ce) {
        char joined[FV_WORD_MAX + 1];
        int n = snprintf(joined, sizeof joined, "%.*sn't", (int)(we - w), w);
        *pp = ce;
        return pl_fv_add_word(sc->rd, target(sc), joined, (size_t)n, 0, sc->joined);
    }
    if (petrarch && !sc->member && memchr(w, '/', (size_t)(we - w))) return slash_word(sc, w, we);
    /* A TABARI word is a stem unless '_' closes it; PETRARCH's words are whole. */
    int stem = !petrarch && (tilde || !(we < sc->end && *we == '_'));
    return pl_fv_add_word(sc->rd, target(sc), w, (size_t)(we - w), stem, sc->joined);
}

static int scan_one(scan *sc, const char **pp)
{
    char c = **pp;
    int petrarch = sc->rd->syntax == PL_FV_PETRARCH;
    if (c == '&') return synset_ref(sc, pp);
    ++*pp;
    if (c == '[' || c == ']') return scan_error(sc, "stray bracket");
    if (petrarch && in_set("(){}|", c)) return group_char(sc, c);
    if (in_set("{|}", c)) return sc->member ? scan_error(sc, "'{ }' in a synonym set")
                                            : choice_char(sc, c);
    if (in_set("*$+%^", c)) return slot_char(sc, c);
    --*pp;
    return word(sc, pp);
}

int pl_fv_scan(pl_fv_reader *rd, pl_fv_vec *out, const char *s, const char *end, int member)
{
    scan sc = {.rd = rd, .out = out, .start = s, .end = end, .member = member};
    int rc = 0;
    char last = 0;
    for (const char *p = s; rc == 0 && p < end;) {
        /* In a pattern line (not inside a set's member) TABARI does not hold the word after
         * a synonym set to it ("&NEGATIVE_EVER" fits "did not even ever"): a '_' there is a
         * space. */
        if (is_space(*p) || *p == '_') {
            sc.joined = *p++ == '_' && !(last == '&' && !member && rd->syntax == PL_FV_TABARI);
            continue;
        }
        char c = last = *p;
        rc = scan_one(&sc, &p);
        /* An element joins the next one only through a '_' right after it; PETRARCH's group
         * marks stand between elements without separating them. */
        if (!(rd->syntax == PL_FV_PETRARCH && in_set("(){}", c))) sc.joined = 0;
    }
    if (rc == 0 && sc.in_choice) rc = scan_error(&sc, "'{' without '}'");
    if (rc == 0 && (sc.paren || sc.brace)) rc = scan_error(&sc, "unbalanced ( ) or { }");
    if (rc == 0 && !member && sc.verbs != 1) rc = scan_error(&sc, "no '*' (the verb's place)");
    if (rc == 0 && member && out->n == 0) rc = scan_error(&sc, "empty synonym-set member");
    free(sc.alt.v);
    return rc;
}

/* ---- verb shapes and blocks ------------------------------------------------------------------ */

static int same_item(const pl_pat_item *a, const pl_pat_item *b)
{
    if (a->kind != b->kind || a->flags != b->flags || a->id != b->id) return 0;
    return (!a->stem && !b->stem) || (a->stem && b->stem && !strcmp(a->stem, b->stem));
}

static int same_shape(const pl_fv_reader *rd, const pl_fv_shape *sh, const pl_fv_vec *elems)
{
    if (sh->n != elems->n) return 0;
    for (uint32_t i = 0; i < sh->n; i++) {
        const pl_fv_elem *a = &rd->shape_pool.v[sh->first + i], *b = &elems->v[i];
        if (a->kind != b->kind || a->joined != b->joined || !same_item(&a->item, &b->item))
            return 0;
    }
    return 1;
}

/* "NAME LINE" with runs of white space made one (PETRARCH pads its columns), for texts. */
static char *pattern_text(pl_arena *a, const char *name, size_t nlen, const char *s, size_t len)
{
    char *out = pl_arena_alloc(a, nlen + len + 2), *o = out;
    if (!out) return NULL;
    memcpy(o, name, nlen);
    o += nlen;
    *o++ = ' ';
    for (size_t i = 0; i < len; i++)
        if (!is_space(s[i])) *o++ = s[i];
        else if (o[-1] != ' ') *o++ = ' ';
    while (o > out && o[-1] == ' ') o--;
    *o = 0;
    return out;
}

typedef struct proto_args {
    const pl_fv_codes *codes;
    const char *text;
} proto_args;

/* One pattern from a sequence (`lin`, the verb shape spliced in, the anchor at `anchor`).
 * 1 when a side is too long. */
static int add_pattern(pl_fv_reader *rd, const pl_fv_elem *lin, size_t n, size_t anchor,
                       const proto_args *a)
{
    pl_pat_item before[FV_SIDE_MAX], after[FV_SIDE_MAX];
    pl_verb_pattern v = {.code = a->codes->code, .text = a->text, .gaps = 1, .default_target = 1};
    if (anchor > FV_SIDE_MAX || n - anchor - 1 > FV_SIDE_MAX) return 1;
    v.code2 = a->codes->code2[0] ? a->codes->code2 : NULL;
    v.verb = lin[anchor].item.id;
    v.form = lin[anchor].form;
    v.noun = lin[anchor].noun;
    /* `before` is read leftwards: an item is adjacent to the one on its right. */
    for (size_t i = anchor; i-- > 0;) {
        before[v.nbefore] = lin[i].item;
        if (lin[i + 1].joined) before[v.nbefore].flags |= PL_IF_ADJACENT;
        v.joint |= lin[i].joint;
        v.nbefore++;
    }
    for (size_t i = anchor + 1; i < n; i++) {
        after[v.nafter] = lin[i].item;
        if (lin[i].joined) after[v.nafter].flags |= PL_IF_ADJACENT;
        v.joint |= lin[i].joint;
        v.nafter++;
    }
    v.before = before;
    v.after = after;
    return pl_dict_pattern(rd->src, &v) ? -1 : 0;
}

/* The pattern of `pat` (one PL_FV_VERB, choices resolved) for verb shape sh. */
static int pattern_for_shape(pl_fv_reader *rd, const pl_fv_elem *pat, size_t n,
                             const pl_fv_shape *sh, const proto_args *a)
{
    pl_fv_elem lin[FV_SEQ_MAX + FV_SIDE_MAX];
    size_t len = 0, anchor = 0, verb = 0;
    while (verb < n && pat[verb].kind != PL_FV_VERB) verb++;
    if (verb == n || n + sh->n > sizeof lin / sizeof *lin) return 1;
    for (size_t i = 0; i < verb; i++) lin[len++] = pat[i];
    for (uint32_t i = 0; i < sh->n; i++) {
        lin[len] = rd->shape_pool.v[sh->first + i];
        if (lin[len].kind == PL_FV_VERB) anchor = len;
        /* '*' stands for the whole verb: what joins '*' joins its first word. */
        if (i == 0) lin[len].joined = pat[verb].joined;
        len++;
    }
    for (size_t i = verb + 1; i < n; i++) lin[len++] = pat[i];
    return add_pattern(rd, lin, len, anchor, a);
}

int pl_fv_add_shape(pl_fv_reader *rd, const pl_fv_vec *elems, const char *name, size_t len,
                    const pl_fv_codes *codes)
{
    for (size_t i = 0; i < rd->nshapes; i++)
        if (same_shape(rd, &rd->shapes[i], elems)) return 0;
    if (PL_GROW(rd->shapes, rd->shapes_cap, rd->nshapes + 1)) return -1;
    pl_fv_shape *sh = &rd->shapes[rd->nshapes];
    *sh = (pl_fv_shape){(uint32_t)rd->shape_pool.n, (uint32_t)elems->n, name, (uint32_t)len};
    for (size_t i = 0; i < elems->n; i++)
        if (vec_push(&rd->shape_pool, &elems->v[i])) return -1;
    rd->nshapes++;
    if (!codes) return 1;
    /* The verb alone: a pattern with nothing but the verb's own words. */
    pl_fv_elem verb = {.kind = PL_FV_VERB};
    char code[24];
    snprintf(code, sizeof code, "[%s%s%s]", codes->code, codes->code2[0] ? ":" : "", codes->code2);
    char *text = pattern_text(&rd->scratch, name, len, code, strlen(code));
    proto_args a = {codes, text};
    int rc = text ? pattern_for_shape(rd, &verb, 1, sh, &a) : -1;
    pl_arena_reset(&rd->scratch);
    if (rc > 0)
        pl_fv_unsupported(rd, "verb '%.*s' has more than %d words", (int)len, name, FV_SIDE_MAX);
    return rc < 0 ? -1 : 1;
}

int pl_fv_add_line(pl_fv_reader *rd, const char *s, const char *end)
{
    if (PL_GROW(rd->lines, rd->lines_cap, rd->nlines + 1)) return -1;
    rd->lines[rd->nlines++] = (pl_fv_line){s, (uint32_t)(end - s), rd->src->line};
    return 0;
}

/* ---- pattern lines: variants and emission ---------------------------------------------------- */

typedef struct gen {
    pl_fv_reader *rd;
    const pl_fv_vec *seq;
    const pl_fv_codes *codes;
    const char *line;
    size_t line_len;
    pl_fv_elem buf[FV_SEQ_MAX];
    size_t len;
    int too_long;
} gen;

static int gen_emit(gen *g)
{
    pl_fv_reader *rd = g->rd;
    for (size_t k = 0; k < rd->nshapes; k++) {
        const pl_fv_shape *sh = &rd->shapes[k];
        char *text = pattern_text(&rd->scratch, sh->name, sh->name_len, g->line, g->line_len);
        proto_args a = {g->codes, text};
        int rc = text ? pattern_for_shape(rd, g->buf, g->len, sh, &a) : -1;
        if (rc < 0) return -1;
        if (rc > 0) g->too_long = 1;
    }
    return 0;
}

/* The alternatives of choice e that are one word, as one item (PL_IT_ANY when several) in
 * *out; 0 when there are none, -1 when out of memory. */
static int any_item(gen *g, const pl_fv_elem *e, pl_fv_elem *out)
{
    pl_fv_reader *rd = g->rd;
    uint32_t singles = 0;
    for (uint32_t a = e->first; a < e->first + e->n; a++) singles += rd->alts[a].n == 1;
    if (!singles) return 0;
    pl_pat_item *alts = pl_arena_alloc(&rd->scratch, singles * sizeof *alts);
    if (!alts) return -1;
    uint32_t k = 0;
    for (uint32_t a = e->first; a < e->first + e->n; a++)
        if (rd->alts[a].n == 1) alts[k++] = rd->pool.v[rd->alts[a].first].item;
    *out = (pl_fv_elem){.kind = PL_FV_ITEM, .joined = e->joined};
    if (singles == 1) out->item = alts[0];
    else out->item = (pl_pat_item){.kind = PL_IT_ANY, .nalts = (uint16_t)singles, .alts = alts};
    return 1;
}

static int gen_from(gen *g, size_t i);

static int gen_push(gen *g, size_t i, const pl_fv_elem *e, size_t n, uint8_t joined,
                    uint8_t flags)
{
    if (g->len + n > FV_SEQ_MAX) {
        g->too_long = 1;
        return 0;
    }
    size_t mark = g->len;
    for (size_t k = 0; k < n; k++) {
        g->buf[g->len] = e[k];
        g->buf[g->len++].item.flags |= flags;
    }
    g->buf[mark].joined = joined;
    int rc = gen_from(g, i + 1);
    g->len = mark;
    return rc;
}

/* Every variant of seq[i..]: a choice's one-word alternatives make one PL_IT_ANY item, each
 * longer alternative a variant of its own. */
static int gen_from(gen *g, size_t i)
{
    if (i == g->seq->n) return gen_emit(g);
    const pl_fv_elem *e = &g->seq->v[i];
    if (e->kind != PL_FV_CHOICE) return gen_push(g, i, e, 1, e->joined, 0);
    pl_fv_elem any;
    int rc = any_item(g, e, &any);
    if (rc < 0 || (rc > 0 && gen_push(g, i, &any, 1, e->joined, 0))) return -1;
    for (uint32_t a = e->first; a < e->first + e->n; a++) {
        pl_fv_alt alt = g->rd->alts[a];
        if (alt.n > 1 && !e->one_word &&
            gen_push(g, i, &g->rd->pool.v[alt.first], alt.n, e->joined, PL_IF_CHOSEN))
            return -1;
    }
    return 0;
}

static void choice_sizes(const pl_fv_reader *rd, const pl_fv_elem *e, size_t *singles,
                         size_t *multi)
{
    *singles = *multi = 0;
    for (uint32_t a = e->first; a < e->first + e->n; a++) {
        *singles += rd->alts[a].n == 1;
        *multi += rd->alts[a].n > 1;
    }
}

/* How many patterns a verb gets from seq, or FV_VARIANTS_MAX + 1 when more. */
static size_t count_variants(const pl_fv_reader *rd, const pl_fv_vec *seq)
{
    size_t total = 1, singles, multi;
    for (size_t i = 0; i < seq->n; i++) {
        const pl_fv_elem *e = &seq->v[i];
        if (e->kind != PL_FV_CHOICE) continue;
        choice_sizes(rd, e, &singles, &multi);
        total *= (e->one_word ? 0 : multi) + (singles > 0);
        if (total > FV_VARIANTS_MAX) return FV_VARIANTS_MAX + 1;
    }
    return total;
}

/* Keeps a line under FV_VARIANTS_MAX patterns a verb: the choices with the most multi-word
 * alternatives ("&WEAPON": "ASSAULT_RIFLE", "TEAR_GAS"...) keep their one-word ones only.
 * Returns how many alternatives were dropped, or SIZE_MAX when that is not enough. */
static size_t limit_variants(const pl_fv_reader *rd, pl_fv_vec *seq)
{
    size_t dropped = 0, singles, multi;
    while (count_variants(rd, seq) > FV_VARIANTS_MAX) {
        pl_fv_elem *worst = NULL;
        size_t worst_multi = 0;
        for (size_t i = 0; i < seq->n; i++) {
            pl_fv_elem *e = &seq->v[i];
            if (e->kind != PL_FV_CHOICE || e->one_word) continue;
            choice_sizes(rd, e, &singles, &multi);
            if (singles && multi > worst_multi) worst = e, worst_multi = multi;
        }
        if (!worst) return SIZE_MAX;
        worst->one_word = 1;
        dropped += worst_multi;
    }
    return dropped;
}

/* Slots parley can fill: one source ($ or %), one target (+), no % beside $ or +. */
static int check_slots(pl_fv_reader *rd, const pl_fv_vec *seq)
{
    int sources = 0, joints = 0, targets = 0;
    for (size_t i = 0; i < seq->n; i++) {
        const pl_fv_elem *e = &seq->v[i];
        if (e->kind != PL_FV_ITEM) continue;
        joints += e->joint;
        sources += e->item.kind == PL_IT_SOURCE && !e->joint;
        targets += e->item.kind == PL_IT_TARGET;
    }
    if (joints && (sources || targets))
        pl_fv_unsupported(rd, "'%%' (compound) together with '$' or '+'");
    else if (sources + joints > 1 || targets > 1)
        pl_fv_unsupported(rd, "two '$', '%%' or '+' slots");
    else
        return 0;
    return 1;
}

static int pattern_body(pl_fv_reader *rd, const char *s, const char *body_end, const char *end,
                        const pl_fv_codes *codes)
{
    pl_fv_vec seq = {0};
    int rc = pl_fv_scan(rd, &seq, s + 1, body_end, 0);
    if (rc == 0) rc = check_slots(rd, &seq);
    size_t dropped = rc == 0 ? limit_variants(rd, &seq) : 0;
    if (dropped == SIZE_MAX) {
        pl_fv_unsupported(rd, "alternatives that make more than %d patterns a verb",
                          FV_VARIANTS_MAX);
        rc = 1;
    } else if (dropped) {
        pl_fv_unsupported(rd, "%zu multi-word alternatives (more than %d patterns a verb; the "
                              "one-word ones stay)", dropped, FV_VARIANTS_MAX);
    }
    gen g = {.rd = rd, .seq = &seq, .codes = codes, .line = s, .line_len = (size_t)(end - s)};
    if (rc == 0) rc = gen_from(&g, 0);
    if (rc == 0 && g.too_long)
        pl_fv_unsupported(rd, "pattern longer than %d items a side", FV_SIDE_MAX);
    free(seq.v);
    return rc;
}

/* A pattern line "- ... [CODE]" for every verb of the block. */
static int pattern_line(pl_fv_reader *rd, const char *s, const char *end)
{
    const char *body_end, *cs, *ce;
    pl_fv_codes codes;
    if (!pl_fv_split_code(s + 1, end, &body_end, &cs, &ce)) {
        pl_fv_unsupported(rd, "pattern without a [CODE] (it inherits none)");
        return 0;
    }
    switch (pl_fv_parse_code(cs, ce, &codes)) {
    case PL_FV_CODE_NULL: return 0; /* "this codes nothing" */
    case PL_FV_CODE_BAD:
        pl_fv_unsupported(rd, "event code [%.*s] (not 2-4 digits)", (int)(ce - cs), cs);
        return 0;
    case PL_FV_CODE_OK: break;
    }
    size_t mark_pool = rd->pool.n, mark_alts = rd->nalts;
    int rc = pattern_body(rd, s, body_end, end, &codes);
    /* What this line added to the pools (its { } and / alternatives) goes. */
    rd->pool.n = mark_pool;
    rd->nalts = mark_alts;
    pl_arena_reset(&rd->scratch);
    return rc < 0 ? -1 : 0;
}

int pl_fv_end_block(pl_fv_reader *rd)
{
    long line = rd->src->line;
    int rc = 0;
    if (rd->block_open && !rd->block_dead && rd->nshapes == 0 && rd->nlines) {
        rd->src->line = rd->lines[0].line;
        pl_fv_unsupported(rd, "%zu patterns in a block with no verb", rd->nlines);
    } else if (rd->block_open && !rd->block_dead) {
        for (size_t i = 0; rc == 0 && i < rd->nlines; i++) {
            rd->src->line = rd->lines[i].line;
            rc = pattern_line(rd, rd->lines[i].s, rd->lines[i].s + rd->lines[i].len);
        }
    }
    rd->src->line = line;
    rd->shape_pool.n = rd->nshapes = rd->nlines = 0;
    rd->block_open = rd->block_dead = 0;
    return rc;
}

/* ---- TABARI ---------------------------------------------------------------------------------- */

enum tabari_section { SEC_NONE, SEC_SYNSETS, SEC_TIME, SEC_OTHER };

typedef struct tabari {
    pl_fv_reader rd;         /* first: the line callback gets &t->rd */
    enum tabari_section section;
    pl_fv_codes root_codes;
    int root_coded;          /* the root line's code applies to its forms too */
} tabari;

/* 1 (reported) if a verb phrase holds a pattern character. */
static int bad_verb_char(pl_fv_reader *rd, const char *s, const char *end)
{
    for (const char *q = s; q < end; q++)
        if (in_set("*$+%^&{}|[]", *q)) {
            pl_dict_report(rd->src, PARLEY_ERROR, "unexpected '%c' in verb '%.*s'", *q,
                           (int)(end - s), s);
            return 1;
        }
    return 0;
}

/* A root or form phrase: "ATTACK", "BLEW_UP", "ARREST AND_CHARGE". Its first word is the
 * anchor (a stem unless '_' closes it; a stem may stand for several verbs, each a shape of
 * its own); the others follow it. 1 when it cannot be used. */
static int tabari_shape(tabari *t, const char *s, const char *end, const pl_fv_codes *codes)
{
    pl_fv_reader *rd = &t->rd;
    pl_fv_vec v = {0};
    uint32_t ids[FV_STEM_VERBS];
    size_t nids = 0;
    int rc = bad_verb_char(rd, s, end), joined = 0, oom;
    for (const char *p = s; rc == 0 && p < end;) {
        if (is_space(*p) || *p == '_') {
            joined = *p++ == '_';
            continue;
        }
        const char *w = p;
        while (p < end && !is_space(*p) && *p != '_') p++;
        /* "BAN=": this form and no other ("baning", "baned" are not it) */
        int as_written = v.n == 0 && p - w > 1 && p[-1] == '=';
        size_t len = (size_t)(p - w) - (size_t)as_written;
        int stem = !as_written && !(p < end && *p == '_');
        pl_fv_elem verb = {.kind = PL_FV_VERB};
        int noun;
        if (v.n > 0) rc = pl_fv_add_word(rd, &v, w, len, stem, joined);
        else if (!(nids = pl_fv_anchors(rd, w, len, stem, ids, &oom, &noun)))
            rc = oom ? -1 : 2;
        else {
            verb.form = pl_fv_form(rd, w, len, as_written);
            verb.noun = (uint8_t)noun;
            rc = vec_push(&v, &verb);
        }
        joined = 0;
    }
    if (rc == 2)
        pl_fv_unsupported(rd, "verb '%.*s' is no verb WordNet knows, or not one word; it and "
                              "its patterns are skipped", (int)(end - s), s);
    for (size_t i = 0; rc == 0 && i < nids; i++) {
        v.v[0].item.id = ids[i];
        if (pl_fv_add_shape(rd, &v, s, (size_t)(end - s), codes) < 0) rc = -1;
    }
    free(v.v);
    return rc;
}

/* "ROOT [CODE]": a new block. */
static int tabari_root(tabari *t, const char *s, const char *end)
{
    pl_fv_reader *rd = &t->rd;
    const char *body_end, *cs, *ce;
    if (pl_fv_end_block(rd)) return -1;
    rd->block_open = 1;
    t->root_coded = 0;
    if (!pl_fv_split_code(s, end, &body_end, &cs, &ce)) {
        pl_dict_report(rd->src, PARLEY_ERROR,
                       "expected 'VERB [CODE]'; the verb and its patterns are skipped");
        rd->block_dead = 1;
        return 0;
    }
    switch (pl_fv_parse_code(cs, ce, &t->root_codes)) {
    case PL_FV_CODE_OK: t->root_coded = 1; break;
    case PL_FV_CODE_NULL: break;
    case PL_FV_CODE_BAD:
        pl_fv_unsupported(rd, "event code [%.*s] of a verb (not 2-4 digits)", (int)(ce - cs), cs);
        break;
    }
    const char *pe;
    s = pl_trim(s, body_end, &pe);
    if (s == pe) {
        pl_dict_report(rd->src, PARLEY_ERROR, "a code without a verb");
        rd->block_dead = 1;
        return 0;
    }
    int rc = tabari_shape(t, s, pe, t->root_coded ? &t->root_codes : NULL);
    if (rc > 0) rd->block_dead = 1;
    return rc < 0 ? -1 : 0;
}

/* "{ FORM FORM }" after a root: more words the root's patterns anchor at. */
static int tabari_forms(tabari *t, const char *s, const char *end)
{
    pl_fv_reader *rd = &t->rd;
    if (!rd->block_open) {
        pl_dict_report(rd->src, PARLEY_ERROR, "forms '{ ... }' before any verb");
        return 0;
    }
    if (end[-1] != '}') {
        pl_dict_report(rd->src, PARLEY_ERROR, "expected '{ FORM FORM ... }'");
        return 0;
    }
    if (rd->block_dead) return 0;
    for (const char *p = s + 1; p < end - 1;) {
        while (p < end - 1 && is_space(*p)) p++;
        const char *f = p;
        while (p < end - 1 && !is_space(*p)) p++;
        if (p > f && tabari_shape(t, f, p, t->root_coded ? &t->root_codes : NULL) < 0) return -1;
    }
    return 0;
}

/* "<SYNSETS>", "</TIME>"...: sections. */
static int tabari_tag(tabari *t, const char *s, const char *end)
{
    pl_fv_reader *rd = &t->rd;
    size_t len = (size_t)(end - s);
    if (end[-1] != '>') {
        pl_dict_report(rd->src, PARLEY_ERROR, "expected a section tag '<NAME>' or '</NAME>'");
        return 0;
    }
    if (pl_fv_end_block(rd)) return -1;
    if (s[1] == '/') t->section = SEC_NONE;
    else if (len == 9 && !memcmp(s, "<SYNSETS>", 9)) t->section = SEC_SYNSETS;
    else if (len == 6 && !memcmp(s, "<TIME>", 6)) t->section = SEC_TIME;
    else {
        t->section = SEC_OTHER;
        pl_fv_unsupported(rd, "section %.*s", (int)len, s);
    }
    return 0;
}

/* A <TIME> entry coded [###] ("ONCE_UPON_A_TIME [###]") discards the sentence, as TABARI
 * discards the record; time shifts ("YESTERDAY [-1]") are not read: parley dates events
 * from the time expressions it reads itself. */
static int tabari_time(pl_fv_reader *rd, const char *s, const char *end)
{
    const char *br = memchr(s, '[', (size_t)(end - s));
    if (!br || end - br < 5 || memcmp(br, "[###]", 5)) {
        pl_fv_unsupported(rd, "<TIME> entry (time shifts)");
        return 0;
    }
    const char *pe, *p = pl_trim(s, br, &pe);
    char phrase[256];
    size_t n = (size_t)(pe - p);
    if (n == 0 || n >= sizeof phrase || *p == '-') {
        pl_fv_unsupported(rd, "<TIME> entry (time shifts)");
        return 0;
    }
    for (size_t i = 0; i < n; i++) phrase[i] = p[i] == '_' ? ' ' : p[i];
    while (n && phrase[n - 1] == ' ') n--;
    return pl_dict_discard(rd->src, PL_PH_DISCARD_SENTENCE, phrase, n, PL_PHRASE_ANY_CASE);
}

static int tabari_line(pl_fv_reader *rd, const char *s, const char *end)
{
    tabari *t = (tabari *)rd;
    const char *semi = memchr(s, ';', (size_t)(end - s));
    s = pl_trim(s, semi ? semi : end, &end);
    if (s == end) return 0;
    if (*s != '+') rd->open_synset = 0;
    if (*s == '<') return tabari_tag(t, s, end);
    if (t->section == SEC_TIME) return tabari_time(rd, s, end);
    if (t->section == SEC_OTHER) {
        pl_fv_unsupported(rd, "line of an unknown section");
        return 0;
    }
    const char *we = s;
    switch (*s) {
    case '&':
        while (we < end && !is_space(*we)) we++;
        return pl_fv_synset_line(rd, s, we, end);
    case '+':
        if (rd->open_synset) return pl_fv_synset_member(rd, s + 1, end);
        pl_dict_report(rd->src, PARLEY_ERROR,
                       "'+' line outside a synonym set (no '&NAME' before it)");
        return 0;
    case '-':
        if (rd->block_open) return pl_fv_add_line(rd, s, end);
        pl_dict_report(rd->src, PARLEY_ERROR, "pattern before any verb");
        return 0;
    case '{': return tabari_forms(t, s, end);
    default: return tabari_root(t, s, end);
    }
}

int pl_tabari_read_verbs(pl_dict_source *src, const char *text, size_t len)
{
    tabari t;
    pl_fv_init(&t.rd, src, PL_FV_TABARI);
    t.section = SEC_NONE;
    t.root_coded = 0;
    int rc = pl_fv_each_line(&t.rd, text, len, tabari_line);
    if (rc == 0) rc = pl_fv_end_block(&t.rd);
    pl_fv_free(&t.rd);
    return rc;
}
