/* reader_int.h: the reader's state, shared by reader.c and the per-format files. Internal. */
#ifndef PL_READER_INT_H
#define PL_READER_INT_H

#include <stdio.h>

#include "io/io.h"
#include "util/util.h"

/* Lines from a stream (getline, so a line may be any length) or from a copy of a buffer. */
typedef struct pl_lines {
    FILE *fp;                /* NULL: reading mem */
    int close_fp;            /* 0 for standard input */
    char *mem;               /* owned copy of the caller's buffer */
    size_t mem_len, mem_pos;
    char *buf;               /* getline's buffer */
    size_t cap;
    const char *line;        /* the current line without "\n" or "\r\n" */
    size_t len;
    long lineno;             /* 1-based number of the current line */
    int pushed;              /* the current line is handed out again by the next call */
} pl_lines;

/* 1 with in->line set, 0 at the end of the input, -1 on a read error (errno set). */
int pl_lines_next(pl_lines *in);
/* Hands the current line out again on the next call (one line of push-back). */
static inline void pl_lines_unread(pl_lines *in) { in->pushed = 1; }

struct parley_reader {
    parley_format format;    /* never AUTO once opened */
    pl_lines in;
    char *file;              /* the name in messages and stories ("stdin" for "-") */
    char *stem;              /* story id stem: the base name without its extension */
    char *date;              /* the options' date when valid, else NULL */
    char *bad_date;          /* the options' date when invalid, for messages */
    parley_diag_fn diag;
    void *diag_user;
    unsigned long stories;   /* news stories started, for the ids NAME#2, NAME#3... */
    int started;             /* text: the story was read */
    parley_status stop;      /* PARLEY_OK, or the status every later call returns */
    pl_buf raw;              /* the story as read */
    pl_buf fixed;            /* the story after UTF-8 repair */
    pl_buf head;             /* the repaired date line, or the repaired JSON line */
    pl_buf tmp, msg, err;    /* message formatting; err is parley_reader_errmsg() */
    int err_oom;             /* the last error message could not be stored */
};

/* The per-format readers behind parley_reader_next. Each returns PARLEY_OK with *story set,
 * PARLEY_END, PARLEY_EPARSE (reported), PARLEY_EIO or PARLEY_ENOMEM. */
parley_status pl_read_news(parley_reader *r, parley_story **story);
parley_status pl_read_jsonl(parley_reader *r, parley_story **story);
parley_status pl_read_text(parley_reader *r, parley_story **story);

/* Sends a message to the diagnostic callback; an error also becomes the reader's errmsg as
 * "file:line: message" (line 0: "file: message"). Returns `status` for tail calls. */
parley_status pl_reader_report(parley_reader *r, parley_severity sev, long line,
                               parley_status status, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Records a read error (errno) or an out-of-memory condition and returns its status. */
parley_status pl_reader_eio(parley_reader *r);
parley_status pl_reader_enomem(parley_reader *r);

static inline int pl_is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}
/* 1 if s[0..len) is only ASCII white space. */
int pl_blank(const char *s, size_t len);
/* 1 if s[0..len) starts a news record: spaces or tabs, then "date ". *rest is set past it. */
int pl_news_start(const char *s, size_t len, size_t *rest);
/* Reads lines into r->raw up to the end of the input (or, with `news`, up to the next line
 * that starts a record), without blank lines at either end. *first_line: the line raw starts
 * on (0 if raw is empty). PARLEY_OK, or PARLEY_EIO or PARLEY_ENOMEM (reported). */
parley_status pl_read_block(parley_reader *r, int news, long *first_line);

/* Repairs raw[0..len) into out (cleared first). Returns the number of replaced sequences
 * (-1 when out of memory); *bad_line (if not NULL) gets the line of the first one,
 * counting from first_line at raw[0]. */
long pl_repair_lines(pl_buf *out, const char *raw, size_t len, long first_line,
                     long *bad_line);
/* Warns that `bad` invalid sequences were replaced, the first on `line`. Nothing if 0. */
void pl_warn_utf8(parley_reader *r, long bad, long line);
/* Warns that a story has no date and returns the options' date to use instead (or NULL). */
const char *pl_missing_date(parley_reader *r, long line);
/* At most max bytes of s[0..len), cut at a UTF-8 character boundary: a length for "%.*s". */
int pl_clip(const char *s, size_t len, size_t max);

#endif
