/* validate_tabari.c: reads TABARI's validation text (Validate.text) and the project file
 * that names its dictionaries.
 *
 * A record is a header line "YYMMDD  ID [more]" (or "YYYYMMDD ..."), its text, and a comment block
 * "/\* ... *\/" that holds what it expects: "{ SRC / TGT / CODE }" events, "{---}" no
 * event, "{###}" discarded, "{+++}" not checked, "{ OPTION: ... }" settings for the records
 * after it. An expectation written "-{...}" is switched off; lines after the comment
 * block are still the comment's, and a header ends a block left open. The suite ends at
 * the record FINAL-01; the records after it need other settings. */
#include "cli/validate.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dup_range(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (!d) return NULL;
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

static void trim_range(const char **s, const char **e)
{
    while (*s < *e && isspace((unsigned char)**s)) (*s)++;
    while (*e > *s && isspace((unsigned char)(*e)[-1])) (*e)--;
}

/* The value of "<tag> value" in a project file, a new string; NULL if absent. */
static char *project_value(const char *text, const char *tag)
{
    const char *p = strstr(text, tag);
    if (!p) return NULL;
    p += strlen(tag);
    while (*p == ' ' || *p == '\t') p++;
    const char *e = p;
    while (*e && !isspace((unsigned char)*e)) e++;
    return e > p ? dup_range(p, (size_t)(e - p)) : NULL;
}

static char *read_whole(const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return NULL;
    }
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    size_t n;
    while (buf && (n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (cap - len < 2) {
            char *bigger = realloc(buf, cap * 2);
            if (!bigger) { free(buf); buf = NULL; break; }
            buf = bigger, cap *= 2;
        }
    }
    int failed = ferror(f);
    fclose(f);
    if (!buf || failed) {
        free(buf);
        snprintf(err, errlen, "%s: %s", path, buf ? "read error" : "out of memory");
        return NULL;
    }
    buf[len] = 0;
    return buf;
}

/* The project names the actors, verbs and agents files, relative to itself. */
static int read_project(vsuite *s, const char *project, char *err, size_t errlen)
{
    char *text = read_whole(project, err, errlen);
    if (!text) return -1;
    static const char *const tags[] = {"<actorsfile>", "<verbsfile>", "<agentsfile>"};
    size_t cap = 1;
    char *parts[3] = {0};
    for (int i = 0; i < 3; i++) {
        char *name = project_value(text, tags[i]);
        if (name) parts[i] = vsuite_path_beside(project, name);
        free(name);
        if (parts[i]) cap += strlen(parts[i]) + 1;
    }
    free(text);
    s->dict = calloc(1, cap);
    for (int i = 0; i < 3; i++) {
        if (parts[i] && s->dict) {
            if (*s->dict) strcat(s->dict, ":");
            strcat(s->dict, parts[i]);
        }
        free(parts[i]);
    }
    if (!s->dict || !*s->dict) {
        snprintf(err, errlen, "%s: names no <actorsfile>, <verbsfile> or <agentsfile>", project);
        return -1;
    }
    return 0;
}

/* The digits of the date a record header opens with: 6 (YYMMDD), or 8 (YYYYMMDD, which
 * TABARI reads after "SET: YYYY = TRUE"); 0 when the line is no header. */
static size_t header_digits(const char *line, size_t len)
{
    size_t n = 0;
    while (n < len && isdigit((unsigned char)line[n])) n++;
    if ((n != 6 && n != 8) || n + 1 >= len) return 0;
    return line[n] == ' ' || line[n] == '\t' ? n : 0;
}

/* "950101  DEMO-01 ..." starts a record. */
static int is_header(const char *line, size_t len)
{
    return header_digits(line, len) != 0;
}

