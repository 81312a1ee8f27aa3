/* test_reader.c: stories and the three story readers (news records, JSON Lines, plain text),
 * from memory, files and standard input, with every message they send asserted. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "parley.h"
#include "io/io.h"
#include "text/text.h"

#define FFFD "\xEF\xBF\xBD"

/* ---- recorded diagnostics -------------------------------------------------------------- */

enum { MAX_DIAG = 64 };

typedef struct diag_msg {
    parley_severity sev;
    char *file;
    long line;
    char *text;
} diag_msg;

static diag_msg g_diag[MAX_DIAG];
static int g_ndiag;

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

static void record(void *user, parley_severity sev, const char *file, long line,
                   const char *message)
{
    (void)user;
    if (g_ndiag < MAX_DIAG) {
        g_diag[g_ndiag].sev = sev;
        g_diag[g_ndiag].file = dup_or_null(file);
        g_diag[g_ndiag].line = line;
        g_diag[g_ndiag].text = dup_or_null(message);
    }
    g_ndiag++;
}

static void clear_diag(void)
{
    for (int i = 0; i < g_ndiag && i < MAX_DIAG; i++) {
        free(g_diag[i].file);
        free(g_diag[i].text);
    }
    g_ndiag = 0;
}

static int setup(void **state)
{
    (void)state;
    g_ndiag = 0;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    clear_diag();
    return 0;
}

static void expect_diag(int i, parley_severity sev, const char *file, long line,
                        const char *text)
{
    assert_true(i < g_ndiag);
    assert_int_equal(g_diag[i].sev, sev);
    assert_string_equal(g_diag[i].file, file);
    assert_int_equal(g_diag[i].line, line);
    assert_string_equal(g_diag[i].text, text);
}

/* ---- temporary files ------------------------------------------------------------------- */

static char g_dir[512];
static char *g_files[32];
static int g_nfiles;

static int group_setup(void **state)
{
    (void)state;
    const char *tmp = getenv("TMPDIR");
    snprintf(g_dir, sizeof g_dir, "%s/parley_test_reader_XXXXXX", tmp && *tmp ? tmp : "/tmp");
    return mkdtemp(g_dir) ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    for (int i = 0; i < g_nfiles; i++) {
        unlink(g_files[i]);
        free(g_files[i]);
    }
    return rmdir(g_dir);
}

/* Writes data to g_dir/name and returns the path (freed by group_teardown). */
static const char *write_file(const char *name, const char *data, size_t len)
{
    assert_true(g_nfiles < 32);
    size_t n = strlen(g_dir) + strlen(name) + 2;
    char *path = malloc(n);
    assert_non_null(path);
    snprintf(path, n, "%s/%s", g_dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
    g_files[g_nfiles++] = path;
    return path;
}

/* ---- reader helpers -------------------------------------------------------------------- */

static parley_reader *open_mem(const char *name, const char *data, size_t len,
                               parley_format fmt, const char *date)
{
    parley_reader_opts o = {fmt, date, record, NULL};
    parley_reader *r = NULL;
    assert_int_equal(parley_reader_open_mem(&r, name, data, len, &o), PARLEY_OK);
    assert_non_null(r);
    return r;
}

static parley_reader *open_str(const char *name, const char *s, parley_format fmt)
{
    return open_mem(name, s, strlen(s), fmt, NULL);
}

static parley_reader *open_path(const char *path, parley_format fmt)
{
    parley_reader_opts o = {fmt, NULL, record, NULL};
    parley_reader *r = NULL;
    char err[256] = "unset";
    assert_int_equal(parley_reader_open(&r, path, &o, err, sizeof err), PARLEY_OK);
    assert_non_null(r);
    return r;
}

static void check_date(const parley_story *s, const char *date)
{
    if (date)
        assert_string_equal(parley_story_date(s), date);
    else
        assert_null(parley_story_date(s));
}

/* Reads the next story and checks it. */
static void expect_story(parley_reader *r, const char *id, const char *date, const char *title,
                         const char *text, long line)
{
    parley_story *s = NULL;
    assert_int_equal(parley_reader_next(r, &s), PARLEY_OK);
    assert_non_null(s);
    assert_string_equal(parley_story_id(s), id);
    check_date(s, date);
    assert_string_equal(parley_story_title(s), title);
    assert_string_equal(parley_story_text(s), text);
    assert_int_equal(parley_story_text_len(s), strlen(text));
    assert_int_equal(parley_story_line(s), line);
    parley_story_free(s);
}

static void expect_status(parley_reader *r, parley_status want)
{
    parley_story *s = (parley_story *)&s; /* must be reset to NULL */
    assert_int_equal(parley_reader_next(r, &s), want);
    assert_null(s);
}

static void expect_end(parley_reader *r)
{
    expect_status(r, PARLEY_END);
    expect_status(r, PARLEY_END); /* and it stays at the end */
}

/* ---- stories --------------------------------------------------------------------------- */

static void test_story_new(void **state)
{
    (void)state;
    parley_story *s = parley_story_new("s1", "2021-09-06", NULL, "abcdef", 3);
    assert_non_null(s);
    assert_string_equal(parley_story_id(s), "s1");
    assert_string_equal(parley_story_date(s), "2021-09-06");
    assert_string_equal(parley_story_title(s), "");
    assert_string_equal(parley_story_text(s), "abc");
    assert_int_equal(parley_story_text_len(s), 3);
    assert_null(parley_story_url(s));
    assert_null(parley_story_file(s));
    assert_int_equal(parley_story_line(s), 0);
    parley_story_free(s);

    char text[] = "Kerry met Suga.";
    s = pl_story_new_at("s2", NULL, "Title", text, strlen(text), "http://x.test/a", "f.txt", 7);
    text[0] = 'X'; /* the story holds its own copy */
    assert_null(parley_story_date(s));
    assert_string_equal(parley_story_title(s), "Title");
    assert_string_equal(parley_story_text(s), "Kerry met Suga.");
    assert_string_equal(parley_story_url(s), "http://x.test/a");
    assert_string_equal(parley_story_file(s), "f.txt");
    assert_int_equal(parley_story_line(s), 7);
    parley_story_free(s);

    s = parley_story_new(NULL, NULL, NULL, NULL, 0);
    assert_string_equal(parley_story_id(s), "");
    assert_string_equal(parley_story_text(s), "");
    parley_story_free(s);
    parley_story_free(NULL);
}

static void test_date_valid(void **state)
{
    (void)state;
    static const char *const good[] = {"2021-09-06", "2020-02-29", "2000-02-29", "1999-12-31",
                                       "0001-01-01", "2021-04-30"};
    static const char *const bad[] = {"2021-13-45", "2021-02-29", "1900-02-29", "2021-04-31",
                                      "2021-00-10", "2021-01-00", "0000-01-01", "2021-9-06",
                                      "2021/09/06", "20210906xx", "2021-09-06T", "soon", ""};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++)
        assert_true(pl_date_valid(good[i], strlen(good[i])));
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_false(pl_date_valid(bad[i], strlen(bad[i])));
    assert_false(pl_date_valid("2021-09-06", 9));
}

