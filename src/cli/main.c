/* main.c: the parley command. Turns library statuses into messages on stderr and exit codes:
 * 0 everything coded, 1 some story skipped, 2 usage or I/O error. */
#include "cli/cli.h"
#include "parley.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#ifndef PARLEY_DICT_DEFAULT
#define PARLEY_DICT_DEFAULT "/usr/local/share/parley/dict"
#endif

enum { EXIT_ALL_CODED = 0, EXIT_SKIPPED = 1, EXIT_USAGE = 2 };

static const char main_usage[] =
    "usage: parley [--help] [--version] COMMAND [ARGS]\n"
    "\n"
    "parley codes dated news stories into events: who did what to whom, when and where\n"
    "(CAMEO event and actor codes, Goldstein scale, quad class).\n"
    "\n"
    "commands:\n"
    "  code     code stories and write their events\n"
    "  dict     dictionary tools: check, lookup, stats\n"
    "  itinerary where and when the stories put named actors\n"
    "  validate run TABARI's or PETRARCH's validation suite\n"
    "\n"
    "Run 'parley COMMAND --help' for a command's options.\n";

static const char code_usage[] =
    "usage: parley code [OPTIONS] FILE...\n"
    "\n"
    "Codes every story in FILE(s) ('-' is standard input) and writes one event a line.\n"
    "\n"
    "options:\n"
    "  -f, --format FMT     jsonl (default) or table\n"
    "  -i, --input FMT      auto (default), news, jsonl or text\n"
    "  -d, --date DATE      YYYY-MM-DD: the date of plain-text stories and of stories\n"
    "                       that carry none\n"
    "  -D, --dict PATH      dictionaries: a file, a directory or several joined by ':'\n"
    "                       (default: $PARLEY_DICT, else " PARLEY_DICT_DEFAULT ")\n"
    "  -o, --output FILE    write events to FILE instead of standard output\n"
    "  -q, --quiet          no summary line on stderr\n"
    "      --ontology ONT   cameo (default) or plover: also give each event's PLOVER type\n"
    "                       and mode (needs a .map dictionary; the default has one)\n"
    "      --stats          one line of timings, sizes and peak memory on stderr\n"
    "      --gazetteer FILE the gazetteer that gives places coordinates (default:\n"
    "                       $PARLEY_GAZETTEER, else " PARLEY_GEO_DEFAULT ")\n"
    "      --no-places      no gazetteer: places as the dictionaries name them, without\n"
    "                       coordinates\n"
    "      --story-dates    date every event by its story; read no dates in the text\n"
    "      --partial        also code events with one side unknown, written '---' or\n"
    "                       '---' and an agent ('---GOV'), as PETRARCH does\n"
    "      --code-by WHAT   sentence, clause or all (default): which verbs code events:\n"
    "                       the first that codes one in the sentence, in each clause\n"
    "                       (ended by 'and', 'or', 'but', ';'), or every one\n"
    "      --tabari-sides   TABARI's rules for sides the words next to the verb do not\n"
    "                       name: as source the last coding verb's, else the first actor\n"
    "                       of the clause; as target the first actor after the verb that a\n"
    "                       dictionary codes, else the nearest before it\n"
    "      --tabari-clauses TABARI's one source per clause: a 'that' clause's verb takes\n"
    "                       the source of the clause before it (with --tabari-sides its\n"
    "                       subject is the target); what a report says or a denial\n"
    "                       denies codes\n"
    "      --default-source CODE, --default-target CODE\n"
    "                       the code of a side no words name (TABARI's DEFAULT option)\n"
    "      --min-words N    sentences of fewer than N words code nothing\n"
    "      --forward-actor  a pronoun standing for an actor of an earlier sentence takes\n"
    "                       that sentence's first named actor, without its agent (TABARI)\n"
    "      --tabari-roles   a role only for the country right next to it, and only for the\n"
    "                       first of a list of countries after it (TABARI)\n"
    "      --report-unknown[=N]\n"
    "                       after coding, the N (default 20) most frequent names and verbs\n"
    "                       no dictionary knows, on stderr\n"
    "      --report-unknown-file FILE\n"
    "                       write that report to FILE instead, tab-separated\n"
    "  -h, --help           this help\n"
    "\n"
    "Input formats: news records ('date YYYY-MM-DD title' then the body, repeatable),\n"
    "JSON Lines ({\"id\",\"date\",\"title\",\"text\",\"url\"} a line), or plain text.\n"
    "Warnings and errors name the file and line. Exit status: 0 all stories coded,\n"
    "1 some story skipped, 2 usage or I/O error.\n";