static int start_record(vsuite *s, const char *line, size_t len, long lineno)
{
    vrecord *r = vsuite_add_record(s);
    if (!r) return -1;
    size_t digits = header_digits(line, len);
    int yy = (line[0] - '0') * 10 + (line[1] - '0');
    if (digits == 8)
        snprintf(r->date, sizeof r->date, "%.4s-%.2s-%.2s", line, line + 4, line + 6);
    else
        snprintf(r->date, sizeof r->date, "%04d-%.2s-%.2s", yy >= 50 ? 1900 + yy : 2000 + yy,
                 line + 2, line + 4);
    const char *p = line + digits, *end = line + len;
    while (p < end && isspace((unsigned char)*p)) p++;
    const char *q = p;
    while (q < end && !isspace((unsigned char)*q)) q++;
    r->id = dup_range(p, (size_t)(q - p));
    r->text = calloc(1, 1);
    r->line = lineno;
    r->kind = VREC_UNCHECKED;
    return r->id && r->text ? 0 : -1;
}

static int append_text(vrecord *r, const char *line, size_t len)
{
    const char *s = line, *e = line + len;
    trim_range(&s, &e);
    if (s == e) return 0;
    size_t old = strlen(r->text);
    char *t = realloc(r->text, old + (size_t)(e - s) + 2);
    if (!t) return -1;
    if (old) t[old++] = ' ';
    memcpy(t + old, s, (size_t)(e - s));
    t[old + (size_t)(e - s)] = 0;
    r->text = t;
    return 0;
}

static int add_option(vrecord *r, const char *s, const char *e)
{
    trim_range(&s, &e);
    size_t old = r->options ? strlen(r->options) : 0;
    char *t = realloc(r->options, old + (size_t)(e - s) + 3);
    if (!t) return -1;
    if (old) memcpy(t + old, "; ", 2), old += 2;
    memcpy(t + old, s, (size_t)(e - s));
    t[old + (size_t)(e - s)] = 0;
    r->options = t;
    return 0;
}

/* One "{...}" of a comment block. */
static int read_braces(vrecord *r, const char *s, const char *e)
{
    trim_range(&s, &e);
    size_t n = (size_t)(e - s);
    if (n >= 7 && !strncmp(s, "OPTION:", 7)) return add_option(r, s + 7, e);
    if (n == 3 && !strncmp(s, "+++", 3)) return 0;
    if (n == 3 && !strncmp(s, "---", 3)) {
        if (r->kind == VREC_UNCHECKED) r->kind = VREC_NO_EVENT;
        return 0;
    }
    if (n == 3 && !strncmp(s, "###", 3)) {
        r->kind = VREC_DISCARD;
        return 0;
    }
    const char *slash1 = memchr(s, '/', n);
    const char *slash2 = slash1 ? memchr(slash1 + 1, '/', (size_t)(e - slash1 - 1)) : NULL;
    if (!slash2) return 0;   /* prose in braces */
    const char *f[3][2] = {{s, slash1}, {slash1 + 1, slash2}, {slash2 + 1, e}};
    char *v[3];
    for (int i = 0; i < 3; i++) {
        trim_range(&f[i][0], &f[i][1]);
        v[i] = dup_range(f[i][0], (size_t)(f[i][1] - f[i][0]));
    }
    int rc = v[0] && v[1] && v[2] ? vrecord_add_expect(r, v[0], v[1], v[2]) : -1;
    for (int i = 0; i < 3; i++) free(v[i]);
    r->kind = VREC_EVENTS;
    return rc;
}

static int read_comment(vrecord *r, const char *c, size_t len)
{
    const char *end = c + len;
    for (const char *p = c; p < end; p++) {
        if (*p != '{') continue;
        const char *close = memchr(p, '}', (size_t)(end - p));
        const char *stop = close ? close : end;
        int off = p > c && p[-1] == '-';
        if (!off && read_braces(r, p + 1, stop) < 0) return -1;
        p = stop;
        if (!close) break;
    }
    return 0;
}

