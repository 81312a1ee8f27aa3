/* locate.c: reads a context's dictionary sources once more, into a scratch dictionary, and
 * notes the file and line that added each phrase, agent word and actor code (tools.h says
 * why). Native files go line by line through the native reader itself, so the scratch is
 * what loading made; other files (TABARI, PETRARCH, compiled) load whole and their phrases
 * take the line of their entry. Load messages are kept as findings. */
#include "code/tools.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- sources ----------------------------------------------------------------------------- */

int pl_sources_add(pl_sources **s, const char *path, const char *text, size_t len)
{
    if (!*s && !(*s = calloc(1, sizeof **s))) return -1;
    pl_sources *v = *s;
    if (PL_GROW(v->v, v->cap, v->n + 1)) return -1;
    pl_source *src = &v->v[v->n];
    src->path = strdup(path);
    src->text = text ? malloc(len + 1) : NULL;
    src->len = len;
    if (!src->path || (text && !src->text)) {
        free(src->path);
        free(src->text);
        return -1;
    }
    if (text) {
        memcpy(src->text, text, len);
        src->text[len] = 0;
    }
    v->n++;
    return 0;
}

void pl_sources_free(pl_sources *s)
{
    if (!s) return;
    for (size_t i = 0; i < s->n; i++) {
        free(s->v[i].path);
        free(s->v[i].text);
    }
    free(s->v);
    free(s);
}

/* ---- findings ---------------------------------------------------------------------------- */

int pl_locs_add(pl_dict_locs *L, parley_severity sev, pl_loc at, const char *fmt, ...)
{
    char text[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    if (PL_GROW(L->found, L->found_cap, L->nfound + 1)) return -1;
    pl_finding *f = &L->found[L->nfound];
    f->sev = sev;
    f->at.file = at.file ? pl_arena_strdup(&L->d.arena, at.file) : NULL;
    f->at.line = at.line;
    f->msg = pl_arena_strdup(&L->d.arena, text);
    f->seq = L->nfound;
    if ((at.file && !f->at.file) || !f->msg) return -1;
    L->nfound++;
    return 0;
}

/* Load messages of the scratch dictionary become findings. */
static void capture(void *user, parley_severity sev, const char *file, long line,
                    const char *message)
{
    pl_loc at = {file, line};
    pl_locs_add(user, sev, at, "%s", message);
}

pl_loc pl_locs_code(const pl_dict_locs *L, uint32_t a, size_t i)
{
    if (a < L->codes_cap && i < L->codes[a].cap && L->codes[a].v[i].file) return L->codes[a].v[i];
    pl_loc at = {L->d.actors[a].file, L->d.actors[a].line};
    return at;
}

/* ---- noting where each addition came from ------------------------------------------------ */

typedef struct counts {
    size_t phrases, agents, codes;
    int32_t entry;
} counts;

static counts snapshot(const pl_dict_source *st)
{
    const pl_dict *d = st->d;
    counts c = {d->nphrases, d->nagents, 0, st->entry};
    if (st->entry >= 0) c.codes = d->actors[st->entry].ncodes;
    return c;
}

static int grow_loc(pl_loc **v, size_t *cap, size_t need)
{
    size_t old = *cap;
    if (PL_GROW(*v, *cap, need)) return -1;
    memset(*v + old, 0, (*cap - old) * sizeof **v);
    return 0;
}

/* Everything added since `before` was written at `at`. */
static int note_added(pl_dict_locs *L, const pl_dict_source *st, counts before, pl_loc at)
{
    const pl_dict *d = st->d;
    if (grow_loc(&L->phrase, &L->phrase_cap, d->nphrases) ||
        grow_loc(&L->agent, &L->agent_cap, d->nagents + 1))
        return -1;
    for (size_t p = before.phrases; p < d->nphrases; p++) L->phrase[p] = at;
    for (size_t a = before.agents; a < d->nagents; a++) L->agent[a] = at;
    if (st->entry < 0 || st->entry != before.entry) return 0;
    const pl_actor_entry *e = &d->actors[st->entry];
    if (e->ncodes <= before.codes) return 0;
    size_t old = L->codes_cap;
    if (PL_GROW(L->codes, L->codes_cap, (size_t)st->entry + 1)) return -1;
    memset(L->codes + old, 0, (L->codes_cap - old) * sizeof *L->codes);
    pl_code_locs *c = &L->codes[st->entry];
    if (grow_loc(&c->v, &c->cap, e->ncodes)) return -1;
    for (size_t i = before.codes; i < e->ncodes; i++) c->v[i] = at;
    return 0;
}

/* ---- phrases listed twice in one entry (native .actors) ---------------------------------- */

static int phrase_key(pl_buf *key, int32_t entry, const char *kind, const char *s, size_t len)
{
    pl_tokens toks = {0};
    pl_span span = {0, (uint32_t)len};
    int rc = pl_tokenize(&toks, s, span) || toks.n == 0 ? -1 : 0;
    pl_buf_clear(key);
    if (!rc) rc = pl_buf_printf(key, "%d %s", entry, kind);
    /* The trie keys a word by its normalized form and its case rule. */
    for (size_t i = 0; !rc && i < toks.n; i++) {
        const pl_token *t = &toks.v[i];
        int rule = (t->flags & PL_TF_UPPER) ? 2 : (t->flags & PL_TF_CAP) ? 1 : 0;
        rc = pl_buf_printf(key, " %d%s", rule, pl_token_norm(&toks, t));
    }
    pl_tokens_free(&toks);
    return rc;
}

typedef struct dup_args {
    pl_dict_locs *L;
    const char *kind;
    pl_buf key;
} dup_args;

static int check_item(pl_dict_source *st, const char *item, size_t len, void *arg)
{
    dup_args *a = arg;
    pl_dict_locs *L = a->L;
    if (phrase_key(&a->key, st->entry, a->kind, item, len)) return 0;
    uint32_t id = pl_strmap_get(&L->seen, a->key.data, a->key.len);
    pl_loc here = {st->file, st->line};
    if (id) {
        /* The words may differ as written yet read the same ("d'Ivoire", "d’Ivoire"). */
        pl_loc first = L->seen_at[id - 1];
        const char *base = strrchr(first.file, '/');
        if (first.file == here.file && first.line == here.line)
            return pl_locs_add(L, PARLEY_WARNING, here, "'%.*s' is listed twice as %s of %s "
                               "(earlier on this line)", (int)len, item, a->kind,
                               st->d->actors[st->entry].id);
        return pl_locs_add(L, PARLEY_WARNING, here, "'%.*s' is listed twice as %s of %s "
                           "(first at %s:%ld)", (int)len, item, a->kind,
                           st->d->actors[st->entry].id, base ? base + 1 : first.file,
                           first.line);
    }
    id = pl_strmap_intern(&L->seen, a->key.data, a->key.len);
    if (!id || PL_GROW(L->seen_at, L->seen_cap, id)) return -1;
    L->seen_at[id - 1] = here;
    return 0;
}

/* An indented "name: a; b" line of the current entry: are a and b new to it? */
static int note_duplicates(pl_dict_locs *L, pl_dict_source *st, const char *s, const char *end)
{
    static const char *keys[] = {"name", "adj", "demonym", "capital", "place"};
    if (st->entry < 0 || s == end || !isspace((unsigned char)*s)) return 0;
    const char *tend, *t = pl_trim(s, end, &tend);
    const char *colon = memchr(t, ':', (size_t)(tend - t));
    if (!colon) return 0;
    const char *kend, *k = pl_trim(t, colon, &kend);
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        if (strlen(keys[i]) != (size_t)(kend - k) || memcmp(k, keys[i], (size_t)(kend - k)))
            continue;
        dup_args a = {L, keys[i], {0}};
        int rc = pl_dict_each_item(st, colon + 1, tend, check_item, &a);
        pl_buf_free(&a.key);
        return rc;
    }
    return 0;
}