typedef struct code_opts {
    parley_output format;
    parley_format input;
    const char *date, *dict, *output;
    int quiet, stats;
    unsigned write_flags;    /* enum parley_write_flags */
    unsigned code_flags;     /* enum parley_code_flags */
    const char *gazetteer;   /* --gazetteer; NULL: $PARLEY_GAZETTEER, else the default */
    int no_places;           /* --no-places: no gazetteer */
    size_t unknown_top;      /* --report-unknown: how many; 0 no report */
    const char *unknown_file;
    parley_unknown *unknown; /* the collector, when a report is wanted */
    const char *default_source, *default_target; /* --default-source, --default-target */
    unsigned min_words;      /* --min-words */
} code_opts;

typedef struct run_totals {
    size_t read, coded, skipped, sentences, events, bytes;
    int io_error;
} run_totals;

void print_diag(void *user, parley_severity sev, const char *file, long line,
                const char *message)
{
    (void)user;
    const char *kind = sev == PARLEY_ERROR ? "error" : "warning";
    if (file && line > 0) fprintf(stderr, "parley: %s:%ld: %s: %s\n", file, line, kind, message);
    else if (file) fprintf(stderr, "parley: %s: %s: %s\n", file, kind, message);
    else fprintf(stderr, "parley: %s: %s\n", kind, message);
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* --report-unknown[=N]: N from 1, 20 when not given. */
static int parse_top(const char *arg, size_t *top)
{
    char *end = NULL;
    unsigned long n = arg ? strtoul(arg, &end, 10) : 20;
    if (arg && (*end || !*arg || n == 0 || n > 1000000)) {
        fprintf(stderr, "parley: --report-unknown=N wants a count from 1, not '%s'\n", arg);
        return -1;
    }
    *top = n;
    return 0;
}

/* The options that carry TABARI's settings (parley_code_opts). */
static int parse_tabari_opt(int c, const char *arg, code_opts *o)
{
    switch (c) {
    case 'B':
        o->code_flags &= ~(unsigned)(PARLEY_CODE_BY_SENTENCE | PARLEY_CODE_BY_CLAUSE);
        if (!strcmp(arg, "sentence")) o->code_flags |= PARLEY_CODE_BY_SENTENCE;
        else if (!strcmp(arg, "clause")) o->code_flags |= PARLEY_CODE_BY_CLAUSE;
        else if (strcmp(arg, "all"))
            return fprintf(stderr, "parley: --code-by sentence, clause or all, not '%s'\n",
                           arg), -1;
        return 0;
    case 'A':
        o->code_flags |= PARLEY_CODE_SOURCE_AFTER | PARLEY_CODE_TARGET_BEFORE |
                         PARLEY_CODE_SKIP_UNKNOWN;
        return 0;
    case 'a': o->default_source = arg; return 0;
    case 't': o->default_target = arg; return 0;
    case 'W': {
        char *end = NULL;
        unsigned long n = strtoul(arg, &end, 10);
        if (*end || !*arg || n > 100000)
            return fprintf(stderr, "parley: --min-words wants a count, not '%s'\n", arg), -1;
        o->min_words = (unsigned)n;
        return 0;
    }
    case 'R': o->code_flags |= PARLEY_CODE_FORWARD_ACTOR; return 0;
    case 'C': o->code_flags |= PARLEY_CODE_CLAUSE_SOURCE; return 0;
    case 'J': o->code_flags |= PARLEY_CODE_ADJACENT_ROLES; return 0;
    }
    return fputs("Try 'parley code --help'.\n", stderr), -1;
}

static const struct option code_longopts[] = {
    {"format", required_argument, 0, 'f'}, {"input", required_argument, 0, 'i'},
    {"date", required_argument, 0, 'd'},   {"dict", required_argument, 0, 'D'},
    {"output", required_argument, 0, 'o'}, {"quiet", no_argument, 0, 'q'},
    {"stats", no_argument, 0, 'S'},        {"help", no_argument, 0, 'h'},
    {"ontology", required_argument, 0, 'O'},
    {"report-unknown", optional_argument, 0, 'U'},
    {"report-unknown-file", required_argument, 0, 'F'},
    {"partial", no_argument, 0, 'P'},
    {"gazetteer", required_argument, 0, 'G'},
    {"no-places", no_argument, 0, 'N'},
    {"story-dates", no_argument, 0, 'T'},
    {"code-by", required_argument, 0, 'B'},
    {"tabari-sides", no_argument, 0, 'A'},
    {"tabari-clauses", no_argument, 0, 'C'},
    {"default-source", required_argument, 0, 'a'},
    {"default-target", required_argument, 0, 't'},
    {"min-words", required_argument, 0, 'W'},
    {"forward-actor", no_argument, 0, 'R'},
    {"tabari-roles", no_argument, 0, 'J'},
    {0, 0, 0, 0}};

static int parse_code_opts(int argc, char **argv, code_opts *o)
{
    static const char *inputs[] = {"auto", "news", "jsonl", "text"};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:i:d:D:o:qh", code_longopts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (!strcmp(optarg, "jsonl")) o->format = PARLEY_OUTPUT_JSONL;
            else if (!strcmp(optarg, "table")) o->format = PARLEY_OUTPUT_TABLE;
            else return fprintf(stderr, "parley: unknown format '%s' (jsonl, table)\n", optarg), -1;
            break;
        case 'i': {
            int found = 0;
            for (int k = 0; k < 4; k++)
                if (!strcmp(optarg, inputs[k])) o->input = (parley_format)k, found = 1;
            if (!found)
                return fprintf(stderr, "parley: unknown input '%s' (auto, news, jsonl, text)\n",
                               optarg), -1;
            break;
        }
        case 'd': o->date = optarg; break;
        case 'D': o->dict = optarg; break;
        case 'o': o->output = optarg; break;
        case 'q': o->quiet = 1; break;
        case 'S': o->stats = 1; break;
        case 'P': o->code_flags |= PARLEY_CODE_PARTIAL; break;
        case 'G': o->gazetteer = optarg; break;
        case 'N': o->no_places = 1; break;
        case 'T': o->code_flags |= PARLEY_CODE_STORY_DATES; break;
        case 'O':
            if (!strcmp(optarg, "plover")) o->write_flags |= PARLEY_WRITE_PLOVER;
            else if (strcmp(optarg, "cameo"))
                return fprintf(stderr, "parley: unknown ontology '%s' (cameo, plover)\n", optarg), -1;
            break;
        case 'U':
            if (parse_top(optarg, &o->unknown_top)) return -1;
            break;
        case 'F':
            o->unknown_file = optarg;
            if (!o->unknown_top) o->unknown_top = 20;
            break;
        case 'h': fputs(code_usage, stdout); exit(EXIT_ALL_CODED);
        default:
            if (parse_tabari_opt(c, optarg, o)) return -1;
        }
    }
    if (optind >= argc) {
        fputs("parley: no input files (use '-' for standard input)\n", stderr);
        return -1;
    }
    return 0;
}

