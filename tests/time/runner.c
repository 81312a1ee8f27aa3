/* time-runner: runs the temporal expression test set (tests/time/expressions.txt; the format
 * is described at the top of that file) through pl_time_scan().
 *
 *   time-runner FILE...           check every line; print each failure and the totals
 *   time-runner --bench FILE...   also time the scanner on the test sentences
 *
 * A line passes when the scan finds exactly its bracketed expressions (same bytes, same
 * value, NAME and UNRESOLVED flags as written) and nothing else. Prints one closing line
 * "time expressions: N passed, M failed" (N + M = lines), then the accuracy.
 * Exit status: 0 all passed, 1 something failed, 2 bad usage or unreadable file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "time/time.h"

#define MAX_LINE 4096
#define MAX_EXPR 16

typedef struct expect {
    uint32_t start, end;
    char value[64];          /* the value, "unresolved", or "name VALUE" */
} expect;

typedef struct tcase {
    int32_t story;
    pl_tense tense;
    char text[MAX_LINE];
    size_t len;
    expect exp[MAX_EXPR];
    int nexp;
    int none;                /* "-": nothing may be found */
} tcase;

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

/* "2021-09-06", "2021-09-06 future", "- past"... */
static int parse_date_field(char *f, tcase *c)
{
    char *sp = strchr(f, ' ');
    c->tense = PL_TENSE_UNKNOWN;
    if (sp) {
        *sp = '\0';
        char *t = trim(sp + 1);
        if (!strcmp(t, "past")) c->tense = PL_TENSE_PAST;
        else if (!strcmp(t, "future")) c->tense = PL_TENSE_FUTURE;
        else return -1;
    }
    if (!strcmp(f, "-")) {
        c->story = PL_DATE_NONE;
        return 0;
    }
    c->story = pl_date_from_text(f, strlen(f));
    return c->story == PL_DATE_NONE ? -1 : 0;
}

/* Copies the sentence without its brackets, recording each bracketed span. */
static int parse_text_field(const char *f, tcase *c)
{
    size_t n = 0;
    int open = 0;
    c->nexp = 0;
    for (const char *p = f; *p; p++) {
        if (*p == '[') {
            if (open || c->nexp == MAX_EXPR) return -1;
            c->exp[c->nexp].start = (uint32_t)n;
            open = 1;
        } else if (*p == ']') {
            if (!open) return -1;
            c->exp[c->nexp++].end = (uint32_t)n;
            open = 0;
        } else {
            c->text[n++] = *p;
        }
    }
    c->text[n] = '\0';
    c->len = n;
    return open ? -1 : 0;
}

static int parse_expect_field(char *f, tcase *c)
{
    c->none = !strcmp(f, "-");
    if (c->none) return c->nexp == 0 ? 0 : -1;
    int k = 0;
    for (char *tok = strtok(f, ";"); tok; tok = strtok(NULL, ";")) {
        if (k == c->nexp) return -1;
        snprintf(c->exp[k++].value, sizeof c->exp[0].value, "%s", trim(tok));
    }
    return k == c->nexp && k > 0 ? 0 : -1;
}

static int parse_case(char *line, tcase *c)
{
    char *bar1 = strchr(line, '|');
    char *bar2 = bar1 ? strrchr(line, '|') : NULL;
    if (!bar1 || bar2 == bar1) return -1;
    *bar1 = *bar2 = '\0';
    if (parse_date_field(trim(line), c)) return -1;
    if (parse_text_field(trim(bar1 + 1), c)) return -1;
    return parse_expect_field(trim(bar2 + 1), c);
}

/* What the scan found, written as the test file writes it. */
static void describe(const pl_timex *x, char *out, size_t cap)
{
    if (x->flags & PL_TIMEX_UNRESOLVED) snprintf(out, cap, "unresolved");
    else if (x->flags & PL_TIMEX_NAME) snprintf(out, cap, "name %s", x->value);
    else snprintf(out, cap, "%s", x->value);
}

/* Checks what every expression must satisfy, whatever the test says. */
static const char *invariant(const tcase *c, const pl_timex *x, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        if (x[k].end <= x[k].start || x[k].end > c->len) return "span outside the text";
        if (k && x[k].start < x[k - 1].end) return "overlapping spans";
        if (!(x[k].flags & PL_TIMEX_UNRESOLVED) &&
            (x[k].first == PL_DATE_NONE || x[k].last < x[k].first || !x[k].value[0]))
            return "first/last/value inconsistent";
        if (x[k].precision < PL_PREC_DAY || x[k].precision > PL_PREC_YEAR) return "bad precision";
    }
    return NULL;
}

static void print_found(const tcase *c, const pl_timex *x, size_t n)
{
    char d[64];
    printf("  got:     ");
    if (!n) printf("nothing");
    for (size_t k = 0; k < n; k++) {
        describe(&x[k], d, sizeof d);
        printf("%s[%.*s] %s", k ? "; " : "", (int)(x[k].end - x[k].start), c->text + x[k].start, d);
    }
    printf("\n");
}