/* ---- news records ---------------------------------------------------------------------- */

static const char news3[] = "date 2021-09-06 First title\n"
                            "\n"
                            "Body one.\n"
                            "\n"
                            "Line two.\n"
                            "\n"
                            "  date 2021-09-07 Second  \n"
                            "Body two\n"
                            "date 2021-09-08\n"
                            "Body three\n"
                            "\n"
                            "\n";

static void test_news_mem_ids(void **state)
{
    (void)state;
    parley_reader *r = open_str("dir/feed.txt", news3, PARLEY_FORMAT_AUTO);
    assert_int_equal(parley_reader_format(r), PARLEY_FORMAT_NEWS);
    assert_string_equal(parley_reader_errmsg(r), "");
    parley_story *s = NULL;
    assert_int_equal(parley_reader_next(r, &s), PARLEY_OK);
    assert_string_equal(parley_story_id(s), "feed");
    assert_string_equal(parley_story_file(s), "dir/feed.txt");
    check_date(s, "2021-09-06");
    assert_string_equal(parley_story_title(s), "First title");
    assert_int_equal(parley_story_line(s), 1);
    assert_string_equal(parley_story_text(s), "Body one.\n\nLine two.");
    assert_null(parley_story_url(s));
    parley_story_free(s);
    expect_story(r, "feed#2", "2021-09-07", "Second", "Body two", 7);
    expect_story(r, "feed#3", "2021-09-08", "", "Body three", 9);
    expect_end(r);
    assert_int_equal(g_ndiag, 0);
    parley_reader_free(r);
}

static void test_news_file_crlf(void **state)
{
    (void)state;
    static const char data[] = "date 2021-01-01 One\r\nFirst body\r\n\r\n"
                               "date 2021-01-02 Two\r\nSecond\r\nbody\r\n";
    const char *path = write_file("story.txt", data, sizeof data - 1);
    parley_reader *r = open_path(path, PARLEY_FORMAT_AUTO);
    assert_int_equal(parley_reader_format(r), PARLEY_FORMAT_NEWS);
    parley_story *s = NULL;
    assert_int_equal(parley_reader_next(r, &s), PARLEY_OK);
    assert_string_equal(parley_story_id(s), "story");
    assert_string_equal(parley_story_file(s), path);
    assert_string_equal(parley_story_title(s), "One");
    assert_string_equal(parley_story_text(s), "First body");
    parley_story_free(s);
    expect_story(r, "story#2", "2021-01-02", "Two", "Second\nbody", 4);
    expect_end(r);
    assert_int_equal(g_ndiag, 0);
    parley_reader_free(r);
}

