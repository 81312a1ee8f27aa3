/* corpus-runner: runs the corpus tests in the .cases files of tests/corpus (format: its README.md).
 *
 *   corpus-runner [--cli PARLEY_BINARY] [--dict PATH] FILE.cases...
 *
 * Without --cli every case is coded through the library (parley.h); with --cli each case is
 * written as a news-record file and coded by `PARLEY code --format jsonl`, so that both paths
 * are held to the same expectations. The events of a case are reduced to distinct
 * (source code, target code, event code) triples, which must match the expected triples one
 * to one. Prints PASS/FAIL per case and one closing line "corpus: N passed, M failed".
 * Exit status: 0 all passed, 1 something failed, 2 bad usage.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <jansson.h>

#include "parley.h"

/* ---- small helpers: a test tool may simply stop when memory runs out ------------------ */

static void die_oom(void)
{
    fputs("corpus-runner: out of memory\n", stderr);
    exit(2);
}

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) die_oom();
    return q;
}

static char *xstrndup(const char *s, size_t n)
{
    char *p = xrealloc(NULL, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

static char *xstrdup(const char *s) { return xstrndup(s, strlen(s)); }

static char *xprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *xprintf(const char *fmt, ...)
{
    /* Measured into a stack buffer first (most messages fit), not with a NULL buffer, which
     * some compilers flag under sanitizers. */
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) die_oom();
    if ((size_t)n < sizeof small) return xstrndup(small, (size_t)n);
    char *p = xrealloc(NULL, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

typedef struct sbuf {
    char *p;
    size_t len, cap;
} sbuf;

static void sb_addn(sbuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1) cap *= 2;
        b->p = xrealloc(b->p, cap);
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void sb_add(sbuf *b, const char *s) { sb_addn(b, s, strlen(s)); }

/* ---- triples -------------------------------------------------------------------------- */

/* An expected triple's code may hold alternatives separated by '|'. */
typedef struct triple {
    char *src, *tgt, *code;
} triple;

typedef struct triples {
    triple *v;
    size_t n, cap;
} triples;

static void triples_free(triples *t)
{
    for (size_t i = 0; i < t->n; i++) {
        free(t->v[i].src);
        free(t->v[i].tgt);
        free(t->v[i].code);
    }
    free(t->v);
    memset(t, 0, sizeof *t);
}

static bool triple_eq(const triple *a, const char *src, const char *tgt, const char *code)
{
    return !strcmp(a->src, src) && !strcmp(a->tgt, tgt) && !strcmp(a->code, code);
}

/* Adds a triple unless an equal one is there: produced events count once per dyad and code.
 * Returns false when it was a duplicate. NULL codes (an actor the coder could not name) are
 * shown as "-" so that they still surface as extras. */
static bool triples_add(triples *t, const char *src, const char *tgt, const char *code)
{
    src = src ? src : "-";
    tgt = tgt ? tgt : "-";
    code = code ? code : "-";
    for (size_t i = 0; i < t->n; i++)
        if (triple_eq(&t->v[i], src, tgt, code)) return false;
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 8;
        t->v = xrealloc(t->v, t->cap * sizeof *t->v);
    }
    t->v[t->n++] = (triple){xstrdup(src), xstrdup(tgt), xstrdup(code)};
    return true;
}

/* Whether `code` is one of the '|'-separated alternatives in `alts`. */
static bool code_matches(const char *alts, const char *code)
{
    size_t n = strlen(code);
    for (const char *p = alts;;) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == n && !memcmp(p, code, n)) return true;
        if (!bar) return false;
        p = bar + 1;
    }
}

static bool compatible(const triple *exp, const triple *got)
{
    return !strcmp(exp->src, got->src) && !strcmp(exp->tgt, got->tgt) &&
           code_matches(exp->code, got->code);
}

/* ---- matching expected against produced ---------------------------------------------- *
 * A produced triple may fit several expected ones when codes have alternatives, so the
 * pairing is a maximum bipartite matching (Kuhn's augmenting paths; cases are tiny). */

