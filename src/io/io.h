/* io.h: stories and the helpers other stages share with the readers. Internal to libparley.
 * The reader's own state lives in reader_int.h. */
#ifndef PL_IO_H
#define PL_IO_H

#include <stddef.h>

#include "parley.h"

/* One allocation holds the struct and every string, so a story is freed in one call and its
 * strings sit next to each other. Every string is NUL-terminated; text holds no NUL byte when
 * it came through a reader (pl_utf8_repair replaces them). */
struct parley_story {
    const char *id;
    const char *date;        /* "YYYY-MM-DD" or NULL */
    const char *title;       /* "" if none */
    const char *text;
    size_t text_len;
    const char *url;         /* NULL if none */
    const char *file;        /* NULL when the story was not read from a file */
    long line;               /* 1-based; 0 when unknown */
    char data[];
};

/* parley_story_new with the origin of the story. Copies every argument; NULL id, title or
 * text count as "", and len bytes of text are copied (text may hold NUL bytes; the copy is
 * NUL-terminated after them). NULL when out of memory. */
parley_story *pl_story_new_at(const char *id, const char *date, const char *title,
                              const char *text, size_t len, const char *url, const char *file,
                              long line);

/* 1 if s[0..len) is exactly a real calendar date "YYYY-MM-DD" (year 0001-9999, month 1-12,
 * day within the month, leap years counted), else 0. */
int pl_date_valid(const char *s, size_t len);

#endif
