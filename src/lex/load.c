/* load.c: finds what a dictionary file holds and in which format, and feeds its lines to the
 * reader of that format. Files, directories and ':'-joined lists of both. */
#include "lex/lex.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

/* ---- files --------------------------------------------------------------------------------- */

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), e = strlen(suffix);
    return n > e && !strcmp(s + n - e, suffix);
}

/* The native kind of a file name, by extension. */
static enum pl_dict_kind kind_of(const char *name)
{
    static const struct { const char *ext; enum pl_dict_kind kind; } exts[] = {
        {".actors", PL_DK_ACTORS}, {".agents", PL_DK_AGENTS}, {".verbs", PL_DK_VERBS},
        {".discards", PL_DK_DISCARDS}, {".events", PL_DK_EVENTS}, {".map", PL_DK_PLOVER}};
    for (size_t i = 0; i < sizeof exts / sizeof *exts; i++)
        if (ends_with(name, exts[i].ext)) return exts[i].kind;
    return PL_DK_NONE;
}

/* The first line that is not blank or a comment ('#' or TABARI's ';'). */
static const char *first_content(const char *text, size_t len, size_t *line_len)
{
    const char *p = text, *end = text + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end, *q = p;
        while (q < le && isspace((unsigned char)*q)) q++;
        if (q < le && *q != '#' && *q != ';') {
            *line_len = (size_t)(le - q);
            return q;
        }
        p = nl ? nl + 1 : end;
    }
    *line_len = 0;
    return NULL;
}

/* "key:" with a lower-case key, as parley's .actors lines have ("name: ..."). */
static int native_key(const char *line, size_t len)
{
    size_t i = 0;
    while (i < len && line[i] >= 'a' && line[i] <= 'z') i++;
    return i > 0 && i < len && line[i] == ':';
}

/* Whether the first content line looks like parley's own format for this kind. */
static int looks_native(enum pl_dict_kind kind, const char *line, size_t len)
{
    if (!line) return 1;
    switch (kind) {
    case PL_DK_ACTORS:
        /* Ours are "= ID" or "key: ..."; TABARI's are capitals ("GOLLUM ; note: x" too). */
        return line[0] == '=' || native_key(line, len);
    case PL_DK_AGENTS: {
        const char *colon = memchr(line, ':', len), *e;
        return colon && pl_valid_id(line, pl_trim(line, colon, &e) == line ? e : e);
    }
    case PL_DK_VERBS: return isdigit((unsigned char)line[0]);
    case PL_DK_DISCARDS: return len > 6 && (!memcmp(line, "sentence:", 9 < len ? 9 : len) ||
                                            !memcmp(line, "story:", 6));
    default: return 1;
    }
}

int pl_dict_detect(const char *name, const char *text, size_t len, enum pl_dict_kind *kind,
                   enum pl_dict_format *format)
{
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    size_t first_len;
    const char *first = first_content(text, len, &first_len);
    *kind = kind_of(base);
    *format = PL_FMT_NATIVE;
    if (*kind != PL_DK_NONE) {
        /* TABARI's own files share parley's extensions (.actors, .verbs). */
        if (*kind < PL_DK_EVENTS && !looks_native(*kind, first, first_len))
            *format = PL_FMT_TABARI;
        return 0;
    }
    /* PETRARCH names its files NAME.KIND.txt, TABARI's discards are discards.txt. */
    if (!ends_with(base, ".txt")) return -1;
    *format = strcmp(base, "discards.txt") ? PL_FMT_PETRARCH : PL_FMT_TABARI;
    if (strstr(base, "actors")) *kind = PL_DK_ACTORS;
    else if (strstr(base, "agents")) *kind = PL_DK_AGENTS;
    else if (strstr(base, "verbs") || !strncmp(base, "CAMEO", 5)) *kind = PL_DK_VERBS;
    else if (strstr(base, "discards")) *kind = PL_DK_DISCARDS;
    else if (strstr(base, "Issue")) *kind = PL_DK_ISSUES;
    else return -1;
    return 0;
}