typedef struct matching {
    size_t ne, np;
    long *exp_to; /* per expected: index of its produced triple, -1 if none */
    long *got_to; /* per produced: index of its expected triple, -1 if none */
} matching;

static bool augment(const triples *exp, const triples *got, matching *m, size_t e, bool *seen)
{
    for (size_t g = 0; g < got->n; g++) {
        if (seen[g] || !compatible(&exp->v[e], &got->v[g])) continue;
        seen[g] = true;
        if (m->got_to[g] < 0 || augment(exp, got, m, (size_t)m->got_to[g], seen)) {
            m->got_to[g] = (long)e;
            m->exp_to[e] = (long)g;
            return true;
        }
    }
    return false;
}

/* Returns true when every expected and every produced triple is paired. */
static bool match_triples(const triples *exp, const triples *got, matching *m)
{
    m->ne = exp->n;
    m->np = got->n;
    m->exp_to = xrealloc(NULL, (exp->n + 1) * sizeof *m->exp_to);
    m->got_to = xrealloc(NULL, (got->n + 1) * sizeof *m->got_to);
    bool *seen = xrealloc(NULL, (got->n + 1) * sizeof *seen);
    for (size_t i = 0; i < exp->n; i++) m->exp_to[i] = -1;
    for (size_t i = 0; i < got->n; i++) m->got_to[i] = -1;
    size_t paired = 0;
    for (size_t e = 0; e < exp->n; e++) {
        memset(seen, 0, (got->n + 1) * sizeof *seen);
        if (augment(exp, got, m, e, seen)) paired++;
    }
    free(seen);
    return paired == exp->n && paired == got->n;
}

static void matching_free(matching *m)
{
    free(m->exp_to);
    free(m->got_to);
}

/* ---- cases and their parser ------------------------------------------------------------ */

typedef struct tcase {
    char *name;
    const char *file;
    long line;          /* the "==" line */
    char *date;         /* NULL: unknown */
    char *text;         /* the story body; paragraphs separated by one blank line */
    bool expect_none;   /* "-> none" */
    triples expect;
    char *error;        /* a format error in this case: "file:line: message" */
} tcase;

typedef struct caselist {
    tcase *v;
    size_t n, cap;
} caselist;

typedef enum pstate { P_OUTSIDE, P_HEADER, P_TEXT, P_EXPECT } pstate;

typedef struct parser {
    const char *file;
    long lineno;
    pstate state;
    tcase *cur;          /* the case being read, NULL outside */
    sbuf text;
    size_t pending_blank; /* blank lines seen inside the story text, not yet written */
    caselist *out;
} parser;

static void case_free(tcase *c)
{
    free(c->name);
    free(c->date);
    free(c->text);
    free(c->error);
    triples_free(&c->expect);
}

/* Records the first format error of the case being read (or of a text outside any case,
 * which becomes a nameless case of its own so that it is reported and counted). */
static void parse_error(parser *p, const char *msg)
{
    if (!p->cur) {
        if (p->out->n == p->out->cap) {
            p->out->cap = p->out->cap ? p->out->cap * 2 : 16;
            p->out->v = xrealloc(p->out->v, p->out->cap * sizeof *p->out->v);
        }
        tcase *c = &p->out->v[p->out->n++];
        memset(c, 0, sizeof *c);
        c->name = xstrdup("(outside any case)");
        c->file = p->file;
        c->line = p->lineno;
        c->error = xprintf("%s:%ld: %s", p->file, p->lineno, msg);
        return;
    }
    if (!p->cur->error) p->cur->error = xprintf("%s:%ld: %s", p->file, p->lineno, msg);
}

static bool is_blank(const char *s)
{
    for (; *s; s++)
        if (!isspace((unsigned char)*s)) return false;
    return true;
}

