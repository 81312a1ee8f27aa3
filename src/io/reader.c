/* reader.c: opening readers, format detection, the line source, and the messages every
 * format shares. The formats themselves are in reader_news.c, reader_jsonl.c and
 * reader_text.c. */
#include "io/reader_int.h"
#include "text/text.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

/* ---- lines ---------------------------------------------------------------------------- */

int pl_lines_next(pl_lines *in)
{
    if (in->pushed) {
        in->pushed = 0;
        return 1;
    }
    const char *s;
    size_t len;
    if (in->fp) {
        errno = 0;
        ssize_t n = getline(&in->buf, &in->cap, in->fp);
        if (n < 0) {
            if (!ferror(in->fp)) return 0;
            if (!errno) errno = EIO;
            return -1;
        }
        s = in->buf;
        len = (size_t)n;
    } else {
        if (in->mem_pos >= in->mem_len) return 0;
        s = in->mem + in->mem_pos;
        const char *nl = memchr(s, '\n', in->mem_len - in->mem_pos);
        len = nl ? (size_t)(nl - s) + 1 : in->mem_len - in->mem_pos;
        in->mem_pos += len;
    }
    in->lineno++;
    if (len && s[len - 1] == '\n') len--;
    if (len && s[len - 1] == '\r') len--;
    /* A byte-order mark is an encoding signature, not text. */
    if (in->lineno == 1 && len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
        s += 3;
        len -= 3;
    }
    in->line = s;
    in->len = len;
    return 1;
}

int pl_blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!pl_is_space(s[i])) return 0;
    return 1;
}

int pl_news_start(const char *s, size_t len, size_t *rest)
{
    size_t i = 0;
    while (i < len && (s[i] == ' ' || s[i] == '\t')) i++;
    if (len - i < 5 || memcmp(s + i, "date ", 5) != 0) return 0;
    *rest = i + 5;
    return 1;
}

static int append_line(pl_buf *b, const pl_lines *in)
{
    if (b->len && pl_buf_putc(b, '\n')) return -1;
    return pl_buf_append(b, in->line, in->len);
}

parley_status pl_read_block(parley_reader *r, int news, long *first_line)
{
    size_t keep = 0, rest;
    int rc;
    pl_buf_clear(&r->raw);
    *first_line = 0;
    while ((rc = pl_lines_next(&r->in)) > 0) {
        if (news && pl_news_start(r->in.line, r->in.len, &rest)) {
            pl_lines_unread(&r->in);
            break;
        }
        int blank = pl_blank(r->in.line, r->in.len);
        if (blank && r->raw.len == 0) continue;
        if (r->raw.len == 0) *first_line = r->in.lineno;
        if (append_line(&r->raw, &r->in)) return pl_reader_enomem(r);
        if (!blank) keep = r->raw.len;
    }
    if (rc < 0) return pl_reader_eio(r);
    r->raw.len = keep;
    if (r->raw.data) r->raw.data[keep] = 0;
    return PARLEY_OK;
}

/* ---- messages ------------------------------------------------------------------------- */

static int buf_vprintf(pl_buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0 || pl_buf_reserve(b, (size_t)n)) return -1;
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    return 0;
}

parley_status pl_reader_report(parley_reader *r, parley_severity sev, long line,
                               parley_status status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pl_buf_clear(&r->tmp);
    pl_buf_clear(&r->msg);
    int rc = buf_vprintf(&r->tmp, fmt, ap);
    va_end(ap);
    /* Messages quote the input, which may be broken UTF-8: repair them too. */
    const char *msg = "out of memory";
    if (!rc && pl_utf8_repair(&r->msg, r->tmp.data, r->tmp.len, NULL) >= 0) msg = r->msg.data;
    if (r->diag) r->diag(r->diag_user, sev, r->file, line, msg);
    if (sev == PARLEY_ERROR) {
        pl_buf_clear(&r->err);
        r->err_oom = (line ? pl_buf_printf(&r->err, "%s:%ld: %s", r->file, line, msg)
                           : pl_buf_printf(&r->err, "%s: %s", r->file, msg)) != 0;
    }
    return status;
}