static void test_news_leading_spaces(void **state)
{
    (void)state;
    parley_reader *r = open_str("lead.txt", "\n  \n   \tdate 2021-09-06   Title here \n\nBody\n",
                                PARLEY_FORMAT_AUTO);
    assert_int_equal(parley_reader_format(r), PARLEY_FORMAT_NEWS);
    expect_story(r, "lead", "2021-09-06", "Title here", "Body", 3);
    expect_end(r);
    assert_int_equal(g_ndiag, 0);
    parley_reader_free(r);
}

static void test_news_invalid_dates(void **state)
{
    (void)state;
    parley_reader *r = open_str("in.txt",
                                "date 2021-13-45 Bad month\n"
                                "body a\n"
                                "date soon Title here\n"
                                "body b\n"
                                "date 2020-02-29 Leap\n"
                                "body c\n"
                                "date 2021-02-29 Not leap\n"
                                "body d\n"
                                "date \n"
                                "body e\n",
                                PARLEY_FORMAT_AUTO);
    expect_story(r, "in", NULL, "Bad month", "body a", 1);
    expect_diag(0, PARLEY_WARNING, "in.txt", 1, "invalid date \"2021-13-45\"");
    expect_story(r, "in#2", NULL, "Title here", "body b", 3);
    expect_diag(1, PARLEY_WARNING, "in.txt", 3, "invalid date \"soon\"");
    expect_story(r, "in#3", "2020-02-29", "Leap", "body c", 5);
    expect_story(r, "in#4", NULL, "Not leap", "body d", 7);
    expect_diag(2, PARLEY_WARNING, "in.txt", 7, "invalid date \"2021-02-29\"");
    expect_story(r, "in#5", NULL, "", "body e", 9);
    expect_diag(3, PARLEY_WARNING, "in.txt", 9, "no date");
    expect_end(r);
    assert_int_equal(g_ndiag, 4);
    /* Warnings are not errors. */
    assert_string_equal(parley_reader_errmsg(r), "");
    parley_reader_free(r);
}

static void test_news_fallback_date(void **state)
{
    (void)state;
    static const char data[] = "date 2021-13-01 A\nx\ndate \ny\ndate 2021-01-05 C\nz\n";
    parley_reader *r = open_mem("fb.txt", data, sizeof data - 1, PARLEY_FORMAT_NEWS,
                                "2022-05-01");
    expect_story(r, "fb", "2022-05-01", "A", "x", 1);
    expect_story(r, "fb#2", "2022-05-01", "", "y", 3);
    expect_story(r, "fb#3", "2021-01-05", "C", "z", 5);
    expect_end(r);
    assert_int_equal(g_ndiag, 1);
    expect_diag(0, PARLEY_WARNING, "fb.txt", 1, "invalid date \"2021-13-01\"");
    parley_reader_free(r);
}

static void test_news_preamble(void **state)
{
    (void)state;
    parley_reader *r = open_str("pre.txt",
                                "Preamble text\n\nmore text\ndate 2021-01-01 T\nB\n",
                                PARLEY_FORMAT_NEWS);
    expect_status(r, PARLEY_EPARSE);
    assert_string_equal(parley_reader_errmsg(r),
                        "pre.txt:1: text before the first \"date\" line: lines 1-3 skipped");
    expect_diag(0, PARLEY_ERROR, "pre.txt", 1,
                "text before the first \"date\" line: lines 1-3 skipped");
    /* The first story keeps the plain name: the skipped text was no story. */
    expect_story(r, "pre", "2021-01-01", "T", "B", 4);
    expect_end(r);
    assert_int_equal(g_ndiag, 1);
    parley_reader_free(r);

    r = open_str("one.txt", "\n stray\n", PARLEY_FORMAT_NEWS);
    expect_status(r, PARLEY_EPARSE);
    assert_string_equal(parley_reader_errmsg(r),
                        "one.txt:2: text before the first \"date\" line: line 2 skipped");
    expect_end(r);
    parley_reader_free(r);
}

static void test_news_bad_utf8(void **state)
{
    (void)state;
    parley_reader *r = open_str("u.txt",
                                "date 2021-01-01 Title\n"
                                "\n"
                                "Good line.\n"
                                "Bad \xff here and \xe2\x82 there.\n"
                                "Also \xc0\xaf.\n"
                                "date 2021-01-02 T\xff" "itle\n"
                                "ok \xfe\n",
                                PARLEY_FORMAT_AUTO);
    expect_story(r, "u", "2021-01-01", "Title",
                 "Good line.\nBad " FFFD " here and " FFFD " there.\nAlso " FFFD ".", 1);
    expect_diag(0, PARLEY_WARNING, "u.txt", 4, "invalid UTF-8 replaced by U+FFFD (3 sequences)");
    /* A bad byte on the date line is reported on that line, with the body's. */
    expect_story(r, "u#2", "2021-01-02", "T" FFFD "itle", "ok " FFFD, 6);
    expect_diag(1, PARLEY_WARNING, "u.txt", 6, "invalid UTF-8 replaced by U+FFFD (2 sequences)");
    expect_end(r);
    assert_int_equal(g_ndiag, 2);
    parley_reader_free(r);
}