static bool valid_date(const char *s)
{
    static const char shape[] = "dddd-dd-dd";
    if (strlen(s) != sizeof shape - 1) return false;
    for (size_t i = 0; shape[i]; i++)
        if (shape[i] == 'd' ? !isdigit((unsigned char)s[i]) : s[i] != shape[i]) return false;
    int month = atoi(s + 5), day = atoi(s + 8);
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/* Closes the case being read: its text is set, and it must have expectations. */
static void finish_case(parser *p)
{
    tcase *c = p->cur;
    if (!c) return;
    c->text = p->text.p ? p->text.p : xstrdup("");
    memset(&p->text, 0, sizeof p->text);
    p->pending_blank = 0;
    if (!c->error && c->text[0] == '\0')
        c->error = xprintf("%s:%ld: case has no story text", c->file, c->line);
    if (!c->error && !c->expect_none && c->expect.n == 0)
        c->error = xprintf("%s:%ld: case has no expectation lines (\"-> ...\")", c->file,
                           c->line);
    p->cur = NULL;
    p->state = P_OUTSIDE;
}

static void start_case(parser *p, const char *rest)
{
    finish_case(p);
    while (isspace((unsigned char)*rest)) rest++;
    caselist *l = p->out;
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->v = xrealloc(l->v, l->cap * sizeof *l->v);
    }
    tcase *c = &l->v[l->n++];
    memset(c, 0, sizeof *c);
    c->name = xstrdup(rest);
    c->file = p->file;
    c->line = p->lineno;
    p->cur = c;
    p->state = P_HEADER;
    if (!*rest) parse_error(p, "a case needs a name after \"==\"");
}

static bool valid_actor_code(const char *s)
{
    size_t n = strlen(s);
    if (n < 3 || n > 40) return false;
    for (; *s; s++)
        if (!(isupper((unsigned char)*s) || isdigit((unsigned char)*s) || *s == '_'))
            return false;
    return true;
}

/* An event code: alternatives of 2 to 4 digits separated by '|'. */
static bool valid_event_code(const char *s)
{
    size_t digits = 0;
    for (;; s++) {
        if (isdigit((unsigned char)*s)) {
            digits++;
        } else if (*s == '|' || *s == '\0') {
            if (digits < 2 || digits > 4) return false;
            if (*s == '\0') return true;
            digits = 0;
        } else {
            return false;
        }
    }
}

/* "-> SOURCE TARGET CODE" or "-> none"; a '#' after white space starts a comment. */
static void parse_expectation(parser *p, const char *rest)
{
    char *copy = xstrdup(rest);
    for (char *h = copy; (h = strchr(h, '#')) != NULL; h++)
        if (h == copy || isspace((unsigned char)h[-1])) {
            *h = '\0';
            break;
        }
    char *tok[4] = {0};
    size_t n = 0;
    char *save = NULL;
    for (char *t = strtok_r(copy, " \t", &save); t; t = strtok_r(NULL, " \t", &save))
        if (n < 4) tok[n++] = t;
        else n = 5;
    tcase *c = p->cur;
    if (n == 1 && !strcmp(tok[0], "none")) {
        if (c->expect.n || c->expect_none)
            parse_error(p, "\"-> none\" must be the only expectation of a case");
        c->expect_none = true;
    } else if (n != 3) {
        parse_error(p, "an expectation is \"-> SOURCE TARGET CODE\" or \"-> none\"");
    } else if (c->expect_none) {
        parse_error(p, "\"-> none\" must be the only expectation of a case");
    } else if (!valid_actor_code(tok[0]) || !valid_actor_code(tok[1])) {
        parse_error(p, "actor codes are 3 or more capital letters, digits or '_'");
    } else if (!valid_event_code(tok[2])) {
        parse_error(p, "an event code is 2-4 digits, alternatives separated by '|'");
    } else if (!triples_add(&c->expect, tok[0], tok[1], tok[2])) {
        parse_error(p, "the same expectation is written twice");
    }
    free(copy);
}

