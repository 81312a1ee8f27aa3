/* cmd_dict.c: `parley dict check | lookup | stats`, the dictionary maintainers' commands
 * (docs/dictionaries.md, "Tools for maintainers"). Exit statuses: 0 done (check: no error
 * found), 1 check found an error, 2 usage or I/O error. */
/* realpath() is X/Open. */
#define _XOPEN_SOURCE 700

#include "cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char dict_usage[] =
    "usage: parley dict COMMAND [OPTIONS] [ARGS]\n"
    "\n"
    "Tools for people who write dictionaries.\n"
    "\n"
    "commands:\n"
    "  check    lint the dictionaries: FILE:LINE: warning|error: message\n"
    "  compile  save dictionaries as one binary file that loads in milliseconds\n"
    "  lookup   show how a phrase is read: the entries it matches, the code it gets\n"
    "  stats    count what the dictionaries hold\n"
    "\n"
    "Run 'parley dict COMMAND --help' for a command's options.\n";

static const char check_usage[] =
    "usage: parley dict check [OPTIONS] [FILE...]\n"
    "\n"
    "Lints the dictionaries: malformed lines, a phrase listed twice or under two entries,\n"
    "overlapping date ranges, codes of no known country, agent codes CAMEO does not have,\n"
    "pattern codes missing from the event table, duplicate or conflicting verb patterns.\n"
    "Prints 'FILE:LINE: warning|error: message' lines, sorted, then a summary line.\n"
    "With FILEs, they are checked together with the dictionaries (loaded in addition when\n"
    "not part of them) and only their findings are shown.\n"
    "\n"
    "options:\n"
    "  -D, --dict PATH      dictionaries: a file, a directory or several joined by ':'\n"
    "                       (default: $PARLEY_DICT, else " PARLEY_DICT_DEFAULT ")\n"
    "  -h, --help           this help\n"
    "\n"
    "Exit status: 0 no error (warnings only, or nothing), 1 some error, 2 usage or I/O\n"
    "error.\n";

static const char lookup_usage[] =
    "usage: parley dict lookup [OPTIONS] PHRASE\n"
    "\n"
    "Reads PHRASE as a sentence, as the coder does, and shows each dictionary entry a span\n"
    "matches (kind, entry, where it is written) and each actor phrase with the code it gets\n"
    "at the date, and why (or why it gets none).\n"
    "\n"
    "options:\n"
    "  -d, --date DATE      YYYY-MM-DD: the story date that picks date-bounded codes\n"
    "                       (default: none; an undated code, else the latest one)\n"
    "  -D, --dict PATH      dictionaries (default: $PARLEY_DICT, else the built-in ones)\n"
    "  -f, --format FMT     text (default) or json (one object)\n"
    "  -h, --help           this help\n"
    "\n"
    "Exit status: 0 looked up, 2 usage or I/O error.\n";

static const char stats_usage[] =
    "usage: parley dict stats [OPTIONS]\n"
    "\n"
    "Counts what the dictionaries hold: entries by type, names, agents, verb patterns,\n"
    "discards, event codes, PLOVER mappings, and the warnings and errors of loading them.\n"
    "\n"
    "options:\n"
    "  -D, --dict PATH      dictionaries (default: $PARLEY_DICT, else the built-in ones)\n"
    "  -h, --help           this help\n"
    "\n"
    "Exit status: 0 counted, 2 usage or I/O error.\n";

static const char compile_usage[] =
    "usage: parley dict compile PATH -o FILE\n"
    "\n"
    "Loads the dictionaries in PATH (a file, a directory or several joined by ':'),\n"
    "compiles them and saves them as one binary FILE that --dict loads without parsing.\n"
    "The file carries the content hash of PATH's dictionaries (the 'dict' of every event)\n"
    "and a checksum; it is for machines of the byte order that wrote it.\n"
    "\n"
    "options:\n"
    "  -o, --output FILE    the compiled file to write (required)\n"
    "  -h, --help           this help\n"
    "\n"
    "Exit status: 0 written, 2 usage or I/O error, or dictionaries that cannot be used.\n";

/* ---- shared ------------------------------------------------------------------------------ */