/* A gazetteer named by the user must load; the default one may be missing (a build without
 * it), which is said once. 1 to go on, 0 to stop. */
static int load_gazetteer(parley_ctx *ctx, const char *gazetteer, int no_places)
{
    if (no_places) return 1;
    const char *path = gazetteer ? gazetteer : getenv("PARLEY_GAZETTEER");
    int chosen = path && *path;
    if (!chosen) path = PARLEY_GEO_DEFAULT;
    parley_status rc = parley_ctx_load_gazetteer(ctx, path);
    if (rc == PARLEY_OK) return 1;
    if (chosen || rc != PARLEY_EIO) {
        fprintf(stderr, "parley: gazetteer: %s\n", parley_errmsg(ctx));
        return 0;
    }
    fprintf(stderr, "parley: warning: no gazetteer at %s: places have no coordinates "
                    "(make all builds it; --no-places says this is meant)\n", path);
    return 1;
}

parley_ctx *cli_load_context(const char *dict, const char *gazetteer, int no_places)
{
    parley_ctx *ctx = parley_ctx_new();
    if (!ctx) {
        fputs("parley: out of memory\n", stderr);
        return NULL;
    }
    parley_ctx_set_diag(ctx, print_diag, NULL);
    if (!dict) dict = getenv("PARLEY_DICT");
    if (!dict || !*dict) dict = PARLEY_DICT_DEFAULT;
    parley_status rc = parley_ctx_load_dict(ctx, dict);
    if (rc == PARLEY_OK) rc = parley_ctx_compile(ctx);
    if (rc != PARLEY_OK) {
        fprintf(stderr, "parley: dictionaries: %s\n", parley_errmsg(ctx));
        parley_ctx_free(ctx);
        return NULL;
    }
    return load_gazetteer(ctx, gazetteer, no_places) ? ctx : (parley_ctx_free(ctx), NULL);
}

static int code_one(parley_ctx *ctx, const code_opts *o, parley_story *story, FILE *out,
                    run_totals *t)
{
    parley_events *events = NULL;
    parley_code_opts copts = {.unknown = o->unknown, .flags = o->code_flags,
                              .default_source = o->default_source,
                              .default_target = o->default_target, .min_words = o->min_words};
    parley_status rc = parley_code_with(ctx, story, &copts, &events);
    if (rc != PARLEY_OK) {
        fprintf(stderr, "parley: %s: error: %s\n", parley_story_id(story), parley_errmsg(ctx));
        t->skipped++;
        return 0;
    }
    t->coded++;
    t->sentences += parley_events_sentences(events);
    t->events += parley_events_count(events);
    t->bytes += parley_story_text_len(story);
    rc = parley_write_events_with(out, o->format, o->write_flags, story, events);
    parley_events_free(events);
    if (rc != PARLEY_OK) {
        fprintf(stderr, "parley: error: cannot write events: %s\n", strerror(errno));
        return -1;
    }
    return 0;
}