/* ---- reading ----------------------------------------------------------------------------- */

/* As load.c: a comment starts with '#' at the start of a line or after white space. */
static const char *content_end(const char *s, const char *end)
{
    for (const char *p = s; p < end; p++)
        if (*p == '#' && (p == s || isspace((unsigned char)p[-1]))) return p;
    return end;
}

/* A native file line by line, as load.c reads it, noting each line's additions. */
static int read_native(pl_dict_locs *L, pl_dict_source *st, enum pl_dict_kind kind,
                       const char *text, size_t len)
{
    const char *p = text, *end = text + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end, *tend;
        st->line++;
        pl_trim(p, content_end(p, le), &tend);
        int blank = 1;
        for (const char *q = p; q < tend; q++)
            if (!isspace((unsigned char)*q)) blank = 0;
        if (!blank && memchr(p, '\0', (size_t)(tend - p))) {
            pl_dict_report(st, PARLEY_ERROR, "NUL byte in line; skipped");
        } else if (!blank) {
            counts before = snapshot(st);
            pl_loc at = {st->file, st->line};
            if ((kind == PL_DK_ACTORS && note_duplicates(L, st, p, tend)) ||
                pl_native_line(st, kind, p, tend) || note_added(L, st, before, at))
                return -1;
        }
        p = nl ? nl + 1 : end;
    }
    return 0;
}

/* A file parley reads whole (foreign, compiled): its actor phrases take the place of their
 * entry (a compiled file keeps the text file and line of each entry), agents the file. */