static void test_news_bad_utf8_file(void **state)
{
    (void)state;
    static const char data[] = "date 2021-03-03 Head\nfirst\n\nsecond \x80\n";
    const char *path = write_file("bad.news", data, sizeof data - 1);
    parley_reader *r = open_path(path, PARLEY_FORMAT_AUTO);
    expect_story(r, "bad", "2021-03-03", "Head", "first\n\nsecond " FFFD, 1);
    expect_diag(0, PARLEY_WARNING, path, 4, "invalid UTF-8 replaced by U+FFFD (1 sequence)");
    expect_end(r);
    parley_reader_free(r);
}

/* ---- JSON Lines ------------------------------------------------------------------------ */

static void test_jsonl_mem(void **state)
{
    (void)state;
    parley_reader *r = open_str(
        "feed.jsonl",
        "{\"id\":\"a1\",\"date\":\"2021-09-06\",\"title\":\"T1\",\"text\":\"Text one.\","
        "\"url\":\"http://x.test/1\"}\n"
        "\n"
        "{\"id\":\"a2\",\"date\":\"2021-09-06T12:00:00Z\",\"text\":\"Two\"}\n"
        "{\"id\":\"a3\",\"date\":\"\",\"text\":\"Three\",\"title\":null,\"url\":null}\n"
        "{\"id\":\"a4\",\"text\":\"Four\"}\n"
        "{\"id\":\"a5\",\"date\":null,\"text\":\"Five\",\"extra\":[1,{\"a\":2}]}\n"
        "{\"id\":\"a6\",\"date\":\"2021-02-30\",\"text\":\"Six\"}\n"
        "  {\"id\":\"a7\",\"date\":\"2021-09-07 08:00\",\"text\":\"Seven\\nlines \\u00e9\"}  \n",
        PARLEY_FORMAT_AUTO);
    assert_int_equal(parley_reader_format(r), PARLEY_FORMAT_JSONL);
    parley_story *s = NULL;
    assert_int_equal(parley_reader_next(r, &s), PARLEY_OK);
    assert_string_equal(parley_story_id(s), "a1");
    assert_string_equal(parley_story_url(s), "http://x.test/1");
    assert_string_equal(parley_story_file(s), "feed.jsonl");
    assert_string_equal(parley_story_title(s), "T1");
    parley_story_free(s);
    expect_story(r, "a2", "2021-09-06", "", "Two", 3);
    expect_story(r, "a3", NULL, "", "Three", 4);
    expect_story(r, "a4", NULL, "", "Four", 5);
    expect_story(r, "a5", NULL, "", "Five", 6);
    expect_story(r, "a6", NULL, "", "Six", 7);
    expect_story(r, "a7", "2021-09-07", "", "Seven\nlines \xc3\xa9", 8);
    expect_end(r);
    assert_int_equal(g_ndiag, 4);
    expect_diag(0, PARLEY_WARNING, "feed.jsonl", 4, "no date");
    expect_diag(1, PARLEY_WARNING, "feed.jsonl", 5, "no date");
    expect_diag(2, PARLEY_WARNING, "feed.jsonl", 6, "no date");
    expect_diag(3, PARLEY_WARNING, "feed.jsonl", 7, "invalid date \"2021-02-30\"");
    parley_reader_free(r);
}

static void test_jsonl_fallback_date(void **state)
{
    (void)state;
    static const char data[] = "{\"id\":\"x\",\"text\":\"t\"}\n";
    parley_reader *r = open_mem("f.jsonl", data, sizeof data - 1, PARLEY_FORMAT_JSONL,
                                "2020-01-31");
    expect_story(r, "x", "2020-01-31", "", "t", 1);
    expect_end(r);
    assert_int_equal(g_ndiag, 0);
    parley_reader_free(r);
}

/* Reads one malformed line: PARLEY_EPARSE, the error message, the same through diag. */
static void expect_bad_line(parley_reader *r, long line, const char *msg, int prefix_only)
{
    char want[256];
    snprintf(want, sizeof want, "bad.jsonl:%ld: %s", line, msg);
    int before = g_ndiag;
    expect_status(r, PARLEY_EPARSE);
    const char *got = parley_reader_errmsg(r);
    if (prefix_only)
        assert_memory_equal(got, want, strlen(want));
    else
        assert_string_equal(got, want);
    assert_int_equal(g_ndiag, before + 1);
    assert_int_equal(g_diag[before].sev, PARLEY_ERROR);
    assert_int_equal(g_diag[before].line, line);
    assert_string_equal(g_diag[before].file, "bad.jsonl");
    assert_string_equal(g_diag[before].text, got + strlen(want) - strlen(msg));
}