/* Appends a story line; runs of blank lines become one paragraph break, and blank lines
 * before the first or after the last text line are dropped. */
static void add_text_line(parser *p, const char *line)
{
    if (is_blank(line)) {
        if (p->text.len) p->pending_blank++;
        return;
    }
    if (p->text.len) sb_add(&p->text, p->pending_blank ? "\n\n" : "\n");
    p->pending_blank = 0;
    size_t n = strlen(line);
    while (n && isspace((unsigned char)line[n - 1])) n--;
    sb_addn(&p->text, line, n);
}

static void parse_line(parser *p, char *line)
{
    size_t n = strlen(line);
    while (n && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = '\0';
    if (line[0] == '#') return;
    if (!strncmp(line, "==", 2)) {
        start_case(p, line + 2);
        return;
    }
    switch (p->state) {
    case P_OUTSIDE:
        if (!is_blank(line)) parse_error(p, "text outside a case (a case starts with \"== name\")");
        return;
    case P_HEADER:
        if (is_blank(line)) return; /* the date line may follow after blank lines */
        if (!strncmp(line, "date:", 5)) {
            char *d = line + 5;
            while (isspace((unsigned char)*d)) d++;
            size_t dn = strlen(d);
            while (dn && isspace((unsigned char)d[dn - 1])) d[--dn] = '\0';
            if (!valid_date(d)) parse_error(p, "the date is written \"date: YYYY-MM-DD\"");
            else p->cur->date = xstrdup(d);
            p->state = P_TEXT;
            return;
        }
        p->state = P_TEXT;
        break;
    case P_TEXT:
    case P_EXPECT:
        break;
    }
    if (!strncmp(line, "->", 2)) {
        p->state = P_EXPECT;
        parse_expectation(p, line + 2);
    } else if (p->state == P_EXPECT) {
        if (!is_blank(line)) parse_error(p, "story text after the expectations");
    } else {
        add_text_line(p, line);
    }
}

/* Reads one case file into `out`. An unreadable file becomes one failing pseudo-case. */
static void parse_file(const char *path, caselist *out)
{
    parser p = {.file = path, .out = out};
    FILE *f = fopen(path, "r");
    if (!f) {
        char *msg = xprintf("cannot open: %s", strerror(errno));
        parse_error(&p, msg);
        free(msg);
        return;
    }
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, f) >= 0) {
        p.lineno++;
        parse_line(&p, line);
    }
    if (ferror(f)) {
        char *msg = xprintf("read error: %s", strerror(errno));
        parse_error(&p, msg);
        free(msg);
    }
    finish_case(&p);
    free(line);
    fclose(f);
}

/* ---- coding through the library -------------------------------------------------------- */

typedef struct diag_state {
    unsigned shown, total;
} diag_state;

/* Dictionary warnings go to stderr, capped: a broken dictionary should be visible once, not
 * bury the test results. */
static void on_diag(void *user, parley_severity sev, const char *file, long line,
                    const char *message)
{
    diag_state *d = user;
    if (++d->total > 20) return;
    fprintf(stderr, "corpus-runner: %s: %s:%ld: %s\n",
            sev == PARLEY_ERROR ? "error" : "warning", file ? file : "(dictionary)", line,
            message);
}

typedef struct lib_runner {
    parley_ctx *ctx;
    char *setup_error; /* set when the dictionaries could not be used: every case fails */
    diag_state diag;
} lib_runner;

static void lib_open(lib_runner *r, const char *dict)
{
    memset(r, 0, sizeof *r);
    r->ctx = parley_ctx_new();
    if (!r->ctx) die_oom();
    parley_ctx_set_diag(r->ctx, on_diag, &r->diag);
    if (!dict || !*dict) {
        r->setup_error = xstrdup("no dictionaries: give --dict PATH or set PARLEY_DICT");
        return;
    }
    parley_status st = parley_ctx_load_dict(r->ctx, dict);
    if (st == PARLEY_OK) st = parley_ctx_compile(r->ctx);
    if (st != PARLEY_OK)
        r->setup_error = xprintf("dictionaries %s: %s: %s", dict, parley_status_str(st),
                                 parley_errmsg(r->ctx));
    if (r->diag.total > 20)
        fprintf(stderr, "corpus-runner: %u more dictionary messages not shown\n",
                r->diag.total - 20);
}