parley_status pl_reader_eio(parley_reader *r)
{
    r->stop = PARLEY_EIO;
    return pl_reader_report(r, PARLEY_ERROR, 0, PARLEY_EIO, "read error: %s", strerror(errno));
}

parley_status pl_reader_enomem(parley_reader *r)
{
    /* The story being read is half consumed: the reader cannot go on. */
    r->stop = PARLEY_ENOMEM;
    return pl_reader_report(r, PARLEY_ERROR, 0, PARLEY_ENOMEM, "out of memory");
}

int pl_clip(const char *s, size_t len, size_t max)
{
    if (len <= max) return (int)len;
    while (max && ((unsigned char)s[max] & 0xC0) == 0x80) max--;
    return (int)max;
}

long pl_repair_lines(pl_buf *out, const char *raw, size_t len, long first_line,
                     long *bad_line)
{
    size_t first_bad = 0;
    if (!raw) raw = ""; /* an empty pl_buf has no data */
    pl_buf_clear(out);
    long bad = pl_utf8_repair(out, raw, len, &first_bad);
    if (bad > 0 && bad_line) {
        long line = first_line;
        for (const char *p = raw; (p = memchr(p, '\n', (size_t)(raw + first_bad - p))); p++)
            line++;
        *bad_line = line;
    }
    return bad;
}

void pl_warn_utf8(parley_reader *r, long bad, long line)
{
    if (bad > 0)
        pl_reader_report(r, PARLEY_WARNING, line, PARLEY_OK,
                         "invalid UTF-8 replaced by U+FFFD (%ld sequence%s)", bad,
                         bad == 1 ? "" : "s");
}

const char *pl_missing_date(parley_reader *r, long line)
{
    if (r->date) return r->date;
    if (r->bad_date)
        pl_reader_report(r, PARLEY_WARNING, line, PARLEY_OK,
                         "no date (the date option \"%.*s\" is invalid)",
                         pl_clip(r->bad_date, strlen(r->bad_date), 40), r->bad_date);
    else
        pl_reader_report(r, PARLEY_WARNING, line, PARLEY_OK, "no date");
    return NULL;
}

/* ---- opening -------------------------------------------------------------------------- */

/* The story id stem of a path: its base name without the last extension. */
static char *make_stem(const char *name)
{
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    const char *dot = strrchr(base, '.');
    size_t len = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    if (len == 0) {
        base = name;
        len = strlen(name);
    }
    char *s = malloc(len + 1);
    if (s) {
        memcpy(s, base, len);
        s[len] = 0;
    }
    return s;
}

static char *dup_str(const char *s)
{
    size_t len = strlen(s);
    char *d = malloc(len + 1);
    if (d) memcpy(d, s, len + 1);
    return d;
}

/* The reader minus its input. NULL when out of memory. */
static parley_reader *reader_new(const char *file, const char *stem,
                                 const parley_reader_opts *opts)
{
    parley_reader *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->file = dup_str(file);
    r->stem = make_stem(stem);
    int ok = r->file && r->stem;
    if (opts) {
        r->format = opts->format;
        r->diag = opts->diag;
        r->diag_user = opts->diag_user;
        if (opts->date && pl_date_valid(opts->date, strlen(opts->date)))
            ok = ok && (r->date = dup_str(opts->date));
        else if (opts->date)
            ok = ok && (r->bad_date = dup_str(opts->date));
    }
    if (!ok) {
        parley_reader_free(r);
        return NULL;
    }
    return r;
}

static parley_format classify(const char *s, size_t len)
{
    size_t i = 0;
    if (pl_news_start(s, len, &i)) return PARLEY_FORMAT_NEWS;
    while (i < len && pl_is_space(s[i])) i++;
    if (i < len && s[i] == '{') return PARLEY_FORMAT_JSONL;
    return PARLEY_FORMAT_TEXT;
}

/* Resolves PARLEY_FORMAT_AUTO from the first non-blank line, which is read again later.
 * Leading blank lines are dropped: every format ignores them. 0, or -1 on a read error. */
static int detect(parley_reader *r)
{
    if (r->format != PARLEY_FORMAT_AUTO) return 0;
    r->format = PARLEY_FORMAT_TEXT;
    int rc;
    while ((rc = pl_lines_next(&r->in)) > 0) {
        if (pl_blank(r->in.line, r->in.len)) continue;
        r->format = classify(r->in.line, r->in.len);
        pl_lines_unread(&r->in);
        break;
    }
    return rc < 0 ? -1 : 0;
}