static void test_jsonl_malformed(void **state)
{
    (void)state;
    parley_reader *r = open_str("bad.jsonl",
                                "{\"id\":\"ok1\",\"text\":\"first\"}\n"
                                "{\"id\":\"bad1\",\"text\":\"unterminated\n"
                                "{\"id\":\"ok2\",\"text\":\"second\"}\n"
                                "[1,2,3]\n"
                                "{\"id\":1,\"text\":\"x\"}\n"
                                "{\"text\":\"no id\"}\n"
                                "{\"id\":\"no text\"}\n"
                                "{\"id\":\"t\",\"text\":\"x\",\"title\":5}\n"
                                "{\"id\":\"\",\"text\":\"x\"}\n"
                                "{\"id\":\"d\",\"text\":\"x\"} trailing\n"
                                "{\"id\":\"d\",\"id\":\"e\",\"text\":\"x\"}\n"
                                "{\"id\":\"u\",\"text\":\"x\",\"url\":7}\n"
                                "{\"id\":\"v\",\"text\":\"x\",\"date\":20210101}\n"
                                "{\"id\":\"w\",\"text\":[\"x\"]}\n"
                                "42\n"
                                "{\"id\":\"last\",\"text\":\"end\"}",
                                PARLEY_FORMAT_AUTO);
    assert_int_equal(parley_reader_format(r), PARLEY_FORMAT_JSONL);
    expect_story(r, "ok1", NULL, "", "first", 1);
    expect_bad_line(r, 2, "invalid JSON: ", 1);
    expect_story(r, "ok2", NULL, "", "second", 3);
    expect_bad_line(r, 4, "not a JSON object", 0);
    expect_bad_line(r, 5, "\"id\" is not a string", 0);
    expect_bad_line(r, 6, "missing \"id\"", 0);
    expect_bad_line(r, 7, "missing \"text\"", 0);
    expect_bad_line(r, 8, "\"title\" is not a string", 0);
    expect_bad_line(r, 9, "\"id\" is empty", 0);
    expect_bad_line(r, 10, "invalid JSON: end of file expected", 1);
    expect_bad_line(r, 11, "invalid JSON: duplicate object key", 1);
    expect_bad_line(r, 12, "\"url\" is not a string", 0);
    expect_bad_line(r, 13, "\"date\" is not a string", 0);
    expect_bad_line(r, 14, "\"text\" is not a string", 0);
    expect_bad_line(r, 15, "invalid JSON: ", 1);
    expect_story(r, "last", NULL, "", "end", 16);
    expect_end(r);
    parley_reader_free(r);
}

static void test_jsonl_file(void **state)
{
    (void)state;
    static const char data[] = "{\"id\":\"f1\",\"date\":\"2019-09-24\",\"text\":\"One\"}\n"
                               "{oops}\n"
                               "{\"id\":\"f2\",\"date\":\"2019-09-25T00:00:00+05:30\","
                               "\"text\":\"Two\"}\n";
    const char *path = write_file("feed.jsonl", data, sizeof data - 1);
    parley_reader *r = open_path(path, PARLEY_FORMAT_AUTO);
    assert_int_equal(parley_reader_format(r), PARLEY_FORMAT_JSONL);
    parley_story *s = NULL;
    assert_int_equal(parley_reader_next(r, &s), PARLEY_OK);
    assert_string_equal(parley_story_id(s), "f1");
    assert_string_equal(parley_story_file(s), path);
    assert_int_equal(parley_story_line(s), 1);
    parley_story_free(s);
    expect_status(r, PARLEY_EPARSE);
    char want[1024];
    snprintf(want, sizeof want, "%s:2: invalid JSON: ", path);
    assert_memory_equal(parley_reader_errmsg(r), want, strlen(want));
    expect_story(r, "f2", "2019-09-25", "", "Two", 3);
    expect_end(r);
    parley_reader_free(r);
}

static void test_jsonl_bad_utf8(void **state)
{
    (void)state;
    static const char data[] = "{\"id\":\"ok\",\"text\":\"fine\"}\n"
                               "{\"id\":\"b\",\"title\":\"t\\u0000\",\"text\":\"x\xffy\xc3\"}\n"
                               "{\"id\":\"n\",\"text\":\"a\\u0000b\"}\n"
                               "{\"id\":\"raw\",\"text\":\"p\0q\"}\n";
    parley_reader *r = open_mem("u.jsonl", data, sizeof data - 1, PARLEY_FORMAT_AUTO,
                                "2021-01-01");
    expect_story(r, "ok", "2021-01-01", "", "fine", 1);
    expect_story(r, "b", "2021-01-01", "t" FFFD, "x" FFFD "y" FFFD, 2);
    expect_diag(0, PARLEY_WARNING, "u.jsonl", 2, "invalid UTF-8 replaced by U+FFFD (3 sequences)");
    expect_story(r, "n", "2021-01-01", "", "a" FFFD "b", 3);
    expect_diag(1, PARLEY_WARNING, "u.jsonl", 3, "invalid UTF-8 replaced by U+FFFD (1 sequence)");
    expect_story(r, "raw", "2021-01-01", "", "p" FFFD "q", 4);
    expect_diag(2, PARLEY_WARNING, "u.jsonl", 4, "invalid UTF-8 replaced by U+FFFD (1 sequence)");
    expect_end(r);
    assert_int_equal(g_ndiag, 3);
    parley_reader_free(r);
}