static void lib_close(lib_runner *r)
{
    parley_ctx_free(r->ctx);
    free(r->setup_error);
}

/* Codes one case; fills `got` or returns an error message (caller frees). */
static char *lib_code(lib_runner *r, const tcase *c, triples *got)
{
    if (r->setup_error) return xstrdup(r->setup_error);
    char *id = xprintf("%s:%ld", c->file, c->line);
    parley_story *story = parley_story_new(id, c->date, "", c->text, strlen(c->text));
    free(id);
    if (!story) die_oom();
    parley_events *ev = NULL;
    parley_status st = parley_code(r->ctx, story, &ev);
    char *err = NULL;
    if (st != PARLEY_OK) {
        err = xprintf("parley_code: %s: %s", parley_status_str(st), parley_errmsg(r->ctx));
    } else {
        size_t n = parley_events_count(ev);
        for (size_t i = 0; i < n; i++) {
            const parley_event *e = parley_events_get(ev, i);
            triples_add(got, e->source.code, e->target.code, e->code);
        }
    }
    if (ev) parley_events_free(ev);
    parley_story_free(story);
    return err;
}

/* ---- coding through the command-line program ------------------------------------------- */

typedef struct cli_runner {
    const char *parley;
    const char *dict;   /* passed as --dict when set */
    char *dir;          /* a private temporary directory */
    char *story_path, *err_path;
    char *setup_error;
} cli_runner;

/* Appends `s` quoted for /bin/sh: inside single quotes only the quote itself is special. */
static void sh_quote(sbuf *b, const char *s)
{
    sb_add(b, "'");
    for (; *s; s++) {
        if (*s == '\'') sb_add(b, "'\\''");
        else sb_addn(b, s, 1);
    }
    sb_add(b, "'");
}

static void cli_open(cli_runner *r, const char *parley, const char *dict)
{
    memset(r, 0, sizeof *r);
    r->parley = parley;
    r->dict = dict;
    const char *tmp = getenv("TMPDIR");
    r->dir = xprintf("%s/parley-corpus-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(r->dir)) {
        r->setup_error = xprintf("mkdtemp %s: %s", r->dir, strerror(errno));
        free(r->dir);
        r->dir = NULL;
        return;
    }
    r->story_path = xprintf("%s/story.txt", r->dir);
    r->err_path = xprintf("%s/stderr.txt", r->dir);
}

static void cli_close(cli_runner *r)
{
    if (r->dir) {
        unlink(r->story_path);
        unlink(r->err_path);
        rmdir(r->dir);
    }
    free(r->dir);
    free(r->story_path);
    free(r->err_path);
    free(r->setup_error);
}

/* Writes the case as a news record ("date YYYY-MM-DD" line, blank line, body). Without a
 * date there is no record header, so the file is plain text: one story with unknown date. */
static char *write_story(const cli_runner *r, const tcase *c)
{
    FILE *f = fopen(r->story_path, "w");
    if (!f) return xprintf("cannot write %s: %s", r->story_path, strerror(errno));
    if (c->date) fprintf(f, "date %s\n\n", c->date);
    fprintf(f, "%s\n", c->text);
    if (fclose(f) != 0) return xprintf("cannot write %s: %s", r->story_path, strerror(errno));
    return NULL;
}

/* The "code" member of an actor object: its string, NULL for JSON null. *ok is cleared when
 * the member is missing or of the wrong type. */
static const char *actor_code(json_t *root, const char *key, bool *ok)
{
    json_t *actor = json_object_get(root, key);
    json_t *code = json_is_object(actor) ? json_object_get(actor, "code") : NULL;
    if (json_is_string(code)) return json_string_value(code);
    if (!json_is_null(code)) *ok = false;
    return NULL;
}