static void print_expected(const tcase *c)
{
    printf("  expected: ");
    if (!c->nexp) printf("nothing");
    for (int k = 0; k < c->nexp; k++)
        printf("%s[%.*s] %s", k ? "; " : "", (int)(c->exp[k].end - c->exp[k].start),
               c->text + c->exp[k].start, c->exp[k].value);
    printf("\n");
}

static int run_case(const char *file, long lineno, const tcase *c)
{
    pl_timex x[MAX_EXPR + 4];
    size_t n = pl_time_scan(c->text, c->len, c->story, c->tense, x, MAX_EXPR + 4);
    const char *why = invariant(c, x, n);
    int ok = !why && n == (size_t)c->nexp;
    for (size_t k = 0; ok && k < n; k++) {
        char d[64];
        describe(&x[k], d, sizeof d);
        ok = x[k].start == c->exp[k].start && x[k].end == c->exp[k].end &&
             !strcmp(d, c->exp[k].value);
    }
    if (ok) return 1;
    printf("%s:%ld: FAIL: %s\n", file, lineno, c->text);
    if (why) printf("  broken: %s\n", why);
    print_expected(c);
    print_found(c, x, n);
    return 0;
}

typedef struct totals {
    long passed, failed;
} totals;

static int run_file(const char *path, totals *t, tcase **cases, size_t *ncases)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "time-runner: cannot open %s\n", path);
        return -1;
    }
    char line[MAX_LINE];
    long lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        char *s = trim(line);
        if (!*s || *s == '#') continue;
        tcase *c = realloc(*cases, (*ncases + 1) * sizeof **cases);
        if (!c) {
            fclose(f);
            return -1;
        }
        *cases = c;
        c = &c[*ncases];
        if (parse_case(s, c)) {
            printf("%s:%ld: FAIL: malformed test line\n", path, lineno);
            t->failed++;
            continue;
        }
        (*ncases)++;
        if (run_case(path, lineno, c)) t->passed++;
        else t->failed++;
    }
    fclose(f);
    return 0;
}

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* ns per call of pl_time_scan over texts; sink keeps the calls from being optimized away. */
static double time_scan(const char *const *texts, const size_t *lens, size_t n, size_t *sink)
{
    pl_timex x[32];
    long reps = 0;
    double t0 = now_ns(), t1;
    do {
        for (size_t k = 0; k < n; k++)
            *sink += pl_time_scan(texts[k], lens[k], 18876, PL_TENSE_UNKNOWN, x, 32);
        reps++;
        t1 = now_ns();
    } while (t1 - t0 < 3e8);
    return (t1 - t0) / ((double)reps * (double)n);
}

static void bench(const tcase *cases, size_t n)
{
    static const char *const plain[] = {
        "The foreign minister met his counterpart to discuss trade, security and the "
        "situation on the peninsula, officials said after the talks.",
        "Protesters gathered outside the parliament building and demanded that the "
        "government resign, but police kept them away from the gates.",
        "The rebels accused the army of shelling villages near the border, a charge the "
        "defence ministry denied in a statement posted online.",
    };
    const char **texts = malloc(n * sizeof *texts);
    size_t *lens = malloc(n * sizeof *lens), sink = 0;
    if (!texts || !lens) {
        free(texts);
        free(lens);
        return;
    }
    for (size_t k = 0; k < n; k++) texts[k] = cases[k].text, lens[k] = cases[k].len;
    size_t plens[3];
    for (size_t k = 0; k < 3; k++) plens[k] = strlen(plain[k]);
    printf("bench: %.0f ns per test sentence, %.0f ns per sentence with no date word (%zu)\n",
           time_scan(texts, lens, n, &sink), time_scan(plain, plens, 3, &sink), sink % 10);
    free(texts);
    free(lens);
}

int main(int argc, char **argv)
{
    int do_bench = argc > 1 && !strcmp(argv[1], "--bench");
    int first = 1 + do_bench;
    if (first >= argc) {
        fprintf(stderr, "usage: time-runner [--bench] FILE...\n");
        return 2;
    }
    totals t = {0, 0};
    tcase *cases = NULL;
    size_t ncases = 0;
    for (int i = first; i < argc; i++) {
        if (run_file(argv[i], &t, &cases, &ncases)) {
            free(cases);
            return 2;
        }
    }
    printf("time expressions: %ld passed, %ld failed\n", t.passed, t.failed);
    long all = t.passed + t.failed;
    printf("accuracy: %.1f%% of %ld lines\n", all ? 100.0 * (double)t.passed / (double)all : 0.0,
           all);
    if (do_bench) bench(cases, ncases);
    free(cases);
    return t.failed ? 1 : 0;
}