/* The end of a line's content: before a comment ('#' at the start or after white space). */
static const char *content_end(const char *s, const char *end)
{
    for (const char *p = s; p < end; p++)
        if (*p == '#' && (p == s || isspace((unsigned char)p[-1]))) return p;
    return end;
}

/* Native files: one line at a time, comments cut. */
static int read_native(pl_dict_source *st, enum pl_dict_kind kind, const char *text, size_t len)
{
    const char *p = text, *end = text + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        st->line++;
        const char *ce = content_end(p, le), *tend;
        pl_trim(p, ce, &tend);
        int blank = 1;
        for (const char *q = p; q < tend; q++)
            if (!isspace((unsigned char)*q)) blank = 0;
        if (!blank && memchr(p, '\0', (size_t)(tend - p)))
            pl_dict_report(st, PARLEY_ERROR, "NUL byte in line; skipped");
        else if (!blank && pl_native_line(st, kind, p, tend))
            return -1;
        p = nl ? nl + 1 : end;
    }
    return 0;
}

typedef int (*format_reader)(pl_dict_source *st, const char *text, size_t len);

/* The reader for a foreign file; NULL for a kind the format does not have. */
static format_reader foreign_reader(enum pl_dict_format format, enum pl_dict_kind kind)
{
    static const format_reader tabari[] = {
        [PL_DK_ACTORS] = pl_tabari_read_actors, [PL_DK_AGENTS] = pl_tabari_read_agents,
        [PL_DK_VERBS] = pl_tabari_read_verbs, [PL_DK_DISCARDS] = pl_tabari_read_discards};
    static const format_reader petrarch[] = {
        [PL_DK_ACTORS] = pl_petrarch_read_actors, [PL_DK_AGENTS] = pl_petrarch_read_agents,
        [PL_DK_VERBS] = pl_petrarch_read_verbs, [PL_DK_DISCARDS] = pl_petrarch_read_discards};
    if (kind > PL_DK_DISCARDS) return NULL;
    return format == PL_FMT_TABARI ? tabari[kind] : format == PL_FMT_PETRARCH ? petrarch[kind]
                                                                             : NULL;
}

parley_status pl_dict_load_text(pl_dict *d, const char *name, const char *text, size_t len,
                                pl_buf *msg)
{
    if (pl_dict_is_compiled_file(text, len)) return pl_dict_load_compiled(d, name, text, len, msg);
    enum pl_dict_kind kind;
    enum pl_dict_format format;
    if (pl_dict_detect(name, text, len, &kind, &format)) {
        pl_buf_printf(msg, "%s: not a dictionary file (want .actors, .agents, .verbs, "
                           ".discards or .events, or a TABARI or PETRARCH dictionary)", name);
        return PARLEY_EINVAL;
    }
    if (d->compiled || d->from_compiled) {
        pl_buf_printf(msg, "%s: dictionaries are already compiled (or a compiled file was "
                           "loaded)", name);
        return PARLEY_EINVAL;
    }
    pl_dict_source st = {d, pl_arena_strdup(&d->arena, name), 0, -1};
    if (!st.file) return PARLEY_ENOMEM;
    /* The hash that travels with every event: what was loaded, not where from. */
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    d->content_hash = pl_hash_bytes(base, strlen(base)) ^ (d->content_hash * 1099511628211ULL);
    d->content_hash = pl_hash_bytes(text, len) ^ (d->content_hash * 1099511628211ULL);
    int rc;
    if (format == PL_FMT_NATIVE) {
        rc = read_native(&st, kind, text, len);
    } else {
        format_reader reader = foreign_reader(format, kind);
        if (!reader) {
            pl_dict_unsupported(&st, "this kind of dictionary in this format");
            return PARLEY_OK;
        }
        rc = reader(&st, text, len);
    }
    if (rc) {
        pl_buf_printf(msg, "%s:%ld: out of memory", name, st.line);
        return PARLEY_ENOMEM;
    }
    return PARLEY_OK;
}