static int valid_format(const parley_reader_opts *opts)
{
    return !opts || (unsigned)opts->format <= PARLEY_FORMAT_TEXT;
}

static void set_err(char *err, size_t errlen, const char *a, const char *b)
{
    if (err && errlen) snprintf(err, errlen, "%s%s%s", a, *b ? ": " : "", b);
}

parley_status parley_reader_open(parley_reader **out, const char *path,
                                 const parley_reader_opts *opts, char *err, size_t errlen)
{
    if (out) *out = NULL;
    if (!out || !path || !valid_format(opts)) {
        set_err(err, errlen, "parley_reader_open", "invalid argument");
        return PARLEY_EINVAL;
    }
    int is_stdin = strcmp(path, "-") == 0;
    FILE *fp = is_stdin ? stdin : fopen(path, "r");
    struct stat st;
    if (fp && !is_stdin && fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(fp);
        fp = NULL;
        errno = EISDIR;
    }
    if (!fp) {
        set_err(err, errlen, path, strerror(errno));
        return PARLEY_EIO;
    }
    parley_reader *r = reader_new(is_stdin ? "stdin" : path, is_stdin ? "stdin" : path, opts);
    if (!r) {
        if (!is_stdin) fclose(fp);
        set_err(err, errlen, "out of memory", "");
        return PARLEY_ENOMEM;
    }
    r->in.fp = fp;
    r->in.close_fp = !is_stdin;
    if (detect(r)) {
        set_err(err, errlen, r->file, strerror(errno));
        parley_reader_free(r);
        return PARLEY_EIO;
    }
    *out = r;
    return PARLEY_OK;
}

parley_status parley_reader_open_mem(parley_reader **out, const char *name, const char *data,
                                     size_t len, const parley_reader_opts *opts)
{
    if (out) *out = NULL;
    if (!out || (!data && len) || !valid_format(opts)) return PARLEY_EINVAL;
    if (!name || !*name) name = "memory";
    parley_reader *r = reader_new(name, name, opts);
    if (!r || !(r->in.mem = malloc(len ? len : 1))) {
        parley_reader_free(r);
        return PARLEY_ENOMEM;
    }
    if (len) memcpy(r->in.mem, data, len);
    r->in.mem_len = len;
    detect(r); /* reading memory cannot fail */
    *out = r;
    return PARLEY_OK;
}

/* ---- reading -------------------------------------------------------------------------- */

parley_status parley_reader_next(parley_reader *reader, parley_story **story)
{
    if (story) *story = NULL;
    if (!reader || !story) return PARLEY_EINVAL;
    if (reader->stop != PARLEY_OK) return reader->stop;
    parley_status st;
    switch (reader->format) {
    case PARLEY_FORMAT_NEWS: st = pl_read_news(reader, story); break;
    case PARLEY_FORMAT_JSONL: st = pl_read_jsonl(reader, story); break;
    default: st = pl_read_text(reader, story); break;
    }
    if (st == PARLEY_END) reader->stop = PARLEY_END;
    return st;
}

const char *parley_reader_errmsg(const parley_reader *reader)
{
    if (!reader) return "";
    if (reader->err_oom) return "out of memory";
    return reader->err.data ? reader->err.data : "";
}

parley_format parley_reader_format(const parley_reader *reader)
{
    return reader ? reader->format : PARLEY_FORMAT_AUTO;
}

void parley_reader_free(parley_reader *reader)
{
    if (!reader) return;
    if (reader->in.fp && reader->in.close_fp) fclose(reader->in.fp);
    free(reader->in.mem);
    free(reader->in.buf);
    free(reader->file);
    free(reader->stem);
    free(reader->date);
    free(reader->bad_date);
    pl_buf_free(&reader->raw);
    pl_buf_free(&reader->fixed);
    pl_buf_free(&reader->head);
    pl_buf_free(&reader->tmp);
    pl_buf_free(&reader->msg);
    pl_buf_free(&reader->err);
    free(reader);
}
