/* cmd_validate.c: `parley validate`: runs TABARI's or PETRARCH's validation suite with the
 * dictionaries it names and says, record by record, whether parley coded what the suite
 * expects. A record passes when the events coded are exactly the events expected (as a
 * multiset of source, target and event code; order and dates are not compared). */
#include "cli/cli.h"
#include "cli/validate.h"
#include "parley.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char validate_usage[] =
    "usage: parley validate [OPTIONS] FILE\n"
    "\n"
    "Runs a validation suite and prints, per record, pass or FAIL with the expected and\n"
    "coded events, then 'N passed, M failed'. FILE is TABARI's validation text (its\n"
    "dictionaries come from the project file beside it: Validate.text -> Validate.project)\n"
    "or PETRARCH's unit-test records (XML; dictionaries from its <Environment>).\n"
    "\n"
    "options:\n"
    "  -p, --project FILE   TABARI: the project file naming the dictionaries\n"
    "  -D, --dict PATH      use these dictionaries instead of the ones the suite names\n"
    "      --use-parse      PETRARCH: read each verb's subject from the record's Penn\n"
    "                       Treebank <Parse> (parley_code_opts.parse)\n"
    "      --floor N        exit 1 when fewer than N records pass\n"
    "  -q, --quiet          print only failing records and the totals\n"
    "  -h, --help           this help\n"
    "\n"
    "Records that only change settings or carry comments are coded but not checked; they\n"
    "are counted apart. Exit status: 0 done (and the floor met), 1 below the floor,\n"
    "2 usage, I/O or dictionary error.\n";

typedef struct validate_opts {
    const char *project, *dict;
    int use_parse, quiet;
    long floor;
} validate_opts;

vrecord *vsuite_add_record(vsuite *s)
{
    vrecord *r = realloc(s->records, (s->nrecords + 1) * sizeof *r);
    if (!r) return NULL;
    s->records = r;
    memset(&r[s->nrecords], 0, sizeof *r);
    return &r[s->nrecords++];
}

int vrecord_add_expect(vrecord *r, const char *source, const char *target, const char *code)
{
    vexpect *e = realloc(r->expect, (r->nexpect + 1) * sizeof *e);
    if (!e) return -1;
    r->expect = e;
    e = &e[r->nexpect];
    e->source = strdup(source), e->target = strdup(target), e->code = strdup(code);
    r->nexpect++;
    return e->source && e->target && e->code ? 0 : -1;
}

char *vsuite_path_beside(const char *file, const char *name)
{
    const char *slash = strrchr(file, '/');
    size_t dir = name[0] == '/' || !slash ? 0 : (size_t)(slash - file + 1);
    char *p = malloc(dir + strlen(name) + 1);
    if (!p) return NULL;
    memcpy(p, file, dir);
    strcpy(p + dir, name);
    return p;
}

void vsuite_free(vsuite *s)
{
    for (size_t i = 0; i < s->nrecords; i++) {
        vrecord *r = &s->records[i];
        for (size_t k = 0; k < r->nexpect; k++)
            free(r->expect[k].source), free(r->expect[k].target), free(r->expect[k].code);
        free(r->expect), free(r->id), free(r->text), free(r->parse), free(r->options);
    }
    free(s->records), free(s->file), free(s->dict);
    memset(s, 0, sizeof *s);
}

static int parse_validate_opts(int argc, char **argv, validate_opts *o)
{
    static const struct option longopts[] = {
        {"project", required_argument, 0, 'p'}, {"dict", required_argument, 0, 'D'},
        {"use-parse", no_argument, 0, 'P'},     {"floor", required_argument, 0, 'F'},
        {"quiet", no_argument, 0, 'q'},         {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "p:D:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'p': o->project = optarg; break;
        case 'D': o->dict = optarg; break;
        case 'P': o->use_parse = 1; break;
        case 'q': o->quiet = 1; break;
        case 'F': {
            char *end;
            o->floor = strtol(optarg, &end, 10);
            if (*end || o->floor < 0) {
                fprintf(stderr, "parley validate: --floor wants a number, not '%s'\n", optarg);
                return -1;
            }
            break;
        }
        case 'h': fputs(validate_usage, stdout); exit(CLI_EXIT_OK);
        default: fputs(validate_usage, stderr); return -1;
        }
    }
    if (optind != argc - 1) {
        fputs(validate_usage, stderr);
        return -1;
    }
    return 0;
}