/* Reads a whole file into b; 0, or -1 with errno set. The size is known up front for
 * regular files, so megabytes of dictionary are read in one piece, not copied as they grow. */
static int read_whole(FILE *f, pl_buf *b)
{
    struct stat sb;
    if (fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0 &&
        pl_buf_reserve(b, (size_t)sb.st_size)) {
        errno = ENOMEM;
        return -1;
    }
    size_t got;
    do {
        if (b->cap - b->len < 65536 + 1 && pl_buf_reserve(b, 65536)) {
            errno = ENOMEM;
            return -1;
        }
        got = fread(b->data + b->len, 1, b->cap - b->len - 1, f);
        b->len += got;
        b->data[b->len] = 0;
    } while (got > 0);
    if (ferror(f)) {
        if (!errno) errno = EIO;
        return -1;
    }
    return 0;
}

/* Reads one file whole and hands it to fn. A regular file is mapped, not copied: a compiled
 * dictionary of megabytes is then read where it lies. */
static parley_status each_in_file(const char *path, pl_file_fn fn, void *arg, pl_buf *msg)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        pl_buf_printf(msg, "%s: %s", path, strerror(errno));
        return PARLEY_EIO;
    }
    struct stat sb;
    if (fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0) {
        void *map = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fileno(f), 0);
        if (map != MAP_FAILED) {
            fclose(f);
            parley_status rc = fn(arg, path, map, (size_t)sb.st_size, msg);
            munmap(map, (size_t)sb.st_size);
            return rc;
        }
    }
    pl_buf text = {0};
    errno = 0;
    int failed = read_whole(f, &text);
    fclose(f);
    parley_status rc;
    if (failed) {
        pl_buf_printf(msg, "%s: %s", path, strerror(errno));
        rc = errno == ENOMEM ? PARLEY_ENOMEM : PARLEY_EIO;
    } else {
        rc = fn(arg, path, text.data ? text.data : "", text.len, msg);
    }
    pl_buf_free(&text);
    return rc;
}

/* Name order, so that loads are reproducible; maps of event codes (.map) after the event
 * tables they refer to. */
static int compare_names(const void *a, const void *b)
{
    const char *x = *(char *const *)a, *y = *(char *const *)b;
    int xmap = ends_with(x, ".map"), ymap = ends_with(y, ".map");
    if (xmap != ymap) return xmap - ymap;
    return strcmp(x, y);
}

/* Every dictionary file of a directory, in that order. */
static parley_status each_in_dir(const char *dir, pl_file_fn fn, void *arg, pl_buf *msg)
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
        enum pl_dict_kind kind;
        enum pl_dict_format format;
        if (e->d_name[0] == '.' || pl_dict_detect(e->d_name, "", 0, &kind, &format)) continue;
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
        if (rc == PARLEY_OK) rc = each_in_file(names[i], fn, arg, msg);
        free(names[i]);
    }
    free(names);
    return rc;
}

parley_status pl_dict_each_file(const char *path, pl_file_fn fn, void *arg, pl_buf *msg)
{
    for (const char *p = path;;) {
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
                rc = S_ISDIR(sb.st_mode) ? each_in_dir(one, fn, arg, msg)
                                         : each_in_file(one, fn, arg, msg);
            }
            free(one);
            if (rc != PARLEY_OK) return rc;
        }
        if (!colon) return PARLEY_OK;
        p = colon + 1;
    }
}

static parley_status load_text(void *d, const char *path, const char *text, size_t len,
                               pl_buf *msg)
{
    return pl_dict_load_text(d, path, text, len, msg);
}

parley_status pl_dict_load_path(pl_dict *d, const char *path, pl_buf *msg)
{
    return pl_dict_each_file(path, load_text, d, msg);
}