static char *parse_json_event(const char *line, long lineno, triples *got)
{
    json_error_t jerr;
    json_t *root = json_loads(line, 0, &jerr);
    if (!root) return xprintf("output line %ld is not JSON: %s", lineno, jerr.text);
    bool ok = json_is_object(root);
    const char *src = ok ? actor_code(root, "source", &ok) : NULL;
    const char *tgt = ok ? actor_code(root, "target", &ok) : NULL;
    json_t *code = ok ? json_object_get(root, "code") : NULL;
    char *err = NULL;
    if (!ok || !json_is_string(code))
        err = xprintf("output line %ld lacks source.code, target.code or code", lineno);
    else
        triples_add(got, src, tgt, json_string_value(code));
    json_decref(root);
    return err;
}

/* Appends the first lines the program wrote to stderr, for the failure report. */
static void append_stderr(const cli_runner *r, sbuf *msg)
{
    FILE *f = fopen(r->err_path, "r");
    if (!f) return;
    char *line = NULL;
    size_t cap = 0;
    for (int n = 0; getline(&line, &cap, f) >= 0; n++) {
        if (n == 10) {
            sb_add(msg, "\n  (more on stderr)");
            break;
        }
        size_t len = strcspn(line, "\r\n");
        sb_add(msg, "\n  stderr: ");
        sb_addn(msg, line, len);
    }
    free(line);
    fclose(f);
}

static char *build_command(const cli_runner *r)
{
    sbuf cmd = {0};
    sh_quote(&cmd, r->parley);
    sb_add(&cmd, " code --format jsonl");
    if (r->dict) {
        sb_add(&cmd, " --dict ");
        sh_quote(&cmd, r->dict);
    }
    sb_add(&cmd, " ");
    sh_quote(&cmd, r->story_path);
    sb_add(&cmd, " 2>");
    sh_quote(&cmd, r->err_path);
    return cmd.p;
}

/* Reads the program's JSON Lines; returns the first problem, or NULL. */
static char *read_events(FILE *out, triples *got)
{
    char *line = NULL, *err = NULL;
    size_t cap = 0;
    long lineno = 0;
    while (getline(&line, &cap, out) >= 0) {
        lineno++;
        if (is_blank(line) || err) continue; /* drain the pipe even after an error */
        err = parse_json_event(line, lineno, got);
    }
    free(line);
    return err;
}

static char *cli_code(cli_runner *r, const tcase *c, triples *got)
{
    if (r->setup_error) return xstrdup(r->setup_error);
    char *err = write_story(r, c);
    if (err) return err;
    char *cmd = build_command(r);
    fflush(NULL); /* the child must not inherit unwritten output */
    FILE *out = popen(cmd, "r");
    if (!out) {
        err = xprintf("popen %s: %s", cmd, strerror(errno));
        free(cmd);
        return err;
    }
    err = read_events(out, got);
    int status = pclose(out);
    if (!err && (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)) {
        if (status != -1 && WIFSIGNALED(status))
            err = xprintf("%s was killed by signal %d", r->parley, WTERMSIG(status));
        else
            err = xprintf("%s exited with status %d", r->parley,
                          status == -1 ? -1 : WEXITSTATUS(status));
    }
    free(cmd);
    if (err) {
        sbuf msg = {0};
        sb_add(&msg, err);
        append_stderr(r, &msg);
        free(err);
        err = msg.p;
    }
    return err;
}

/* ---- reporting and the main loop ------------------------------------------------------- */

static void print_indented(const char *label, const char *text)
{
    printf("    %s", label);
    for (; *text; text++) {
        putchar(*text);
        if (*text == '\n') printf("    ");
    }
    putchar('\n');
}

