/* dict.c: reads parley's native dictionary files (docs/dictionaries.md) into entries.
 * Each line is parsed on its own, so one broken line costs one warning, not the file. */
#include "lex/lex.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum dict_kind { DK_NONE, DK_ACTORS, DK_AGENTS, DK_VERBS, DK_DISCARDS, DK_EVENTS };

typedef struct reader_state {
    pl_dict *d;
    const char *file;        /* arena copy, referenced by entries */
    long line;
    int32_t entry;           /* current .actors entry, -1 before the first */
    pl_buf *msg;
} reader_state;

int pl_date_parse(const char *s, size_t len, int32_t *out)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (len != 10 || s[4] != '-' || s[7] != '-') return -1;
    for (size_t i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !isdigit((unsigned char)s[i])) return -1;
    int y = atoi(s), m = (s[5] - '0') * 10 + (s[6] - '0'), day = (s[8] - '0') * 10 + (s[9] - '0');
    if (m < 1 || m > 12 || day < 1) return -1;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (day > days[m - 1] + (m == 2 && leap)) return -1;
    *out = y * 10000 + m * 100 + day;
    return 0;
}

static void report(reader_state *st, parley_severity sev, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void report(reader_state *st, parley_severity sev, const char *fmt, ...)
{
    char text[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    if (sev == PARLEY_ERROR) st->d->errors++;
    else st->d->warnings++;
    if (st->d->diag) st->d->diag(st->d->diag_user, sev, st->file, st->line, text);
}

static const char *trim(const char *s, const char *end, const char **tend)
{
    while (s < end && isspace((unsigned char)*s)) s++;
    while (end > s && isspace((unsigned char)end[-1])) end--;
    *tend = end;
    return s;
}

/* ---- phrases into the trie ----------------------------------------------------------- */

static int add_phrase_tokens(pl_dict *d, const char *text, size_t len, int by_lemma,
                             uint32_t *node_out, uint8_t *ntokens)
{
    pl_tokens toks = {0};
    pl_span span = {0, (uint32_t)len};
    int rc = -1;
    if (pl_tokenize(&toks, text, span)) goto done;
    if (toks.n == 0 || toks.n > 255) goto done;
    uint32_t node = 0;
    for (size_t i = 0; i < toks.n; i++) {
        const pl_token *t = &toks.v[i];
        const char *norm = pl_token_norm(&toks, t);
        const char *key = norm;
        if (by_lemma && d->lemmatizer) key = pl_lemma(d->lemmatizer, norm, t->norm_len);
        if (!key) goto done;
        uint32_t word = pl_strmap_intern(&d->vocab, key, strlen(key));
        if (!word) goto done;
        unsigned rule = (t->flags & PL_TF_UPPER) ? 2 : (t->flags & PL_TF_CAP) ? 1 : 0;
        uint64_t edge = ((uint64_t)node << 35) | ((uint64_t)(by_lemma ? 1 : 0) << 34) |
                        ((uint64_t)rule << 32) | word;
        uint32_t child;
        if (!pl_u64map_get(&d->edges, edge, &child)) {
            child = ++d->nnodes;
            if (pl_u64map_put(&d->edges, edge, child)) goto done;
        }
        node = child;
    }
    *node_out = node;
    *ntokens = (uint8_t)toks.n;
    rc = 0;
done:
    pl_tokens_free(&toks);
    return rc;
}

static int add_phrase(reader_state *st, enum pl_phrase_kind kind, uint32_t entry,
                      const char *text, size_t len)
{
    pl_dict *d = st->d;
    uint32_t node;
    uint8_t ntokens;
    int by_lemma = kind == PL_PH_AGENT;
    if (add_phrase_tokens(d, text, len, by_lemma, &node, &ntokens)) {
        report(st, PARLEY_WARNING, "phrase '%.*s' has no words or too many; skipped", (int)len,
               text);
        return 0;
    }
    size_t old_cap = d->node_phrase_cap;
    if (PL_GROW(d->node_phrase, d->node_phrase_cap, (size_t)d->nnodes + 1)) return -1;
    memset(d->node_phrase + old_cap, 0, (d->node_phrase_cap - old_cap) * sizeof *d->node_phrase);
    for (uint32_t p = d->node_phrase[node]; p; p = d->phrases[p].next)
        if (d->phrases[p].kind == kind && d->phrases[p].entry == entry) return 0;
    if (PL_GROW(d->phrases, d->phrases_cap, d->nphrases + 1)) return -1;
    pl_phrase *ph = &d->phrases[d->nphrases];
    ph->kind = (uint8_t)kind;
    ph->ntokens = ntokens;
    ph->entry = entry;
    ph->next = d->node_phrase[node];
    d->node_phrase[node] = (uint32_t)d->nphrases++;
    return 0;
}

/* Adds each ';'-separated phrase in [s, end). */
static int add_phrase_list(reader_state *st, enum pl_phrase_kind kind, uint32_t entry,
                           const char *s, const char *end)
{
    while (s < end) {
        const char *semi = memchr(s, ';', (size_t)(end - s));
        const char *stop = semi ? semi : end, *tend;
        const char *t = trim(s, stop, &tend);
        if (tend > t && add_phrase(st, kind, entry, t, (size_t)(tend - t))) return -1;
        s = semi ? semi + 1 : end;
    }
    return 0;
}

/* ---- .actors ----------------------------------------------------------------------------- */

static int valid_id(const char *s, const char *end)
{
    if (s == end) return 0;
    for (; s < end; s++)
        if (!isupper((unsigned char)*s) && !isdigit((unsigned char)*s) && *s != '_') return 0;
    return 1;
}

static int32_t actor_entry(reader_state *st, const char *id, size_t len)
{
    pl_dict *d = st->d;
    uint32_t known = pl_strmap_get(&d->actor_ids, id, len);
    if (known) return (int32_t)(known - 1);
    if (PL_GROW(d->actors, d->actors_cap, d->nactors + 1)) return -2;
    pl_actor_entry *a = &d->actors[d->nactors];
    memset(a, 0, sizeof *a);
    a->id = pl_arena_strndup(&d->arena, id, len);
    a->type = "";
    a->file = st->file;
    a->line = st->line;
    if (!a->id || !pl_strmap_intern(&d->actor_ids, id, len)) return -2;
    return (int32_t)d->nactors++;
}

static int set_actor_type(pl_actor_entry *a, pl_arena *arena, const char *v, const char *end)
{
    a->type = pl_arena_strndup(arena, v, (size_t)(end - v));
    if (!a->type) return -1;
    if (!strcmp(a->type, "country")) a->kind = PL_ACTOR_COUNTRY;
    else if (!strcmp(a->type, "igo")) a->kind = PL_ACTOR_IGO;
    else if (!strcmp(a->type, "person")) a->kind = PL_ACTOR_PERSON;
    if (a->kind == PL_ACTOR_COUNTRY && !a->country) a->country = a->id;
    return 0;
}

/* "CODE [FROM..TO]" */
static int add_actor_code(reader_state *st, pl_actor_entry *a, const char *v, const char *end)
{
    const char *sp = v;
    while (sp < end && !isspace((unsigned char)*sp)) sp++;
    if (!valid_id(v, sp)) {
        report(st, PARLEY_ERROR, "bad actor code '%.*s'", (int)(sp - v), v);
        return 0;
    }
    int32_t from = PL_DATE_MIN, to = PL_DATE_MAX;
    const char *rtend, *r = trim(sp, end, &rtend);
    if (r < rtend) {
        const char *dots = r;
        while (dots + 1 < rtend && !(dots[0] == '.' && dots[1] == '.')) dots++;
        if (dots + 1 >= rtend ||
            (dots > r && pl_date_parse(r, (size_t)(dots - r), &from)) ||
            (rtend > dots + 2 && pl_date_parse(dots + 2, (size_t)(rtend - dots - 2), &to)) ||
            from > to) {
            report(st, PARLEY_ERROR, "bad date range '%.*s' (want YYYY-MM-DD..YYYY-MM-DD)",
                   (int)(rtend - r), r);
            return 0;
        }
    }
    if (PL_GROW(a->codes, a->codes_cap, a->ncodes + 1)) return -1;
    pl_code_range *c = &a->codes[a->ncodes++];
    c->code = pl_arena_strndup(&st->d->arena, v, (size_t)(sp - v));
    c->from = from;
    c->to = to;
    if (!c->code) return -1;
    if (a->kind == PL_ACTOR_COUNTRY && a->country == a->id) a->country = c->code;
    return 0;
}

static int actor_key(reader_state *st, const char *key, size_t klen, const char *v,
                     const char *end)
{
    static const struct { const char *key; enum pl_phrase_kind kind; } lists[] = {
        {"name", PL_PH_NAME}, {"adj", PL_PH_ADJ}, {"demonym", PL_PH_DEMONYM},
        {"capital", PL_PH_CAPITAL}, {"place", PL_PH_PLACE}};
    pl_actor_entry *a = &st->d->actors[st->entry];
    for (size_t i = 0; i < sizeof lists / sizeof *lists; i++)
        if (strlen(lists[i].key) == klen && !memcmp(key, lists[i].key, klen))
            return add_phrase_list(st, lists[i].kind, (uint32_t)st->entry, v, end);
    if (klen == 4 && !memcmp(key, "code", 4)) return add_actor_code(st, a, v, end);
    if (klen == 4 && !memcmp(key, "type", 4)) return set_actor_type(a, &st->d->arena, v, end);
    if (klen == 7 && !memcmp(key, "country", 7)) {
        if (!valid_id(v, end)) {
            report(st, PARLEY_ERROR, "bad country code '%.*s'", (int)(end - v), v);
            return 0;
        }
        a->country = pl_arena_strndup(&st->d->arena, v, (size_t)(end - v));
        return a->country ? 0 : -1;
    }
    report(st, PARLEY_WARNING, "unsupported key '%.*s:' ignored", (int)klen, key);
    return 0;
}

static int actors_line(reader_state *st, const char *s, const char *end)
{
    if (*s == '=') {
        const char *tend, *t = trim(s + 1, end, &tend);
        const char *sp = t;
        while (sp < tend && !isspace((unsigned char)*sp)) sp++;
        if (!valid_id(t, sp)) {
            report(st, PARLEY_ERROR, "bad entry id '%.*s' (want upper-case letters, digits, _)",
                   (int)(sp - t), t);
            st->entry = -1;
            return 0;
        }
        st->entry = actor_entry(st, t, (size_t)(sp - t));
        return st->entry == -2 ? -1 : 0;
    }
    if (!isspace((unsigned char)*s)) {
        report(st, PARLEY_ERROR, "expected '= ID' or an indented 'key: value' line");
        return 0;
    }
    const char *tend, *t = trim(s, end, &tend);
    const char *colon = memchr(t, ':', (size_t)(tend - t));
    if (!colon) {
        report(st, PARLEY_ERROR, "expected 'key: value'");
        return 0;
    }
    if (st->entry < 0) {
        report(st, PARLEY_ERROR, "'%.*s' outside an entry (no '= ID' line before it)",
               (int)(colon - t), t);
        return 0;
    }
    const char *vend, *v = trim(colon + 1, tend, &vend);
    return actor_key(st, t, (size_t)(colon - t), v, vend);
}

/* ---- .agents: "CODE: phrase; phrase" ----------------------------------------------------- */

static int agents_line(reader_state *st, const char *s, const char *end)
{
    pl_dict *d = st->d;
    const char *colon = memchr(s, ':', (size_t)(end - s));
    const char *cend, *c = colon ? trim(s, colon, &cend) : s;
    if (!colon || !valid_id(c, cend)) {
        report(st, PARLEY_ERROR, "expected 'CODE: phrase; phrase'");
        return 0;
    }
    const char *code = pl_arena_strndup(&d->arena, c, (size_t)(cend - c));
    if (!code) return -1;
    const char *p = colon + 1;
    while (p < end) {
        const char *semi = memchr(p, ';', (size_t)(end - p));
        const char *stop = semi ? semi : end, *tend;
        const char *t = trim(p, stop, &tend);
        if (tend > t) {
            if (PL_GROW(d->agents, d->agents_cap, d->nagents + 1)) return -1;
            pl_agent_entry *ag = &d->agents[d->nagents];
            ag->code = code;
            ag->text = pl_arena_strndup(&d->arena, t, (size_t)(tend - t));
            if (!ag->text) return -1;
            if (add_phrase(st, PL_PH_AGENT, (uint32_t)d->nagents++, t, (size_t)(tend - t)))
                return -1;
        }
        p = semi ? semi + 1 : end;
    }
    return 0;
}

/* ---- .verbs: "CODE PATTERN" -------------------------------------------------------------- */

static int valid_event_code(const char *s, const char *end)
{
    if (end - s < 2 || end - s > 4) return 0;
    for (; s < end; s++)
        if (!isdigit((unsigned char)*s)) return 0;
    return 1;
}

/* Interns the lemma of every token of one pattern word ("n't" is one, "U.S.-led" three). */
static int pattern_word(pl_dict *d, const char *w, size_t len, uint32_t *items, uint32_t *n,
                        uint32_t max)
{
    pl_tokens toks = {0};
    pl_span span = {0, (uint32_t)len};
    int rc = -1;
    if (pl_tokenize(&toks, w, span)) goto done;
    for (size_t i = 0; i < toks.n; i++) {
        const char *norm = pl_token_norm(&toks, &toks.v[i]);
        const char *lemma = d->lemmatizer ? pl_lemma(d->lemmatizer, norm, toks.v[i].norm_len) : norm;
        if (!lemma || *n >= max) goto done;
        uint32_t id = pl_strmap_intern(&d->vocab, lemma, strlen(lemma));
        if (!id) goto done;
        items[(*n)++] = id;
    }
    rc = 0;
done:
    pl_tokens_free(&toks);
    return rc;
}

static int verbs_line(reader_state *st, const char *s, const char *end)
{
    pl_dict *d = st->d;
    const char *c = s;
    while (s < end && !isspace((unsigned char)*s)) s++;
    if (!valid_event_code(c, s)) {
        report(st, PARLEY_ERROR, "expected 'CODE PATTERN' with a 2-4 digit CAMEO code");
        return 0;
    }
    const char *pend, *p = trim(s, end, &pend);
    if (p == pend || (*p != '$' && *p != '%')) {
        report(st, PARLEY_ERROR, "a pattern starts with $ (source) or %% (joint source)");
        return 0;
    }
    uint32_t items[64], n = 0;
    int joint = *p == '%', has_target = 0;
    const char *w = p + 1;
    while (w < pend) {
        while (w < pend && isspace((unsigned char)*w)) w++;
        const char *we = w;
        while (we < pend && !isspace((unsigned char)*we)) we++;
        if (we == w) break;
        if (we - w == 1 && (*w == '+' || *w == '*')) {
            if (n == 0 || n >= 64) break; /* a slot before the verb: reported below */
            items[n++] = *w == '+' ? PL_PAT_TARGET : PL_PAT_SKIP;
            has_target |= *w == '+';
        } else if (pattern_word(d, w, (size_t)(we - w), items, &n, 64)) {
            report(st, PARLEY_ERROR, "pattern too long or out of memory");
            return 0;
        }
        w = we;
    }
    if (n == 0 || items[0] >= PL_PAT_TARGET || (w < pend)) {
        report(st, PARLEY_ERROR, "a pattern needs a verb right after $ or %%");
        return 0;
    }
    if (PL_GROW(d->verbs, d->verbs_cap, d->nverbs + 1)) return -1;
    pl_verb_pattern *v = &d->verbs[d->nverbs];
    memset(v, 0, sizeof *v);
    v->code = pl_arena_strndup(&d->arena, c, (size_t)(s - c));
    v->text = pl_arena_strndup(&d->arena, p, (size_t)(pend - p));
    v->items = pl_arena_alloc(&d->arena, (n - 1 + 1) * sizeof *v->items);
    if (!v->code || !v->text || !v->items) return -1;
    memcpy(v->items, items + 1, (n - 1) * sizeof *items);
    v->verb = items[0];
    v->nitems = n - 1;
    v->joint = (uint8_t)joint;
    v->has_target = (uint8_t)has_target;
    v->file = st->file;
    v->line = st->line;
    d->nverbs++;
    return 0;
}

/* ---- .discards and .events --------------------------------------------------------------- */

static int discards_line(reader_state *st, const char *s, const char *end)
{
    enum pl_phrase_kind kind;
    if (end - s > 9 && !memcmp(s, "sentence:", 9)) kind = PL_PH_DISCARD_SENTENCE, s += 9;
    else if (end - s > 6 && !memcmp(s, "story:", 6)) kind = PL_PH_DISCARD_STORY, s += 6;
    else {
        report(st, PARLEY_ERROR, "expected 'sentence: phrase; ...' or 'story: phrase; ...'");
        return 0;
    }
    size_t before = st->d->nphrases;
    int rc = add_phrase_list(st, kind, 0, s, end);
    st->d->discards += st->d->nphrases - before;
    return rc;
}

static int events_line(reader_state *st, const char *s, const char *end)
{
    pl_dict *d = st->d;
    char code[8], name[256];
    double goldstein;
    int quad, used = 0;
    char line[512];
    size_t len = (size_t)(end - s) < sizeof line - 1 ? (size_t)(end - s) : sizeof line - 1;
    memcpy(line, s, len);
    line[len] = 0;
    if (sscanf(line, "%7s %lf %d %n", code, &goldstein, &quad, &used) < 3 ||
        !valid_event_code(code, code + strlen(code)) || quad < 1 || quad > 4 ||
        goldstein < -10 || goldstein > 10) {
        report(st, PARLEY_ERROR, "expected 'CODE GOLDSTEIN QUAD NAME' (quad 1-4, Goldstein -10..10)");
        return 0;
    }
    snprintf(name, sizeof name, "%s", line + used);
    if (pl_strmap_get(&d->event_ids, code, strlen(code))) {
        report(st, PARLEY_WARNING, "event code %s defined twice; the first stands", code);
        return 0;
    }
    if (PL_GROW(d->events, d->events_cap, d->nevents + 1)) return -1;
    pl_event_code *e = &d->events[d->nevents];
    e->code = pl_arena_strdup(&d->arena, code);
    e->name = pl_arena_strdup(&d->arena, name);
    e->goldstein = goldstein;
    e->quad = quad;
    if (!e->code || !e->name || !pl_strmap_intern(&d->event_ids, code, strlen(code))) return -1;
    d->nevents++;
    return 0;
}

/* ---- files --------------------------------------------------------------------------------- */

static enum dict_kind kind_of(const char *name)
{
    static const struct { const char *ext; enum dict_kind kind; } exts[] = {
        {".actors", DK_ACTORS}, {".agents", DK_AGENTS}, {".verbs", DK_VERBS},
        {".discards", DK_DISCARDS}, {".events", DK_EVENTS}};
    size_t n = strlen(name);
    for (size_t i = 0; i < sizeof exts / sizeof *exts; i++) {
        size_t e = strlen(exts[i].ext);
        if (n > e && !strcmp(name + n - e, exts[i].ext)) return exts[i].kind;
    }
    return DK_NONE;
}

/* The end of a line's content: before a comment ('#' at the start or after white space). */
static const char *content_end(const char *s, const char *end)
{
    for (const char *p = s; p < end; p++)
        if (*p == '#' && (p == s || isspace((unsigned char)p[-1]))) return p;
    return end;
}

static int dispatch_line(reader_state *st, enum dict_kind kind, const char *s, const char *end)
{
    switch (kind) {
    case DK_ACTORS: return actors_line(st, s, end);
    case DK_AGENTS: return agents_line(st, s, end);
    case DK_VERBS: return verbs_line(st, s, end);
    case DK_DISCARDS: return discards_line(st, s, end);
    case DK_EVENTS: return events_line(st, s, end);
    case DK_NONE: break;
    }
    return 0;
}

parley_status pl_dict_load_text(pl_dict *d, const char *name, const char *text, size_t len,
                                pl_buf *msg)
{
    enum dict_kind kind = kind_of(name);
    if (kind == DK_NONE) {
        pl_buf_printf(msg, "%s: not a dictionary file (want .actors, .agents, .verbs, "
                           ".discards or .events)", name);
        return PARLEY_EINVAL;
    }
    if (d->compiled) {
        pl_buf_printf(msg, "%s: dictionaries are already compiled", name);
        return PARLEY_EINVAL;
    }
    reader_state st = {d, pl_arena_strdup(&d->arena, name), 0, -1, msg};
    if (!st.file) return PARLEY_ENOMEM;
    const char *p = text, *end = text + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        st.line++;
        const char *ce = content_end(p, le), *tend;
        trim(p, ce, &tend);
        int blank = 1;
        for (const char *q = p; q < tend; q++)
            if (!isspace((unsigned char)*q)) blank = 0;
        if (!blank && memchr(p, '\0', (size_t)(tend - p)))
            report(&st, PARLEY_ERROR, "NUL byte in line; skipped");
        else if (!blank && dispatch_line(&st, kind, p, tend)) {
            pl_buf_printf(msg, "%s:%ld: out of memory", name, st.line);
            return PARLEY_ENOMEM;
        }
        p = nl ? nl + 1 : end;
    }
    return PARLEY_OK;
}

static parley_status load_file(pl_dict *d, const char *path, pl_buf *msg)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        pl_buf_printf(msg, "%s: %s", path, strerror(errno));
        return PARLEY_EIO;
    }
    pl_buf text = {0};
    char chunk[65536];
    size_t got;
    parley_status rc = PARLEY_OK;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (pl_buf_append(&text, chunk, got)) {
            rc = PARLEY_ENOMEM;
            break;
        }
    if (rc == PARLEY_OK && ferror(f)) {
        pl_buf_printf(msg, "%s: read error", path);
        rc = PARLEY_EIO;
    }
    fclose(f);
    if (rc == PARLEY_OK) rc = pl_dict_load_text(d, path, text.data ? text.data : "", text.len, msg);
    pl_buf_free(&text);
    return rc;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every dictionary file of a directory, in name order so loads are reproducible. */
