/* fuzz_reader.c: libFuzzer target for the readers.
 *
 * Feeds the input to parley_reader_open_mem() once in each format (AUTO, NEWS, JSONL, TEXT),
 * with and without a default date, and reads every story. Besides the sanitizers, it checks
 * what the interface promises of every story a reader returns:
 *   - the text is valid UTF-8 without NUL, text_len bytes long (readers repair input);
 *   - the id, title and URL are valid UTF-8 (they are written into JSON as they are);
 *   - the id is not empty, the date is NULL or "YYYY-MM-DD", the line is 1 or more;
 *   - a reader advances: it returns at most one story or error per input line, plus one;
 *   - after PARLEY_EPARSE the reader has a message to give; PARLEY_END stays the end.
 * Each format is read with no default date, a valid one and an invalid one.
 * A broken promise aborts, so libFuzzer keeps the input as a crash.
 *
 * Built by tests/fuzz/fuzz.mk (`make fuzz`) with clang -fsanitize=fuzzer,address,undefined,
 * compiled together with the library's sources. */
#include "parley.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz_reader: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    abort();
}

static void check_string(const char *what, const char *s)
{
    if (!utf8_valid((const unsigned char *)s, strlen(s))) fail(what, "not valid UTF-8");
}

static int date_shaped(const char *d)
{
    static const char shape[] = "dddd-dd-dd";
    if (strlen(d) != 10) return 0;
    for (int i = 0; i < 10; i++) {
        if (shape[i] == 'd' && (d[i] < '0' || d[i] > '9')) return 0;
        if (shape[i] == '-' && d[i] != '-') return 0;
    }
    return 1;
}

static void check_story(const parley_story *story)
{
    const char *text = parley_story_text(story);
    size_t len = parley_story_text_len(story);
    if (!text) fail("story text is NULL", NULL);
    if (text[len] != 0) fail("story text is not NUL-terminated at text_len", NULL);
    if (!utf8_valid((const unsigned char *)text, len))
        fail("story text is not valid UTF-8 (or holds NUL)", NULL);

    const char *id = parley_story_id(story);
    if (!id || !*id) fail("story id is NULL or empty", NULL);
    check_string("story id", id);

    const char *title = parley_story_title(story);
    if (!title) fail("story title is NULL (\"\" when none)", NULL);
    check_string("story title", title);

    const char *url = parley_story_url(story);
    if (url) check_string("story url", url);

    const char *date = parley_story_date(story);
    if (date && !date_shaped(date)) fail("story date is not YYYY-MM-DD", date);

    if (!parley_story_file(story)) fail("story file is NULL", NULL);
    if (parley_story_line(story) < 1) fail("story line is below 1", NULL);
}

/* Diagnostics must carry a message; nothing else is asked of them. */
static void diag(void *user, parley_severity sev, const char *file, long line,
                 const char *message)
{
    (void)user;
    (void)file;
    if (sev != PARLEY_WARNING && sev != PARLEY_ERROR) fail("diagnostic of unknown severity", NULL);
    if (line < 0) fail("diagnostic with a negative line", NULL);
    if (!message) fail("diagnostic without a message", NULL);
    check_string("diagnostic message", message);
}

static void read_all(const uint8_t *data, size_t size, parley_format format, const char *date)
{
    parley_reader_opts opts = {format, date, diag, NULL};
    parley_reader *reader = NULL;
    parley_status st = parley_reader_open_mem(&reader, "fuzz.txt", (const char *)data, size,
                                              &opts);
    if (st == PARLEY_ENOMEM) return;
    if (st != PARLEY_OK || !reader) fail("parley_reader_open_mem failed", parley_status_str(st));
    parley_format got = parley_reader_format(reader);
    if (got == PARLEY_FORMAT_AUTO || (format != PARLEY_FORMAT_AUTO && got != format))
        fail("parley_reader_format() is not the format read", NULL);

    size_t lines = 1;
    for (size_t i = 0; i < size; i++) lines += data[i] == '\n';
    size_t results = 0;
    for (;;) {
        parley_story *story = NULL;
        st = parley_reader_next(reader, &story);
        if (st == PARLEY_END) {
            if (story) fail("PARLEY_END with a story", NULL);
            /* The end stays the end. */
            if (parley_reader_next(reader, &story) != PARLEY_END) fail("read past the end", NULL);
            break;
        }
        if (++results > lines + 1) fail("the reader does not advance", NULL);
        if (st == PARLEY_OK) {
            if (!story) fail("PARLEY_OK without a story", NULL);
            check_story(story);
            parley_story_free(story);
            continue;
        }
        if (story) fail("a story with an error status", parley_status_str(st));
        if (st == PARLEY_EPARSE) {
            const char *msg = parley_reader_errmsg(reader);
            if (!msg || !*msg) fail("PARLEY_EPARSE without a message", NULL);
            check_string("reader error message", msg);
            continue;
        }
        if (st == PARLEY_ENOMEM) break;
        fail("unexpected status from parley_reader_next", parley_status_str(st));
    }
    parley_reader_free(reader);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const parley_format formats[] = {PARLEY_FORMAT_AUTO, PARLEY_FORMAT_NEWS,
                                            PARLEY_FORMAT_JSONL, PARLEY_FORMAT_TEXT};
    /* No default date, a valid one, and an invalid one (which the readers report). */
    static const char *const dates[] = {NULL, "2021-08-31", "2021-02-30x"};
    for (size_t i = 0; i < sizeof formats / sizeof *formats; i++)
        for (size_t k = 0; k < sizeof dates / sizeof *dates; k++)
            read_all(data, size, formats[i], dates[k]);
    return 0;
}
