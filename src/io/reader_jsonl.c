/* reader_jsonl.c: JSON Lines, one story object {"id","date","title","text","url"} a line. */
#include "io/reader_int.h"
#include "text/text.h"

#include <jansson.h>
#include <string.h>

enum { F_ID, F_DATE, F_TITLE, F_TEXT, F_URL, NFIELDS };
static const char *const field_names[NFIELDS] = {"id", "date", "title", "text", "url"};

/* Fills f with the story's members (NULL when absent or null). A malformed story is
 * reported: PARLEY_EPARSE. */
static parley_status get_fields(parley_reader *r, json_t *obj, long line, json_t *f[NFIELDS])
{
    if (!json_is_object(obj))
        return pl_reader_report(r, PARLEY_ERROR, line, PARLEY_EPARSE, "not a JSON object");
    for (int i = 0; i < NFIELDS; i++) {
        f[i] = json_object_get(obj, field_names[i]);
        if (json_is_null(f[i])) f[i] = NULL;
        if (f[i] && !json_is_string(f[i]))
            return pl_reader_report(r, PARLEY_ERROR, line, PARLEY_EPARSE,
                                    "\"%s\" is not a string", field_names[i]);
    }
    if (!f[F_ID] || !f[F_TEXT])
        return pl_reader_report(r, PARLEY_ERROR, line, PARLEY_EPARSE, "missing \"%s\"",
                                f[F_ID] ? "text" : "id");
    if (json_string_length(f[F_ID]) == 0)
        return pl_reader_report(r, PARLEY_ERROR, line, PARLEY_EPARSE, "\"id\" is empty");
    return PARLEY_OK;
}

/* A member's value as a C string. The line was repaired before parsing, so only a "\u0000"
 * escape can still break it: then the repaired copy goes to buf. NULL when out of memory. */
static const char *clean(json_t *v, pl_buf *buf, size_t *len, long *bad)
{
    const char *s = json_string_value(v);
    *len = json_string_length(v);
    if (!memchr(s, 0, *len)) return s;
    long n = pl_utf8_repair(buf, s, *len, NULL);
    if (n < 0) return NULL;
    *bad += n;
    *len = buf->len;
    return buf->data;
}

/* The story date of a "date" member: "YYYY-MM-DD", or an ISO-8601 timestamp whose date part
 * is kept as written. Missing or invalid dates are reported. */
static const char *story_date(parley_reader *r, json_t *v, long line, char out[11])
{
    const char *s = v ? json_string_value(v) : "";
    size_t len = v ? json_string_length(v) : 0;
    if (len == 0) return pl_missing_date(r, line);
    if (len >= 10 && pl_date_valid(s, 10) &&
        (len == 10 || ((s[10] == 'T' || s[10] == 't' || s[10] == ' ') && len > 11 &&
                       s[11] >= '0' && s[11] <= '9'))) {
        memcpy(out, s, 10);
        out[10] = 0;
        return out;
    }
    pl_reader_report(r, PARLEY_WARNING, line, PARLEY_OK, "invalid date \"%.*s\"",
                     pl_clip(s, len, 40), s);
    return r->date;
}

/* Builds the story of a parsed line; `bad` sequences were already replaced in the line. */
static parley_status make_story(parley_reader *r, json_t *obj, long line, long bad,
                                parley_story **story)
{
    json_t *f[NFIELDS];
    parley_status st = get_fields(r, obj, line, f);
    if (st != PARLEY_OK) return st;
    pl_buf nul[NFIELDS] = {{0}};
    const char *val[NFIELDS] = {0};
    size_t len[NFIELDS] = {0};
    for (int i = 0; i < NFIELDS; i++)
        if (i != F_DATE && f[i] && !(val[i] = clean(f[i], &nul[i], &len[i], &bad))) {
            st = PARLEY_ENOMEM;
            break;
        }
    if (st == PARLEY_OK) {
        pl_warn_utf8(r, bad, line);
        char date_buf[11];
        const char *date = story_date(r, f[F_DATE], line, date_buf);
        const char *url = val[F_URL] && *val[F_URL] ? val[F_URL] : NULL;
        *story = pl_story_new_at(val[F_ID], date, val[F_TITLE], val[F_TEXT], len[F_TEXT], url,
                                 r->file, line);
        if (!*story) st = PARLEY_ENOMEM;
    }
    for (int i = 0; i < NFIELDS; i++) pl_buf_free(&nul[i]);
    return st == PARLEY_ENOMEM ? pl_reader_enomem(r) : st;
}

parley_status pl_read_jsonl(parley_reader *r, parley_story **story)
{
    int rc;
    while ((rc = pl_lines_next(&r->in)) > 0 && pl_blank(r->in.line, r->in.len)) continue;
    if (rc < 0) return pl_reader_eio(r);
    if (rc == 0) return PARLEY_END;
    long line = r->in.lineno;
    /* Repair first: jansson rejects a whole line for one bad byte in a string. */
    long bad = pl_repair_lines(&r->head, r->in.line, r->in.len, line, NULL);
    if (bad < 0) return pl_reader_enomem(r);
    json_error_t e;
    json_t *obj = json_loadb(r->head.data, r->head.len, JSON_ALLOW_NUL | JSON_REJECT_DUPLICATES,
                             &e);
    if (!obj) {
        if (json_error_code(&e) == json_error_out_of_memory) return pl_reader_enomem(r);
        return pl_reader_report(r, PARLEY_ERROR, line, PARLEY_EPARSE,
                                "invalid JSON: %s (column %d)", e.text, e.column);
    }
    parley_status st = make_story(r, obj, line, bad, story);
    json_decref(obj);
    return st;
}