static void report_failure(const tcase *c, const triples *got, const matching *m,
                           const char *err)
{
    printf("FAIL %s:%ld %s\n", c->file, c->line, c->name);
    if (err) print_indented("error: ", err);
    if (c->error) return; /* a malformed case: nothing was coded */
    if (c->expect_none) printf("    expected: none\n");
    for (size_t i = 0; i < c->expect.n; i++) {
        const triple *t = &c->expect.v[i];
        printf("    expected: %s %s %s%s\n", t->src, t->tgt, t->code,
               m && m->exp_to[i] < 0 ? "   <- missing" : "");
    }
    if (got->n == 0 && !err) printf("    produced: none\n");
    for (size_t i = 0; i < got->n; i++) {
        const triple *t = &got->v[i];
        printf("    produced: %s %s %s%s\n", t->src, t->tgt, t->code,
               m && m->got_to[i] < 0 ? "   <- extra" : "");
    }
}

typedef struct run_opts {
    const char *cli;   /* PARLEY binary, or NULL for the library */
    const char *dict;
} run_opts;

static bool run_case(const run_opts *o, lib_runner *lib, cli_runner *cli, const tcase *c)
{
    triples got = {0};
    char *err = NULL;
    if (c->error) err = xstrdup(c->error);
    else if (o->cli) err = cli_code(cli, c, &got);
    else err = lib_code(lib, c, &got);
    matching m = {0};
    bool pass = false;
    if (!err) pass = match_triples(&c->expect, &got, &m);
    if (pass) printf("PASS %s\n", c->name);
    else report_failure(c, &got, err ? NULL : &m, err);
    matching_free(&m);
    triples_free(&got);
    free(err);
    return pass;
}

static int usage(void)
{
    fputs("usage: corpus-runner [--cli PARLEY_BINARY] [--dict PATH] FILE.cases...\n"
          "  without --cli, cases are coded through libparley; dictionaries come from --dict,\n"
          "  else $PARLEY_DICT, else the build's default\n",
          stderr);
    return 2;
}

/* Parses the options; returns the index of the first case file, or -1 on bad usage. */
static int parse_args(int argc, char **argv, run_opts *o)
{
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i++) {
        if (!strcmp(argv[i], "--")) return i + 1 < argc ? i + 1 : -1;
        if (i + 1 >= argc) return -1;
        if (!strcmp(argv[i], "--cli")) o->cli = argv[++i];
        else if (!strcmp(argv[i], "--dict")) o->dict = argv[++i];
        else return -1;
    }
    return i < argc ? i : -1;
}

static const char *default_dict(void)
{
    const char *env = getenv("PARLEY_DICT");
    if (env && *env) return env;
#ifdef PARLEY_DICT_DEFAULT
    return PARLEY_DICT_DEFAULT;
#else
    return NULL;
#endif
}

int main(int argc, char **argv)
{
    run_opts o = {0};
    int first = parse_args(argc, argv, &o);
    if (first < 0) return usage();

    caselist cases = {0};
    for (int i = first; i < argc; i++) parse_file(argv[i], &cases);

    lib_runner lib = {0};
    cli_runner cli = {0};
    if (o.cli) {
        cli_open(&cli, o.cli, o.dict);
        printf("corpus-runner: %zu cases, coded by %s\n", cases.n, o.cli);
    } else {
        const char *dict = o.dict ? o.dict : default_dict();
        lib_open(&lib, dict);
        printf("corpus-runner: %zu cases, coded by libparley %s with %s\n", cases.n,
               parley_version(), dict ? dict : "(no dictionaries)");
    }

    size_t passed = 0, failed = 0;
    for (size_t i = 0; i < cases.n; i++) {
        if (run_case(&o, &lib, &cli, &cases.v[i])) passed++;
        else failed++;
    }
    printf("corpus: %zu passed, %zu failed\n", passed, failed);

    if (o.cli) cli_close(&cli);
    else lib_close(&lib);
    for (size_t i = 0; i < cases.n; i++) case_free(&cases.v[i]);
    free(cases.v);
    return failed ? 1 : 0;
}