static const char *dict_path(const char *opt)
{
    const char *dict = opt ? opt : getenv("PARLEY_DICT");
    return dict && *dict ? dict : PARLEY_DICT_DEFAULT;
}

/* A context with `path` loaded (not compiled); NULL after printing why. */
static parley_ctx *open_dict(const char *path, parley_diag_fn diag)
{
    parley_ctx *ctx = parley_ctx_new();
    if (!ctx) {
        fputs("parley: out of memory\n", stderr);
        return NULL;
    }
    parley_ctx_set_diag(ctx, diag, NULL);
    if (parley_ctx_load_dict(ctx, path) != PARLEY_OK) {
        fprintf(stderr, "parley: dictionaries: %s\n", parley_errmsg(ctx));
        parley_ctx_free(ctx);
        return NULL;
    }
    return ctx;
}

/* A path as people read it: relative to the working directory when it lies under it. */
static const char *shown_path(const char *path)
{
    static char cwd[PATH_MAX];
    static size_t n;
    if (!n && getcwd(cwd, sizeof cwd)) n = strlen(cwd);
    if (path && n > 1 && !strncmp(path, cwd, n) && path[n] == '/') return path + n + 1;
    return path;
}

/* getopt for a dict subcommand; 'h' prints `usage` and exits. Returns the option, -1 at the
 * end, '?' after printing the hint. */
static int next_opt(int argc, char **argv, const char *shorts, const struct option *longs,
                    const char *usage, const char *name)
{
    int c = getopt_long(argc, argv, shorts, longs, NULL);
    if (c == 'h') {
        fputs(usage, stdout);
        exit(CLI_EXIT_OK);
    }
    if (c == '?' || c == ':') fprintf(stderr, "Try 'parley dict %s --help'.\n", name);
    return c;
}

/* ---- check ------------------------------------------------------------------------------- */

typedef struct check_run {
    char **only;             /* real paths of the FILEs whose findings are shown; NULL: all */
    size_t nonly;
    parley_check_counts shown;
} check_run;

static int shown_file(const check_run *r, const char *file)
{
    if (!r->only) return 1;
    char real[PATH_MAX];
    if (!file || !realpath(file, real)) return 0;
    for (size_t i = 0; i < r->nonly; i++)
        if (!strcmp(real, r->only[i])) return 1;
    return 0;
}

static void print_finding(void *user, parley_severity sev, const char *file, long line,
                          const char *message)
{
    check_run *r = user;
    if (!shown_file(r, file)) return;
    const char *kind = sev == PARLEY_ERROR ? "error" : "warning";
    if (sev == PARLEY_ERROR) r->shown.errors++;
    else r->shown.warnings++;
    if (file && line > 0) printf("%s:%ld: %s: %s\n", shown_path(file), line, kind, message);
    else if (file) printf("%s: %s: %s\n", shown_path(file), kind, message);
    else printf("%s: %s\n", kind, message);
}

/* 1 if the file at real path `real` is one that loading `dict` reads: named in it, or in a
 * directory named in it. */
static int part_of(const char *dict, const char *real)
{
    char *list = strdup(dict), *save = NULL;
    int found = 0;
    for (char *p = list ? strtok_r(list, ":", &save) : NULL; p && !found;
         p = strtok_r(NULL, ":", &save)) {
        char part[PATH_MAX];
        if (!realpath(p, part)) continue;
        const char *slash = strrchr(real, '/');
        size_t dir = slash ? (size_t)(slash - real) : 0;
        found = !strcmp(part, real) || (strlen(part) == dir && !strncmp(part, real, dir));
    }
    free(list);
    return found;
}

/* Loads the FILEs that `dict` does not hold already and notes the real path of each. */
static int add_files(parley_ctx *ctx, const char *dict, char **files, int n, check_run *r)
{
    r->only = calloc((size_t)n, sizeof *r->only);
    if (!r->only) return fputs("parley: out of memory\n", stderr), -1;
    for (int i = 0; i < n; i++) {
        char real[PATH_MAX];
        if (!realpath(files[i], real))
            return fprintf(stderr, "parley: error: %s: %s\n", files[i], strerror(errno)), -1;
        if (!(r->only[r->nonly++] = strdup(real)))
            return fputs("parley: out of memory\n", stderr), -1;
        if (!part_of(dict, real) && parley_ctx_load_dict(ctx, files[i]) != PARLEY_OK)
            return fprintf(stderr, "parley: error: %s\n", parley_errmsg(ctx)), -1;
    }
    return 0;
}