static parley_status load_dir(pl_dict *d, const char *dir, pl_buf *msg)
{
    DIR *dh = opendir(dir);
    if (!dh) {
        pl_buf_printf(msg, "%s: %s", dir, strerror(errno));
        return PARLEY_EIO;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    parley_status rc = PARLEY_OK;
    struct dirent *e;
    while ((e = readdir(dh))) {
        if (e->d_name[0] == '.' || kind_of(e->d_name) == DK_NONE) continue;
        char *full = NULL;
        if (PL_GROW(names, cap, n + 1) ||
            !(full = malloc(strlen(dir) + strlen(e->d_name) + 2))) {
            rc = PARLEY_ENOMEM;
            break;
        }
        sprintf(full, "%s/%s", dir, e->d_name);
        names[n++] = full;
    }
    closedir(dh);
    if (n) qsort(names, n, sizeof *names, compare_names);
    for (size_t i = 0; i < n; i++) {
        if (rc == PARLEY_OK) rc = load_file(d, names[i], msg);
        free(names[i]);
    }
    free(names);
    return rc;
}

parley_status pl_dict_load_path(pl_dict *d, const char *path, pl_buf *msg)
{
    const char *p = path;
    for (;;) {
        const char *colon = strchr(p, ':');
        size_t len = colon ? (size_t)(colon - p) : strlen(p);
        if (len) {
            char *one = strndup(p, len);
            if (!one) return PARLEY_ENOMEM;
            struct stat sb;
            parley_status rc;
            if (stat(one, &sb) != 0) {
                pl_buf_printf(msg, "%s: %s", one, strerror(errno));
                rc = PARLEY_EIO;
            } else {
                rc = S_ISDIR(sb.st_mode) ? load_dir(d, one, msg) : load_file(d, one, msg);
            }
            free(one);
            if (rc != PARLEY_OK) return rc;
        }
        if (!colon) return PARLEY_OK;
        p = colon + 1;
    }
}
