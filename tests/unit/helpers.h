/* helpers.h: what several unit test programs share: a diagnostic log, a dictionary fixture
 * whose messages go to it, matching a text against it, and coding a text into "SOURCE
 * TARGET CODE" lines. Include after cmocka.h. Everything is static inline: a program uses
 * what it needs. */
#ifndef PL_TEST_HELPERS_H
#define PL_TEST_HELPERS_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lex/lex.h"
#include "parley.h"

#define TEST_MAX_MSGS 64

/* Every message as "file:line: warning|error: text"; the last also as "file:line: text". */
typedef struct diag_log {
    int warnings, errors, n;
    char msgs[TEST_MAX_MSGS][256];
    char last[512];
    long last_line;
} diag_log;

static inline void record(void *user, parley_severity sev, const char *file, long line,
                          const char *msg)
{
    diag_log *log = user;
    if (sev == PARLEY_ERROR) log->errors++;
    else log->warnings++;
    if (log->n < TEST_MAX_MSGS)
        snprintf(log->msgs[log->n++], sizeof log->msgs[0], "%s:%ld: %s: %s", file, line,
                 sev == PARLEY_ERROR ? "error" : "warning", msg);
    snprintf(log->last, sizeof log->last, "%s:%ld: %s", file ? file : "?", line, msg);
    log->last_line = line;
}

typedef struct fixture {
    pl_dict d;
    pl_buf msg;
    diag_log log;
} fixture;

static inline int dict_setup(void **state)
{
    static fixture f;
    memset(&f, 0, sizeof f);
    if (pl_dict_init(&f.d)) return -1;
    f.d.diag = record;
    f.d.diag_user = &f.log;
    *state = &f;
    return 0;
}

static inline int dict_teardown(void **state)
{
    fixture *f = *state;
    pl_dict_free(&f->d);
    pl_buf_free(&f->msg);
    return 0;
}

/* A context with the dictionaries given as (file name, text) pairs, NULL after the last;
 * NULL when one does not load. */
static inline parley_ctx *ctx_with_dicts(const char *name, ...)
{
    parley_ctx *ctx = parley_ctx_new();
    va_list ap;
    va_start(ap, name);
    for (; ctx && name; name = va_arg(ap, const char *)) {
        const char *text = va_arg(ap, const char *);
        if (parley_ctx_load_dict_text(ctx, name, text, strlen(text)) != PARLEY_OK)
            parley_ctx_free(ctx), ctx = NULL;
    }
    va_end(ap);
    return ctx;
}

/* The context's dictionaries saved in compiled form and loaded into a new context, as a
 * user's `parley dict compile` and `--dict FILE` do; the file is removed. */
static inline parley_ctx *saved_and_loaded(parley_ctx *ctx)
{
    char path[] = "/tmp/parley-test-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(parley_ctx_save_dict(ctx, path), PARLEY_OK);
    parley_ctx *loaded = parley_ctx_new();
    assert_non_null(loaded);
    assert_int_equal(parley_ctx_load_dict(loaded, path), PARLEY_OK);
    unlink(path);
    return loaded;
}

/* Tokenizes `text`, matches it, and writes "start-end:kind ..." of every match to out. */
static inline void match_text(fixture *f, const char *text, char *out, size_t outlen)
{
    pl_tokens toks = {0};
    pl_matches m = {0};
    pl_span span = {0, (uint32_t)strlen(text)};
    assert_int_equal(pl_tokenize(&toks, text, span), 0);
    pl_lex_assign_ids(&f->d, &toks, 0, toks.n);
    assert_int_equal(pl_lex_match(&f->d, &toks, 0, toks.n, &m), 0);
    out[0] = 0;
    for (size_t i = 0; i < m.n; i++) {
        size_t len = strlen(out);
        snprintf(out + len, outlen - len, "%s%u-%u:%d", i ? " " : "", m.v[i].start, m.v[i].end,
                 f->d.phrases[m.v[i].phrase].kind);
    }
    free(m.v);
    pl_tokens_free(&toks);
}

/* The events of `text` dated `date`, coded with `opts` (may be NULL), as "SRC TGT CODE\n"
 * lines (a static buffer); *status (if not NULL) receives the coder's status, which is
 * otherwise asserted to be PARLEY_OK. */
static inline const char *code_events_with(parley_ctx *ctx, const char *date, const char *text,
                                           const parley_code_opts *opts, parley_status *status)
{
    static char out[4096];
    parley_story *story = parley_story_new("t", date, "", text, strlen(text));
    parley_events *ev = NULL;
    assert_non_null(story);
    parley_status rc = parley_code_with(ctx, story, opts, &ev);
    if (status) *status = rc;
    else assert_int_equal(rc, PARLEY_OK);
    out[0] = 0;
    for (size_t i = 0; i < parley_events_count(ev); i++) {
        const parley_event *e = parley_events_get(ev, i);
        size_t len = strlen(out);
        snprintf(out + len, sizeof out - len, "%s %s %s\n", e->source.code, e->target.code,
                 e->code);
    }
    parley_events_free(ev);
    parley_story_free(story);
    return out;
}

/* The events of `text` dated `date`, as "SRC TGT CODE\n" lines (a static buffer). */
static inline const char *code_events(parley_ctx *ctx, const char *date, const char *text)
{
    return code_events_with(ctx, date, text, NULL, NULL);
}

#endif
