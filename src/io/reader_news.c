/* reader_news.c: news records. Each story is a line "date YYYY-MM-DD title" (leading spaces
 * allowed) followed by its body, up to the next such line. */
#include "io/reader_int.h"

#include <string.h>

/* Text before the first record belongs to no story: skip it up to the next date line and
 * report it, so that nothing is dropped silently. The current line is its first. */
static parley_status skip_preamble(parley_reader *r)
{
    long first = r->in.lineno, last = first;
    size_t rest;
    int rc;
    while ((rc = pl_lines_next(&r->in)) > 0) {
        if (pl_news_start(r->in.line, r->in.len, &rest)) {
            pl_lines_unread(&r->in);
            break;
        }
        if (!pl_blank(r->in.line, r->in.len)) last = r->in.lineno;
    }
    if (rc < 0) return pl_reader_eio(r);
    if (first == last)
        return pl_reader_report(r, PARLEY_ERROR, first, PARLEY_EPARSE,
                                "text before the first \"date\" line: line %ld skipped", first);
    return pl_reader_report(r, PARLEY_ERROR, first, PARLEY_EPARSE,
                            "text before the first \"date\" line: lines %ld-%ld skipped", first,
                            last);
}

typedef struct news_head {
    char date_buf[11];
    const char *date;        /* date_buf, the options' date, or NULL */
    const char *title;       /* in r->head */
    long bad;                /* invalid UTF-8 sequences replaced on the date line */
} news_head;

/* Parses the current line (a date line; `rest` is past "date "): the first word is the date,
 * the rest the title. A missing or invalid date is reported and left unknown (or taken from
 * the options). 0, or -1 when out of memory. */
static int parse_head(parley_reader *r, size_t rest, news_head *h)
{
    long line = r->in.lineno;
    h->bad = pl_repair_lines(&r->head, r->in.line + rest, r->in.len - rest, line, NULL);
    if (h->bad < 0) return -1;
    char *s = r->head.data, *end = s + r->head.len;
    while (s < end && pl_is_space(*s)) s++;
    const char *word = s;
    while (s < end && !pl_is_space(*s)) s++;
    size_t word_len = (size_t)(s - word);
    while (s < end && pl_is_space(*s)) s++;
    while (end > s && pl_is_space(end[-1])) end--;
    *end = 0;
    h->title = s;
    if (pl_date_valid(word, word_len)) {
        memcpy(h->date_buf, word, 10);
        h->date_buf[10] = 0;
        h->date = h->date_buf;
    } else if (word_len == 0) {
        h->date = pl_missing_date(r, line);
    } else {
        pl_reader_report(r, PARLEY_WARNING, line, PARLEY_OK, "invalid date \"%.*s\"",
                         pl_clip(word, word_len, 40), word);
        h->date = r->date;
    }
    return 0;
}

/* "NAME" for the first story of the input, "NAME#n" for the n-th. */
static int make_id(pl_buf *id, const char *stem, unsigned long n)
{
    return n == 1 ? pl_buf_append(id, stem, strlen(stem)) : pl_buf_printf(id, "%s#%lu", stem, n);
}

parley_status pl_read_news(parley_reader *r, parley_story **story)
{
    size_t rest = 0;
    int rc;
    while ((rc = pl_lines_next(&r->in)) > 0 && !pl_news_start(r->in.line, r->in.len, &rest)) {
        /* Only text before the first record can land here: a body runs to the next
         * date line. */
        if (!pl_blank(r->in.line, r->in.len)) return skip_preamble(r);
    }
    if (rc < 0) return pl_reader_eio(r);
    if (rc == 0) return PARLEY_END;

    long line = r->in.lineno, body_line, body_bad = 0;
    news_head h;
    if (parse_head(r, rest, &h)) return pl_reader_enomem(r);
    parley_status st = pl_read_block(r, 1, &body_line);
    if (st != PARLEY_OK) return st;
    long bad = pl_repair_lines(&r->fixed, r->raw.data, r->raw.len, body_line, &body_bad);
    if (bad < 0) return pl_reader_enomem(r);
    pl_warn_utf8(r, h.bad + bad, h.bad ? line : body_bad);

    pl_buf id = {0};
    r->stories++;
    if (make_id(&id, r->stem, r->stories) == 0)
        *story = pl_story_new_at(id.data, h.date, h.title, r->fixed.data, r->fixed.len, NULL,
                                 r->file, line);
    pl_buf_free(&id);
    return *story ? PARLEY_OK : pl_reader_enomem(r);
}