static int dict_check(int argc, char **argv)
{
    static const struct option longs[] = {
        {"dict", required_argument, 0, 'D'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    const char *opt_dict = NULL;
    int c;
    while ((c = next_opt(argc, argv, "D:h", longs, check_usage, "check")) != -1) {
        if (c != 'D') return CLI_EXIT_USAGE;
        opt_dict = optarg;
    }
    const char *dict = dict_path(opt_dict);
    /* Loading's own messages come back, sorted, among the findings. */
    parley_ctx *ctx = open_dict(dict, NULL);
    if (!ctx) return CLI_EXIT_USAGE;
    check_run r = {NULL, 0, {0, 0}};
    int rc = CLI_EXIT_USAGE;
    if (optind < argc && add_files(ctx, dict, argv + optind, argc - optind, &r)) goto done;
    if (parley_dict_check(ctx, print_finding, &r, NULL) != PARLEY_OK) {
        fprintf(stderr, "parley: error: %s\n", parley_errmsg(ctx));
        goto done;
    }
    printf("parley: %zu errors, %zu warnings\n", r.shown.errors, r.shown.warnings);
    rc = r.shown.errors ? CLI_EXIT_SOME : CLI_EXIT_OK;
done:
    for (size_t i = 0; i < r.nonly; i++) free(r.only[i]);
    free(r.only);
    parley_ctx_free(ctx);
    return rc;
}

/* ---- lookup ------------------------------------------------------------------------------ */

typedef struct lookup_out {
    int json;
    json_t *matches, *actors; /* json */
    int section;              /* text: 0 nothing printed, 1 matches, 2 actors */
    const char *phrase, *date;
} lookup_out;

/* Text: the phrase and date, once the lookup has accepted them. */
static void text_header(lookup_out *o)
{
    if (!o->section) printf("phrase: %s\ndate:   %s\n", o->phrase, o->date ? o->date : "none");
}

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static void json_item(lookup_out *o, const parley_lookup_item *it)
{
    json_t *j = json_pack("{s:I,s:I,s:o,s:o}", "start", (json_int_t)it->start, "end",
                          (json_int_t)it->end, "text", str_or_null(it->text), "why",
                          str_or_null(it->why));
    if (!j) return;
    if (it->what == PARLEY_LOOKUP_ENTRY) {
        json_object_set_new(j, "kind", str_or_null(it->kind));
        json_object_set_new(j, "entry", str_or_null(it->entry));
        json_object_set_new(j, "type", str_or_null(it->type));
        json_object_set_new(j, "code", str_or_null(it->code));
        json_object_set_new(j, "file", str_or_null(shown_path(it->file)));
        json_object_set_new(j, "line", it->file ? json_integer(it->line) : json_null());
        json_array_append_new(o->matches, j);
        return;
    }
    json_object_set_new(j, "code", str_or_null(it->actor.code));
    json_object_set_new(j, "country", str_or_null(it->actor.country));
    json_object_set_new(j, "agent", str_or_null(it->actor.agent));
    json_object_set_new(j, "actor", str_or_null(it->actor.actor));
    json_object_set_new(j, "inferred", json_boolean(it->actor.inferred));
    json_object_set_new(j, "place", str_or_null(it->place));
    json_object_set_new(j, "place_country", str_or_null(it->place_country));
    json_array_append_new(o->actors, j);
}

static void text_entry(const parley_lookup_item *it)
{
    printf("  \"%s\"  %s", it->text, it->kind);
    if (it->entry && it->type) printf(" of %s (%s)", it->entry, *it->type ? it->type : "no type");
    else if (it->entry) printf(" %s", it->entry);
    if (it->type) printf(", code %s", it->code ? it->code : "none");
    if (it->file && it->line > 0) printf("  [%s:%ld]", shown_path(it->file), it->line);
    else if (it->file) printf("  [%s]", shown_path(it->file));
    printf("\n      %s\n", it->why);
}

static void text_actor(const parley_lookup_item *it)
{
    printf("  \"%s\" -> %s", it->text, it->actor.code ? it->actor.code : "no code");
    if (it->actor.code) {
        printf("  (country %s, agent %s", it->actor.country ? it->actor.country : "-",
               it->actor.agent ? it->actor.agent : "-");
        if (it->actor.actor) printf(", entry %s", it->actor.actor);
        if (it->actor.inferred) printf(", inferred");
        printf(")");
    }
    if (it->place)
        printf("  place: %s (%s)", it->place, it->place_country ? it->place_country : "?");
    printf("\n      %s\n", it->why);
}

static void print_item(void *user, const parley_lookup_item *it)
{
    lookup_out *o = user;
    if (o->json) {
        json_item(o, it);
        return;
    }
    int section = it->what == PARLEY_LOOKUP_ENTRY ? 1 : 2;
    text_header(o);
    if (section == 2 && o->section == 0) printf("\nmatches: none\n");
    if (section != o->section) printf(section == 1 ? "\nmatches:\n" : "\nactors:\n");
    o->section = section;
    if (section == 1) text_entry(it);
    else text_actor(it);
}

static int print_json(lookup_out *o, const char *phrase, const char *date)
{
    json_t *doc = json_pack("{s:s,s:o,s:O,s:O}", "phrase", phrase, "date", str_or_null(date),
                            "matches", o->matches, "actors", o->actors);
    if (!doc || json_dumpf(doc, stdout, JSON_COMPACT | JSON_ENSURE_ASCII) != 0) {
        json_decref(doc);
        return -1;
    }
    putchar('\n');
    json_decref(doc);
    return 0;
}

static int parse_lookup(int argc, char **argv, const char **dict, const char **date, int *json)
{
    static const struct option longs[] = {
        {"date", required_argument, 0, 'd'}, {"dict", required_argument, 0, 'D'},
        {"format", required_argument, 0, 'f'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    int c;
    while ((c = next_opt(argc, argv, "d:D:f:h", longs, lookup_usage, "lookup")) != -1) {
        if (c == 'd') *date = optarg;
        else if (c == 'D') *dict = optarg;
        else if (c == 'f' && (!strcmp(optarg, "json") || !strcmp(optarg, "text")))
            *json = !strcmp(optarg, "json");
        else if (c == 'f')
            return fprintf(stderr, "parley: unknown format '%s' (text, json)\n", optarg), -1;
        else
            return -1;
    }
    if (optind + 1 != argc) {
        fputs(optind >= argc ? "parley: no phrase to look up\n" : "parley: one phrase only "
                                                                  "(quote it)\n", stderr);
        return -1;
    }
    return 0;
}

static int dict_lookup(int argc, char **argv)
{
    const char *dict = NULL, *date = NULL;
    lookup_out o = {0, NULL, NULL, 0, NULL, NULL};
    if (parse_lookup(argc, argv, &dict, &date, &o.json)) return CLI_EXIT_USAGE;
    const char *phrase = argv[optind];
    o.phrase = phrase;
    o.date = date;
    parley_ctx *ctx = open_dict(dict_path(dict), print_diag);
    if (!ctx) return CLI_EXIT_USAGE;
    o.matches = json_array();
    o.actors = json_array();
    parley_status st = parley_dict_lookup(ctx, phrase, date, print_item, &o);
    int rc = CLI_EXIT_OK;
    if (st != PARLEY_OK) {
        fprintf(stderr, "parley: error: %s\n", parley_errmsg(ctx));
        rc = CLI_EXIT_USAGE;
    } else if (o.json && print_json(&o, phrase, date)) {
        fputs("parley: error: cannot write JSON\n", stderr);
        rc = CLI_EXIT_USAGE;
    } else if (!o.json && o.section < 2) {
        text_header(&o);
        printf(o.section ? "\nactors: none\n" : "\nmatches: none\n\nactors: none\n");
    }
    json_decref(o.matches);
    json_decref(o.actors);
    parley_ctx_free(ctx);
    return rc;
}

/* ---- stats ------------------------------------------------------------------------------- */

static int dict_stats(int argc, char **argv)
{
    static const struct option longs[] = {
        {"dict", required_argument, 0, 'D'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    const char *opt_dict = NULL;
    int c;
    while ((c = next_opt(argc, argv, "D:h", longs, stats_usage, "stats")) != -1) {
        if (c != 'D') return CLI_EXIT_USAGE;
        opt_dict = optarg;
    }
    if (optind < argc) return fprintf(stderr, "parley: unexpected argument '%s'\n", argv[optind]),
                              CLI_EXIT_USAGE;
    parley_ctx *ctx = open_dict(dict_path(opt_dict), print_diag);
    if (!ctx) return CLI_EXIT_USAGE;
    /* Verb roots are counted when the patterns are indexed. */
    if (parley_ctx_compile(ctx) != PARLEY_OK) {
        fprintf(stderr, "parley: dictionaries: %s\n", parley_errmsg(ctx));
        parley_ctx_free(ctx);
        return CLI_EXIT_USAGE;
    }
    parley_dict_stats s;
    parley_ctx_dict_stats(ctx, &s);
    const struct { const char *name; size_t n; } rows[] = {
        {"countries/territories", s.countries}, {"IGOs/NGOs", s.igos},
        {"named people", s.people}, {"other actor entries", s.other_actors},
        {"actor names", s.actor_names}, {"agent phrases", s.agent_names},
        {"agent codes", s.agent_codes}, {"verb patterns", s.verb_patterns},
        {"verb roots", s.verb_roots}, {"discards", s.discards},
        {"event codes", s.event_codes}, {"PLOVER mappings", s.plover_maps},
        {"warnings", s.warnings}, {"errors", s.errors},
        {"unsupported constructs", s.unsupported}};
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
        printf("%-24s %8zu\n", rows[i].name, rows[i].n);
    parley_ctx_free(ctx);
    return CLI_EXIT_OK;
}

/* ---- compile ----------------------------------------------------------------------------- */

static int dict_compile(int argc, char **argv)
{
    static const struct option longs[] = {
        {"output", required_argument, 0, 'o'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    const char *output = NULL;
    int c;
    while ((c = next_opt(argc, argv, "o:h", longs, compile_usage, "compile")) != -1) {
        if (c != 'o') return CLI_EXIT_USAGE;
        output = optarg;
    }
    if (optind + 1 != argc || !output)
        return fputs("parley: dict compile needs one PATH and -o FILE\n", stderr), CLI_EXIT_USAGE;
    parley_ctx *ctx = open_dict(argv[optind], print_diag);
    if (!ctx) return CLI_EXIT_USAGE;
    parley_status rc = parley_ctx_save_dict(ctx, output);
    if (rc != PARLEY_OK) fprintf(stderr, "parley: %s\n", parley_errmsg(ctx));
    else fprintf(stderr, "parley: %s: dictionaries %s\n", output, parley_ctx_dict_hash(ctx));
    parley_ctx_free(ctx);
    return rc == PARLEY_OK ? CLI_EXIT_OK : CLI_EXIT_USAGE;
}

/* ---- dispatch ---------------------------------------------------------------------------- */

int cmd_dict(int argc, char **argv)
{
    static const struct { const char *name; int (*run)(int, char **); } cmds[] = {
        {"check", dict_check}, {"compile", dict_compile}, {"lookup", dict_lookup},
        {"stats", dict_stats}};
    if (argc < 2) {
        fputs(dict_usage, stderr);
        return CLI_EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        fputs(dict_usage, stdout);
        return CLI_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++) {
        if (strcmp(argv[1], cmds[i].name)) continue;
        /* getopt names the program in its messages: "parley dict check: ...". */
        static char name[32];
        snprintf(name, sizeof name, "parley dict %s", cmds[i].name);
        argv[1] = name;
        optind = 1;
        return cmds[i].run(argc - 1, argv + 1);
    }
    fprintf(stderr, "parley: unknown dict command '%s'\n%s", argv[1], dict_usage);
    return CLI_EXIT_USAGE;
}