/* A story of 50 MiB on one line, through a real file (getline, not a fixed buffer). */
static void test_jsonl_huge_line(void **state)
{
    (void)state;
    enum { BIG = 50 * 1024 * 1024 };
    static const char head[] = "{\"id\":\"big\",\"date\":\"2021-01-01\",\"text\":\"";
    static const char tail[] = "\"}\n{\"id\":\"after\",\"text\":\"small\"}\n";
    size_t len = sizeof head - 1 + BIG + sizeof tail - 1;
    char *data = malloc(len);
    assert_non_null(data);
    memcpy(data, head, sizeof head - 1);
    char *text = data + sizeof head - 1;
    for (size_t i = 0; i < BIG; i++) text[i] = "word "[i % 5];
    memcpy(text + BIG - 3, "end", 3);
    memcpy(text + BIG, tail, sizeof tail - 1);
    const char *path = write_file("huge.jsonl", data, len);
    parley_reader *r = open_path(path, PARLEY_FORMAT_AUTO);
    parley_story *s = NULL;
    assert_int_equal(parley_reader_next(r, &s), PARLEY_OK);
    assert_string_equal(parley_story_id(s), "big");
    assert_string_equal(parley_story_date(s), "2021-01-01");
    assert_int_equal(parley_story_text_len(s), BIG);
    assert_int_equal(strlen(parley_story_text(s)), BIG);
    assert_memory_equal(parley_story_text(s), text, BIG);
    parley_story_free(s);
    free(data);
    expect_story(r, "after", NULL, "", "small", 2);
    expect_end(r);
    parley_reader_free(r);
    assert_int_equal(g_ndiag, 1); /* "no date" for "after" */
}

/* ---- plain text ------------------------------------------------------------------------ */

static void test_text(void **state)
{
    (void)state;
    static const char data[] = "\n\nHello world.\n\nSecond line.\n\n\n";
    parley_reader *r = open_mem("dir/notes.txt", data, sizeof data - 1, PARLEY_FORMAT_TEXT,
                                "2021-03-04");
    assert_int_equal(parley_reader_format(r), PARLEY_FORMAT_TEXT);
    parley_story *s = NULL;
    assert_int_equal(parley_reader_next(r, &s), PARLEY_OK);
    assert_string_equal(parley_story_id(s), "notes");
    assert_string_equal(parley_story_file(s), "dir/notes.txt");
    assert_string_equal(parley_story_date(s), "2021-03-04");
    assert_string_equal(parley_story_title(s), "");
    assert_string_equal(parley_story_text(s), "Hello world.\n\nSecond line.");
    assert_int_equal(parley_story_line(s), 3);
    parley_story_free(s);
    expect_end(r);
    assert_int_equal(g_ndiag, 0);
    parley_reader_free(r);

    /* A "date" line or '{' does not matter once the format is chosen. */
    r = open_mem("plain.txt", "date 2021-01-01 x\n{", 19, PARLEY_FORMAT_TEXT, NULL);
    expect_story(r, "plain", NULL, "", "date 2021-01-01 x\n{", 1);
    expect_diag(0, PARLEY_WARNING, "plain.txt", 1, "no date");
    expect_end(r);
    parley_reader_free(r);

    r = open_mem("p2.txt", "words", 5, PARLEY_FORMAT_AUTO, "2021-02-30");
    expect_story(r, "p2", NULL, "", "words", 1);
    expect_diag(1, PARLEY_WARNING, "p2.txt", 1,
                "no date (the date option \"2021-02-30\" is invalid)");
    expect_end(r);
    parley_reader_free(r);
    assert_int_equal(g_ndiag, 2);
}

static void test_text_empty(void **state)
{
    (void)state;
    parley_reader *r = open_mem("e.txt", NULL, 0, PARLEY_FORMAT_AUTO, NULL);
    assert_int_equal(parley_reader_format(r), PARLEY_FORMAT_TEXT);
    expect_end(r);
    parley_reader_free(r);
    r = open_str("e.txt", "\n \t\n\r\n", PARLEY_FORMAT_TEXT);
    expect_end(r);
    parley_reader_free(r);
    assert_int_equal(g_ndiag, 0);
}

