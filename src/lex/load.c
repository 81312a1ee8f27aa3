/* load.c: finds what a dictionary file holds and in which format, and feeds its lines to the
 * reader of that format. Files, directories and ':'-joined lists of both. */
#include "lex/lex.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- files --------------------------------------------------------------------------------- */

static enum pl_dict_kind kind_of(const char *name)
{
    static const struct { const char *ext; enum pl_dict_kind kind; } exts[] = {
        {".actors", PL_DK_ACTORS}, {".agents", PL_DK_AGENTS}, {".verbs", PL_DK_VERBS},
        {".discards", PL_DK_DISCARDS}, {".events", PL_DK_EVENTS}};
    size_t n = strlen(name);
    for (size_t i = 0; i < sizeof exts / sizeof *exts; i++) {
        size_t e = strlen(exts[i].ext);
        if (n > e && !strcmp(name + n - e, exts[i].ext)) return exts[i].kind;
    }
    return PL_DK_NONE;
}

/* The end of a line's content: before a comment ('#' at the start or after white space). */
static const char *content_end(const char *s, const char *end)
{
    for (const char *p = s; p < end; p++)
        if (*p == '#' && (p == s || isspace((unsigned char)p[-1]))) return p;
    return end;
}

parley_status pl_dict_load_text(pl_dict *d, const char *name, const char *text, size_t len,
                                pl_buf *msg)
{
    enum pl_dict_kind kind = kind_of(name);
    if (kind == PL_DK_NONE) {
        pl_buf_printf(msg, "%s: not a dictionary file (want .actors, .agents, .verbs, "
                           ".discards or .events)", name);
        return PARLEY_EINVAL;
    }
    if (d->compiled) {
        pl_buf_printf(msg, "%s: dictionaries are already compiled", name);
        return PARLEY_EINVAL;
    }
    pl_dict_source st = {d, pl_arena_strdup(&d->arena, name), 0, -1};
    if (!st.file) return PARLEY_ENOMEM;
    const char *p = text, *end = text + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        st.line++;
        const char *ce = content_end(p, le), *tend;
        pl_trim(p, ce, &tend);
        int blank = 1;
        for (const char *q = p; q < tend; q++)
            if (!isspace((unsigned char)*q)) blank = 0;
        if (!blank && memchr(p, '\0', (size_t)(tend - p)))
            pl_dict_report(&st, PARLEY_ERROR, "NUL byte in line; skipped");
        else if (!blank && pl_native_line(&st, kind, p, tend)) {
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
        if (e->d_name[0] == '.' || kind_of(e->d_name) == PL_DK_NONE) continue;
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