/* XML by its first non-blank byte; TABARI text otherwise. */
static int looks_like_xml(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return 0;
    int c;
    while ((c = fgetc(f)) == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0xEF ||
           c == 0xBB || c == 0xBF) {
    }
    fclose(f);
    return c == '<';
}

/* Validate.text -> Validate.project */
static char *default_project(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(slash ? slash : path, '.');
    size_t stem = dot ? (size_t)(dot - path) : strlen(path);
    char *p = malloc(stem + sizeof ".project");
    if (p) memcpy(p, path, stem), strcpy(p + stem, ".project");
    return p;
}

static int read_suite(vsuite *s, const char *path, const validate_opts *o)
{
    char err[1024];
    int rc;
    if (looks_like_xml(path)) {
        rc = vsuite_read_petrarch(s, path, err, sizeof err);
    } else {
        char *project = o->project ? strdup(o->project) : default_project(path);
        rc = project ? vsuite_read_tabari(s, path, project, err, sizeof err) : -1;
        if (!project) snprintf(err, sizeof err, "out of memory");
        free(project);
    }
    if (rc < 0) fprintf(stderr, "parley validate: %s\n", err);
    return rc;
}

static parley_ctx *load_suite_dicts(const vsuite *s, const validate_opts *o)
{
    parley_ctx *ctx = parley_ctx_new();
    if (!ctx) return NULL;
    /* Dictionary warnings would bury the report; errors still stop the run below. */
    const char *dict = o->dict ? o->dict : s->dict;
    parley_status rc = parley_ctx_load_dict(ctx, dict);
    if (rc == PARLEY_OK) rc = parley_ctx_compile(ctx);
    if (rc != PARLEY_OK) {
        fprintf(stderr, "parley validate: dictionaries %s: %s\n", dict, parley_errmsg(ctx));
        parley_ctx_free(ctx);
        return NULL;
    }
    return ctx;
}

static int same_event(const vexpect *x, const parley_event *e)
{
    const char *src = e->source.code ? e->source.code : "---";
    const char *tgt = e->target.code ? e->target.code : "---";
    return !strcmp(x->source, src) && !strcmp(x->target, tgt) && e->code &&
           !strcmp(x->code, e->code);
}

/* Every expected event coded once, and nothing else. */
static int record_passes(const vrecord *r, const parley_events *ev)
{
    size_t n = parley_events_count(ev);
    if (r->kind != VREC_EVENTS) return n == 0;
    if (n != r->nexpect) return 0;
    unsigned char used[256] = {0};
    if (n > sizeof used) return 0;
    for (size_t k = 0; k < r->nexpect; k++) {
        size_t i = 0;
        while (i < n && (used[i] || !same_event(&r->expect[k], parley_events_get(ev, i)))) i++;
        if (i == n) return 0;
        used[i] = 1;
    }
    return 1;
}

static void print_expected(const vrecord *r)
{
    printf("    expected:");
    if (r->kind == VREC_NO_EVENT) printf(" no event");
    else if (r->kind == VREC_DISCARD) printf(" discarded");
    else if (r->kind == VREC_EXPECTS_ERROR) printf(" an input error, no event");
    for (size_t k = 0; k < r->nexpect; k++)
        printf("%s %s %s %s", k ? ";" : "", r->expect[k].source, r->expect[k].target,
               r->expect[k].code);
    printf("\n");
}

static void print_coded(const parley_events *ev)
{
    size_t n = parley_events_count(ev);
    printf("    coded:   ");
    if (!ev) printf(" nothing (the input was refused)");
    else if (!n) printf(" nothing");
    for (size_t i = 0; i < n; i++) {
        const parley_event *e = parley_events_get(ev, i);
        printf("%s %s %s %s", i ? ";" : "", e->source.code ? e->source.code : "---",
               e->target.code ? e->target.code : "---", e->code);
    }
    printf("\n");
    for (size_t i = 0; i < n; i++)
        printf("      %s: %s\n", parley_events_get(ev, i)->code,
               parley_events_get(ev, i)->pattern ? parley_events_get(ev, i)->pattern : "");
}