static void test_text_file(void **state)
{
    (void)state;
    static const char data[] = "One line\nbad \xf8 byte\n";
    const char *path = write_file("archive.tar.gz", data, sizeof data - 1);
    parley_reader *r = open_path(path, PARLEY_FORMAT_AUTO);
    assert_int_equal(parley_reader_format(r), PARLEY_FORMAT_TEXT);
    expect_story(r, "archive.tar", NULL, "", "One line\nbad " FFFD " byte", 1);
    expect_diag(0, PARLEY_WARNING, path, 2, "invalid UTF-8 replaced by U+FFFD (1 sequence)");
    expect_diag(1, PARLEY_WARNING, path, 1, "no date");
    expect_end(r);
    parley_reader_free(r);
}

/* ---- detection and names --------------------------------------------------------------- */

static void test_auto_detect(void **state)
{
    (void)state;
    static const struct {
        const char *data;
        parley_format want;
    } cases[] = {
        {"date 2021-01-01 T\nx", PARLEY_FORMAT_NEWS},
        {"\n\n \t date x\n", PARLEY_FORMAT_NEWS},
        {"\xEF\xBB\xBF" "date 2021-01-01 T\nx", PARLEY_FORMAT_NEWS},
        {"{\"id\":\"a\",\"text\":\"b\"}", PARLEY_FORMAT_JSONL},
        {"\n  {", PARLEY_FORMAT_JSONL},
        {"Hello", PARLEY_FORMAT_TEXT},
        {"dated text\ndate 2021-01-01 x", PARLEY_FORMAT_TEXT},
        {"date\t2021-01-01", PARLEY_FORMAT_TEXT},
        {"date", PARLEY_FORMAT_TEXT},
        {"", PARLEY_FORMAT_TEXT},
        {"x {", PARLEY_FORMAT_TEXT},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        parley_reader *r = open_str("a", cases[i].data, PARLEY_FORMAT_AUTO);
        assert_int_equal(parley_reader_format(r), cases[i].want);
        parley_reader_free(r);
    }
    /* NULL options: automatic detection, no callback. */
    parley_reader *r = NULL;
    assert_int_equal(parley_reader_open_mem(&r, NULL, "{\"id\":\"i\",\"text\":\"t\"}", 21, NULL),
                     PARLEY_OK);
    assert_int_equal(parley_reader_format(r), PARLEY_FORMAT_JSONL);
    expect_story(r, "i", NULL, "", "t", 1);
    parley_reader_free(r);
}

static void test_bom_and_names(void **state)
{
    (void)state;
    parley_reader *r = open_str("x/.hidden", "\xEF\xBB\xBF" "date 2021-01-01 T\r\nBody\r\n\r\n",
                                PARLEY_FORMAT_AUTO);
    expect_story(r, ".hidden", "2021-01-01", "T", "Body", 1);
    parley_reader_free(r);
    r = open_str(NULL, "text", PARLEY_FORMAT_AUTO);
    parley_story *s = NULL;
    assert_int_equal(parley_reader_next(r, &s), PARLEY_OK);
    assert_string_equal(parley_story_id(s), "memory");
    assert_string_equal(parley_story_file(s), "memory");
    parley_story_free(s);
    parley_reader_free(r);
}

static void test_stdin(void **state)
{
    (void)state;
    static const char data[] = "date 2021-01-01 A\nx\ndate 2021-01-02 B\ny\n";
    const char *path = write_file("in.news", data, sizeof data - 1);
    assert_non_null(freopen(path, "r", stdin));
    parley_reader *r = open_path("-", PARLEY_FORMAT_AUTO);
    assert_int_equal(parley_reader_format(r), PARLEY_FORMAT_NEWS);
    parley_story *s = NULL;
    assert_int_equal(parley_reader_next(r, &s), PARLEY_OK);
    assert_string_equal(parley_story_id(s), "stdin");
    assert_string_equal(parley_story_file(s), "stdin");
    parley_story_free(s);
    expect_story(r, "stdin#2", "2021-01-02", "B", "y", 3);
    expect_end(r);
    parley_reader_free(r); /* leaves stdin open: the caller's */
}

/* ---- errors ---------------------------------------------------------------------------- */

static void test_open_errors(void **state)
{
    (void)state;
    parley_reader *r = (parley_reader *)&r;
    char err[1024] = "";
    assert_int_equal(parley_reader_open(&r, "/nonexistent/dir/x.txt", NULL, err, sizeof err),
                     PARLEY_EIO);
    assert_null(r);
    assert_string_equal(err, "/nonexistent/dir/x.txt: No such file or directory");

    char want[1024];
    snprintf(want, sizeof want, "%s: Is a directory", g_dir);
    assert_int_equal(parley_reader_open(&r, g_dir, NULL, err, sizeof err), PARLEY_EIO);
    assert_null(r);
    assert_string_equal(err, want);

    /* err may be NULL; a short err is truncated, still terminated. */
    assert_int_equal(parley_reader_open(&r, "/nonexistent", NULL, NULL, 0), PARLEY_EIO);
    assert_int_equal(parley_reader_open(&r, "/nonexistent", NULL, err, 5), PARLEY_EIO);
    assert_string_equal(err, "/non");

    assert_int_equal(parley_reader_open(NULL, "x", NULL, err, sizeof err), PARLEY_EINVAL);
    assert_int_equal(parley_reader_open(&r, NULL, NULL, err, sizeof err), PARLEY_EINVAL);
    parley_reader_opts bad = {(parley_format)99, NULL, NULL, NULL};
    assert_int_equal(parley_reader_open_mem(&r, "m", "x", 1, &bad), PARLEY_EINVAL);
    assert_null(r);
    assert_int_equal(parley_reader_open_mem(&r, "m", NULL, 3, NULL), PARLEY_EINVAL);
    assert_int_equal(parley_reader_open_mem(NULL, "m", "x", 1, NULL), PARLEY_EINVAL);
    parley_story *s = NULL;
    assert_int_equal(parley_reader_next(NULL, &s), PARLEY_EINVAL);
    assert_string_equal(parley_reader_errmsg(NULL), "");
    parley_reader_free(NULL);
}