/* Codes every story of one input; a malformed story is reported and skipped. */
static int code_file(parley_ctx *ctx, const code_opts *o, const char *path, FILE *out,
                     run_totals *t)
{
    parley_reader_opts ropts = {o->input, o->date, print_diag, NULL};
    parley_reader *reader = NULL;
    char err[512] = "";
    if (parley_reader_open(&reader, path, &ropts, err, sizeof err) != PARLEY_OK) {
        fprintf(stderr, "parley: error: %s\n", err[0] ? err : path);
        t->io_error = 1;
        return 0;
    }
    for (;;) {
        parley_story *story = NULL;
        parley_status rc = parley_reader_next(reader, &story);
        if (rc == PARLEY_END) break;
        /* The reader has reported its errors through print_diag already. */
        if (rc == PARLEY_EPARSE) {
            t->read++;
            t->skipped++;
            continue;
        }
        if (rc != PARLEY_OK) {
            t->io_error = 1;
            break;
        }
        t->read++;
        int failed = code_one(ctx, o, story, out, t);
        parley_story_free(story);
        if (failed) {
            parley_reader_free(reader);
            return -1;
        }
    }
    parley_reader_free(reader);
    return 0;
}

static int cmd_code(int argc, char **argv)
{
    code_opts o = {.format = PARLEY_OUTPUT_JSONL, .input = PARLEY_FORMAT_AUTO};
    if (parse_code_opts(argc, argv, &o)) return EXIT_USAGE;
    double t0 = now_ms();
    parley_ctx *ctx = cli_load_context(o.dict, o.gazetteer, o.no_places);
    if (!ctx) return EXIT_USAGE;
    double t1 = now_ms();
    FILE *out = o.output ? fopen(o.output, "w") : stdout;
    if (!out) {
        fprintf(stderr, "parley: error: %s: %s\n", o.output, strerror(errno));
    } else if (o.unknown_top && !(o.unknown = parley_unknown_new())) {
        fputs("parley: out of memory\n", stderr);
        if (out != stdout) fclose(out);
        out = NULL;
    }
    if (!out) {
        parley_unknown_free(o.unknown);
        parley_ctx_free(ctx);
        return EXIT_USAGE;
    }
    run_totals t = {0};
    int write_failed = parley_write_header(out, o.format) != PARLEY_OK;
    for (int i = optind; i < argc && !write_failed; i++)
        write_failed = code_file(ctx, &o, argv[i], out, &t) != 0;
    int flush_failed = fflush(out) != 0 || ferror(out);
    if (out != stdout && fclose(out) != 0) flush_failed = 1;
    if (flush_failed) {
        if (!write_failed)
            fprintf(stderr, "parley: error: cannot write events: %s\n", strerror(errno));
        write_failed = 1;
    }
    double t2 = now_ms();
    if (o.unknown && cli_report_unknown(o.unknown, o.unknown_top, o.unknown_file))
        write_failed = 1;
    if (!o.quiet)
        fprintf(stderr, "parley: %zu stories read, %zu coded, %zu skipped; %zu sentences; "
                        "%zu events written\n", t.read, t.coded, t.skipped, t.sentences, t.events);
    if (o.stats) {
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        fprintf(stderr, "parley: stats: dict_load_ms=%.1f code_ms=%.1f bytes=%zu stories=%zu "
                        "sentences=%zu events=%zu peak_rss_kb=%ld\n",
                t1 - t0, t2 - t1, t.bytes, t.coded, t.sentences, t.events, ru.ru_maxrss);
    }
    parley_unknown_free(o.unknown);
    parley_ctx_free(ctx);
    if (write_failed || t.io_error) return EXIT_USAGE;
    return t.skipped ? EXIT_SKIPPED : EXIT_ALL_CODED;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(main_usage, stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
        fputs(main_usage, stdout);
        return EXIT_ALL_CODED;
    }
    if (!strcmp(cmd, "--version") || !strcmp(cmd, "-V")) {
        printf("parley %s\n", parley_version());
        return EXIT_ALL_CODED;
    }
    if (!strcmp(cmd, "code")) {
        /* getopt names the program in its messages: "parley code: unrecognized option". */
        static char name[] = "parley code";
        argv[1] = name;
        return cmd_code(argc - 1, argv + 1);
    }
    if (!strcmp(cmd, "dict")) return cmd_dict(argc - 1, argv + 1);
    if (!strcmp(cmd, "validate")) return cmd_validate(argc - 1, argv + 1);
    if (!strcmp(cmd, "itinerary")) return cmd_itinerary(argc - 1, argv + 1);
    fprintf(stderr, "parley: unknown command '%s'\n%s", cmd, main_usage);
    return EXIT_USAGE;
}