typedef struct validate_totals {
    size_t passed, failed, unchecked;
    unsigned flags;          /* parley_code_opts.flags the suite's settings records ask for */
} validate_totals;

/* TABARI's settings records ("{ OPTION: SET: CONVERT AGENT = TRUE }") change how the
 * records after them are coded. parley applies those it has an option for and ignores the
 * others (docs/validation.md lists them). */
static void apply_options(const vrecord *r, validate_totals *t)
{
    if (!r->options) return;
    const char *p = strstr(r->options, "CONVERT AGENT");
    if (p) {
        if (strstr(p, "TRUE")) t->flags |= PARLEY_CODE_AGENT_ONLY;
        else if (strstr(p, "FALSE")) t->flags &= ~(unsigned)PARLEY_CODE_AGENT_ONLY;
    }
}

static int run_record(parley_ctx *ctx, const vsuite *s, const vrecord *r,
                      const validate_opts *o, validate_totals *t)
{
    parley_story *story = parley_story_new(r->id, r->date[0] ? r->date : NULL, NULL, r->text,
                                           strlen(r->text));
    parley_events *ev = NULL;
    parley_code_opts opts = {.flags = t->flags, .parse = o->use_parse ? r->parse : NULL};
    parley_status rc = story ? parley_code_with(ctx, story, &opts, &ev) : PARLEY_ENOMEM;
    /* A record whose parse is broken codes nothing (right when the record expects no event
     * or says its input is broken on purpose); the run goes on. */
    int refused = rc == PARLEY_EPARSE;
    if (refused) printf("note %s: %s\n", r->id, parley_errmsg(ctx));
    if (rc != PARLEY_OK && !refused) {
        fprintf(stderr, "parley validate: %s:%ld: %s: %s\n", s->file, r->line, r->id,
                parley_status_str(rc));
        parley_story_free(story);
        return -1;
    }
    if (r->kind == VREC_UNCHECKED) {
        t->unchecked++;
    } else if (record_passes(r, ev)) {
        t->passed++;
        if (!o->quiet) printf("pass %s\n", r->id);
    } else {
        t->failed++;
        printf("FAIL %s (%s:%ld)\n    text: %s\n", r->id, s->file, r->line, r->text);
        print_expected(r);
        print_coded(ev);
    }
    parley_events_free(ev);
    parley_story_free(story);
    apply_options(r, t);
    return 0;
}

int cmd_validate(int argc, char **argv)
{
    validate_opts o = {0};
    if (parse_validate_opts(argc, argv, &o) < 0) return CLI_EXIT_USAGE;
    const char *path = argv[argc - 1];
    vsuite s = {0};
    if (read_suite(&s, path, &o) < 0) {
        vsuite_free(&s);
        return CLI_EXIT_USAGE;
    }
    if (o.use_parse && strcmp(s.format, "PETRARCH")) {
        fprintf(stderr, "parley validate: --use-parse: %s records carry no parse\n", s.format);
        vsuite_free(&s);
        return CLI_EXIT_USAGE;
    }
    parley_ctx *ctx = load_suite_dicts(&s, &o);
    validate_totals t = {0};
    int rc = ctx ? 0 : -1;
    for (size_t i = 0; i < s.nrecords && rc == 0; i++)
        rc = run_record(ctx, &s, &s.records[i], &o, &t);
    if (rc == 0) {
        printf("%s %s: %zu records checked, %zu not checked (comments, settings)", s.format,
               path, t.passed + t.failed, t.unchecked);
        if (s.after_end) printf(", %zu after the end record not run", s.after_end);
        printf("\n%zu passed, %zu failed\n", t.passed, t.failed);
    }
    parley_ctx_free(ctx);
    vsuite_free(&s);
    if (rc < 0) return CLI_EXIT_USAGE;
    return (long)t.passed < o.floor ? CLI_EXIT_SOME : CLI_EXIT_OK;
}