/* A directory as standard input opens but fails on the first read. */
static void test_read_error(void **state)
{
    (void)state;
    assert_non_null(freopen(g_dir, "r", stdin));
    parley_reader *r = NULL;
    char err[256] = "";
    assert_int_equal(parley_reader_open(&r, "-", NULL, err, sizeof err), PARLEY_EIO);
    assert_null(r);
    assert_string_equal(err, "stdin: Is a directory");

    /* A chosen format reads nothing at open: the error comes from parley_reader_next. */
    clearerr(stdin);
    r = open_path("-", PARLEY_FORMAT_TEXT);
    expect_status(r, PARLEY_EIO);
    assert_string_equal(parley_reader_errmsg(r), "stdin: read error: Is a directory");
    expect_diag(0, PARLEY_ERROR, "stdin", 0, "read error: Is a directory");
    expect_status(r, PARLEY_EIO); /* it stops there */
    assert_int_equal(g_ndiag, 1);
    parley_reader_free(r);
}

/* ---- junk ------------------------------------------------------------------------------ */

static uint32_t g_rand;
static unsigned next_rand(void)
{
    g_rand = g_rand * 1103515245u + 12345u;
    return g_rand >> 16;
}

/* Reads everything; every story must hold valid UTF-8 without NUL bytes. */
static void drain(parley_reader *r)
{
    for (int n = 0; n < 100000; n++) {
        parley_story *s = NULL;
        parley_status st = parley_reader_next(r, &s);
        if (st == PARLEY_END) return;
        if (st == PARLEY_EPARSE) continue;
        assert_int_equal(st, PARLEY_OK);
        size_t len = parley_story_text_len(s);
        assert_int_equal(strlen(parley_story_text(s)), len);
        pl_buf check = {0};
        assert_int_equal(pl_utf8_repair(&check, parley_story_text(s), len, NULL), 0);
        const char *title = parley_story_title(s);
        assert_int_equal(pl_utf8_repair(&check, title, strlen(title), NULL), 0);
        pl_buf_free(&check);
        parley_story_free(s);
    }
    fail_msg("the reader did not end");
}

static void test_binary_junk(void **state)
{
    (void)state;
    static const char *const seeds[] = {"", "date 2021-01-01 ", "{\"id\":\"a\",\"text\":\"",
                                        "date ", "{"};
    enum { LEN = 8192 };
    char *data = malloc(LEN + 32);
    assert_non_null(data);
    for (unsigned round = 0; round < 40; round++) {
        g_rand = round + 1;
        const char *seed = seeds[round % 5];
        size_t n = strlen(seed);
        memcpy(data, seed, n);
        for (size_t i = n; i < LEN; i++) {
            unsigned v = next_rand();
            /* Some rounds favour the bytes the readers look at. */
            data[i] = round % 2 && v % 7 == 0 ? "\n\0{ \"d\xff"[v % 8] : (char)v;
        }
        for (int fmt = PARLEY_FORMAT_AUTO; fmt <= PARLEY_FORMAT_TEXT; fmt++) {
            parley_reader *r = open_mem("junk.bin", data, LEN, (parley_format)fmt, NULL);
            drain(r);
            parley_reader_free(r);
            clear_diag();
        }
    }
    free(data);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_story_new),          T(test_date_valid),
        T(test_news_mem_ids),       T(test_news_file_crlf),
        T(test_news_leading_spaces), T(test_news_invalid_dates),
        T(test_news_fallback_date), T(test_news_preamble),
        T(test_news_bad_utf8),      T(test_news_bad_utf8_file),
        T(test_jsonl_mem),          T(test_jsonl_fallback_date),
        T(test_jsonl_malformed),    T(test_jsonl_file),
        T(test_jsonl_bad_utf8),     T(test_jsonl_huge_line),
        T(test_text),               T(test_text_empty),
        T(test_text_file),          T(test_auto_detect),
        T(test_bom_and_names),      T(test_stdin),
        T(test_open_errors),        T(test_read_error),
        T(test_binary_junk),
    };
#undef T
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