static parley_status read_whole(pl_dict_locs *L, const char *name, const char *text, size_t len,
                                pl_buf *msg)
{
    pl_dict *d = &L->d;
    size_t p0 = d->nphrases, a0 = d->nagents;
    parley_status rc = pl_dict_load_text(d, name, text, len, msg);
    if (rc != PARLEY_OK) return rc;
    if (grow_loc(&L->phrase, &L->phrase_cap, d->nphrases) ||
        grow_loc(&L->agent, &L->agent_cap, d->nagents + 1))
        return PARLEY_ENOMEM;
    const char *file = pl_arena_strdup(&d->arena, name);
    if (!file) return PARLEY_ENOMEM;
    for (size_t p = p0; p < d->nphrases; p++) {
        const pl_phrase *ph = &d->phrases[p];
        pl_loc at = {file, 0};
        if (ph->kind >= PL_PH_NAME && ph->kind <= PL_PH_PLACE && d->actors[ph->entry].file)
            at = (pl_loc){d->actors[ph->entry].file, d->actors[ph->entry].line};
        L->phrase[p] = at;
    }
    for (size_t a = a0; a < d->nagents; a++) L->agent[a] = (pl_loc){file, 0};
    return PARLEY_OK;
}

static parley_status read_one(pl_dict_locs *L, const char *name, const char *text, size_t len,
                              pl_buf *msg)
{
    enum pl_dict_kind kind;
    enum pl_dict_format format;
    if (pl_dict_is_compiled_file(text, len) || pl_dict_detect(name, text, len, &kind, &format) ||
        format != PL_FMT_NATIVE)
        return read_whole(L, name, text, len, msg);
    pl_dict_source st = {&L->d, pl_arena_strdup(&L->d.arena, name), 0, -1};
    if (!st.file) return PARLEY_ENOMEM;
    if (read_native(L, &st, kind, text, len)) {
        pl_buf_printf(msg, "%s:%ld: out of memory", name, st.line);
        return PARLEY_ENOMEM;
    }
    return PARLEY_OK;
}

static parley_status read_listed(void *L, const char *path, const char *text, size_t len,
                                 pl_buf *msg)
{
    return read_one(L, path, text, len, msg);
}

parley_status pl_dict_locs_build(pl_dict_locs *L, const pl_sources *src, pl_buf *msg)
{
    memset(L, 0, sizeof *L);
    pl_strmap_init(&L->seen);
    if (pl_dict_init(&L->d)) return PARLEY_ENOMEM;
    L->d.diag = capture;
    L->d.diag_user = L;
    for (size_t i = 0; src && i < src->n; i++) {
        const pl_source *s = &src->v[i];
        parley_status rc = s->text ? read_one(L, s->path, s->text, s->len, msg)
                                   : pl_dict_each_file(s->path, read_listed, L, msg);
        if (rc != PARLEY_OK) return rc;
    }
    return PARLEY_OK;
}

void pl_dict_locs_free(pl_dict_locs *L)
{
    for (size_t i = 0; i < L->codes_cap; i++) free(L->codes[i].v);
    free(L->codes);
    free(L->phrase);
    free(L->agent);
    free(L->found);
    free(L->seen_at);
    pl_strmap_free(&L->seen);
    pl_dict_free(&L->d);
    memset(L, 0, sizeof *L);
}

/* ---- the words of a trie node ------------------------------------------------------------ */

uint64_t *pl_node_edges(const pl_dict *d)
{
    uint64_t *edge_of = calloc((size_t)d->nnodes + 1, sizeof *edge_of);
    if (!edge_of) return NULL;
    /* Gap edges too ("Prince of Dol_Amroth"); their parents' markers hold no word. */
    for (int gap = 0; gap < 2; gap++) {
        const pl_u64map *m = gap ? &d->gap_edges : &d->edges;
        for (size_t i = 0; i < m->nslots; i++)
            if (m->keys[i] != UINT64_MAX && (uint32_t)m->keys[i] && m->vals[i] <= d->nnodes)
                edge_of[m->vals[i]] = m->keys[i];
    }
    return edge_of;
}

const char *pl_node_text(const pl_dict *d, const uint64_t *edge_of, uint32_t node,
                         pl_arena *arena)
{
    const char *words[256];
    unsigned rules[256];
    size_t n = 0;
    /* Walk up to the root; a node's edge key holds its parent, case rule and word. */
    for (uint32_t at = node; at && n < 256; at = (uint32_t)(edge_of[at] >> 35)) {
        uint32_t word = (uint32_t)edge_of[at];
        words[n] = word && word <= d->vocab.count ? pl_strmap_str(&d->vocab, word) : "?";
        rules[n++] = (unsigned)(edge_of[at] >> 32) & 3;
    }
    pl_buf b = {0};
    for (size_t i = n; i-- > 0;) {
        /* "People 's": no space before a possessive or around a hyphen. */
        int glue = i + 1 == n || words[i][0] == '\'' || words[i][0] == '-' ||
                   words[i + 1][0] == '-';
        if (!glue) pl_buf_putc(&b, ' ');
        size_t at = b.len;
        pl_buf_append(&b, words[i], strlen(words[i]));
        for (size_t k = at; b.data && k < b.len; k++) {
            int upper = rules[i] == 2 || (rules[i] == 1 && k == at);
            if (upper && b.data[k] >= 'a' && b.data[k] <= 'z') b.data[k] = (char)(b.data[k] - 32);
        }
    }
    const char *out = b.data ? pl_arena_strdup(arena, b.data) : NULL;
    pl_buf_free(&b);
    return out;
}