typedef struct tabari_state {
    vsuite *s;
    vrecord *rec;            /* the record being read, NULL between records */
    int in_comment, ended;
    int commented;           /* the record's comment block has closed */
    char *comment;           /* the comment block being read */
    size_t comment_len;
} tabari_state;

static int comment_add(tabari_state *st, const char *p, size_t n)
{
    char *c = realloc(st->comment, st->comment_len + n + 2);
    if (!c) return -1;
    memcpy(c + st->comment_len, p, n);
    st->comment_len += n;
    c[st->comment_len++] = '\n';
    c[st->comment_len] = 0;
    st->comment = c;
    return 0;
}

/* A line inside a record: text, or a comment block's start, middle or end. The text
 * comes before the comment: lines after it ("\n{ A / B / 044 }" left outside a block
 * closed too early) are the comment's. */
static int record_line(tabari_state *st, const char *line, size_t len)
{
    const char *p = line, *end = line + len;
    if (st->commented) return read_comment(st->rec, line, len);
    if (!st->in_comment) {
        const char *open = NULL;
        for (const char *q = p; q + 1 < end; q++)
            if (q[0] == '/' && q[1] == '*') { open = q; break; }
        if (!open) return append_text(st->rec, p, len);
        if (append_text(st->rec, p, (size_t)(open - p)) < 0) return -1;
        st->in_comment = 1, st->comment_len = 0;
        p = open + 2;
    }
    const char *close = NULL;
    for (const char *q = p; q + 1 < end; q++)
        if (q[0] == '*' && q[1] == '/') { close = q; break; }
    if (comment_add(st, p, (size_t)((close ? close : end) - p)) < 0) return -1;
    if (!close) return 0;
    st->in_comment = 0, st->commented = 1;
    if (read_comment(st->rec, st->comment, st->comment_len) < 0) return -1;
    return append_text(st->rec, close + 2, (size_t)(end - close - 2));
}

/* A record header inside a comment block ends the block: one left open ("... }  /\*")
 * would otherwise take the records after it. */
static int close_comment(tabari_state *st)
{
    st->in_comment = 0;
    return st->rec ? read_comment(st->rec, st->comment, st->comment_len) : 0;
}

static int tabari_line(tabari_state *st, const char *line, size_t len, long lineno)
{
    while (len && (line[len - 1] == '\r' || line[len - 1] == '\n')) len--;
    if (is_header(line, len)) {
        if (st->in_comment && close_comment(st) < 0) return -1;
        st->commented = 0;
        if (st->ended) {
            st->s->after_end++;
            return 0;
        }
        if (start_record(st->s, line, len, lineno) < 0) return -1;
        st->rec = &st->s->records[st->s->nrecords - 1];
        if (!strcmp(st->rec->id, "FINAL-01")) st->ended = 1;
        return 0;
    }
    if (!st->rec) return 0;
    if (!st->in_comment && (len == 0 || line[0] == '#')) {
        st->rec = NULL;      /* a blank line ends a record */
        return 0;
    }
    return record_line(st, line, len);
}

int vsuite_read_tabari(vsuite *s, const char *path, const char *project, char *err,
                       size_t errlen)
{
    s->format = "TABARI";
    s->file = strdup(path);
    if (!s->file || read_project(s, project, err, errlen) < 0) return -1;
    char *text = read_whole(path, err, errlen);
    if (!text) return -1;
    tabari_state st = {.s = s};
    long lineno = 0;
    int rc = 0;
    for (char *line = text; *line && rc == 0;) {
        char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line) : strlen(line);
        rc = tabari_line(&st, line, len, ++lineno);
        line += len + (nl != NULL);
    }
    free(st.comment);
    free(text);
    if (rc < 0) snprintf(err, errlen, "%s:%ld: out of memory", path, lineno);
    else if (s->nrecords == 0) {
        snprintf(err, errlen, "%s: no TABARI validation records (\"YYMMDD ID\" lines)", path);
        rc = -1;
    }
    return rc;
}
