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
    "                       Treebank <Parse> (parley_code_opts.parse); records after\n"
    "                       <Config option=\"require_dyad\" value=\"false\"> then code\n"
    "                       events with one side unknown (PARLEY_CODE_PARTIAL)\n"
    "      --floor N        exit 1 when fewer than N records pass\n"
    "  -q, --quiet          print only failing records and the totals\n"
    "  -h, --help           this help\n"
    "\n"
    "Records that only change settings or carry comments are coded but not checked; they\n"
    "are counted apart. TABARI's settings records (CONVERT AGENT, DEFAULT, CODE BY, MINIMUM\n"
    "WORDS, FORWARD, COMMA) apply to the records after them; with FORWARD on, records whose\n"
    "ids differ only in the sentence number are coded as the sentences of one story.\n"
    "TABARI's defaults hold until a record says otherwise: CODE BY CLAUSE, DEFAULT without\n"
    "PRIOR and AFTER (parley code --tabari-sides), one source per clause (--tabari-clauses),\n"
    "COMMA dropping asides of 2 to 10 words between commas or after the last one,\n"
    "MINIMUM WORDS = 8, and TABARI's roles (--tabari-roles).\n"
    "Exit status: 0 done (and the floor met), 1 below the floor, 2 usage, I/O or\n"
    "dictionary error.\n";

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

/* Every expected event coded once, and nothing else: among the events from index `first`
 * on (the record's own when it continues a story). */
static int record_passes(const vrecord *r, const parley_events *ev, size_t first)
{
    size_t n = parley_events_count(ev) - first;
    if (r->kind != VREC_EVENTS) return n == 0;
    if (n != r->nexpect) return 0;
    unsigned char used[256] = {0};
    if (n > sizeof used) return 0;
    for (size_t k = 0; k < r->nexpect; k++) {
        size_t i = 0;
        while (i < n && (used[i] || !same_event(&r->expect[k], parley_events_get(ev, first + i))))
            i++;
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

static void print_coded(const parley_events *ev, size_t first)
{
    size_t n = parley_events_count(ev);
    printf("    coded:   ");
    if (!ev) printf(" nothing (the input was refused)");
    else if (n == first) printf(" nothing");
    for (size_t i = first; i < n; i++) {
        const parley_event *e = parley_events_get(ev, i);
        printf("%s %s %s %s", i > first ? ";" : "", e->source.code ? e->source.code : "---",
               e->target.code ? e->target.code : "---", e->code);
    }
    printf("\n");
    for (size_t i = first; i < n; i++)
        printf("      %s: %s\n", parley_events_get(ev, i)->code,
               parley_events_get(ev, i)->pattern ? parley_events_get(ev, i)->pattern : "");
}

/* TABARI's settings records ("{ OPTION: SET: CONVERT AGENT = TRUE }") change how the
 * records after them are coded. parley applies those it has an option for (CONVERT AGENT,
 * DEFAULT, CODE BY, MINIMUM WORDS, FORWARD, COMMA) and ignores the others (OUTPUT, COMPLEX,
 * TIME SHIFT; YYYY needs nothing: the reader tells 8-digit dates by their length). */
typedef struct tabari_settings {
    unsigned flags;          /* parley_code_opts.flags */
    char default_source[16], default_target[16]; /* "" when not set */
    unsigned min_words;
    char forward[32];        /* FORWARD's record-id mask, "" when off */
    parley_comma_clauses commas;
} tabari_settings;

/* With FORWARD on, records whose ids differ only under the mask's 'S' (sentence) are the
 * sentences of one story: each is coded after the ones before it, so that its pronouns
 * can stand for their actors. */
typedef struct story_so_far {
    char key[32];            /* the record id outside the sentence number; "" for none */
    char *text;              /* the records' texts so far, a blank line apart */
    size_t sentences;        /* how many sentences they make */
} story_so_far;

/* TABARI looks for a missing source after the verb and a missing target before it. */
#define TABARI_SIDES (PARLEY_CODE_SOURCE_AFTER | PARLEY_CODE_TARGET_BEFORE)

typedef struct validate_totals {
    size_t passed, failed, unchecked;
    tabari_settings set;
    story_so_far story;
} validate_totals;

/* "[CODE]" after `key` in an option, into out; "" when absent. */
static void bracketed_after(const char *opt, const char *key, char *out, size_t cap)
{
    const char *p = strstr(opt, key), *open = p ? strchr(p, '[') : NULL;
    const char *close = open ? strchr(open, ']') : NULL;
    size_t n = close ? (size_t)(close - open - 1) : 0;
    if (n >= cap) n = 0;
    memcpy(out, open ? open + 1 : "", n);
    out[n] = 0;
}

/* "DEFAULT: SOURCE [X] PRIOR TARGET [Y] AFTER": X is the source when none is found, and
 * with PRIOR only before the verb; Y the target, and with AFTER only after it. Without
 * PRIOR and AFTER (and after "DEFAULT: OFF") TABARI looks on both sides. */
static void set_defaults(const char *opt, tabari_settings *set)
{
    set->flags |= TABARI_SIDES;
    set->default_source[0] = set->default_target[0] = 0;
    if (strstr(opt, "OFF")) return;
    bracketed_after(opt, "SOURCE", set->default_source, sizeof set->default_source);
    bracketed_after(opt, "TARGET", set->default_target, sizeof set->default_target);
    if (strstr(opt, "PRIOR")) set->flags &= ~(unsigned)PARLEY_CODE_SOURCE_AFTER;
    if (strstr(opt, "AFTER")) set->flags &= ~(unsigned)PARLEY_CODE_TARGET_BEFORE;
}

/* "FORWARD: ^^*****NNN*SSS [OFF]": the mask lines up with the header after its date, the
 * '^' over the blanks before the record id; an empty mask is off. Pronouns forward the
 * actor of the sentence before (PARLEY_CODE_FORWARD_ACTOR). */
static void set_forward(const char *opt, tabari_settings *set)
{
    const char *p = opt + strlen("FORWARD:");
    while (*p == ' ') p++;
    while (*p == '^') p++;
    size_t n = strcspn(p, " ");
    if (strstr(p, "OFF") || n >= sizeof set->forward) n = 0;
    memcpy(set->forward, p, n);
    set->forward[n] = 0;
    set->flags &= ~(unsigned)PARLEY_CODE_FORWARD_ACTOR;
    if (n) set->flags |= PARLEY_CODE_FORWARD_ACTOR;
}

/* "COMMA: MIN = 2 MAX = 10 EMIN = 2 EMAX = 10 BMIN = 255 BMAX = 0" (TABARI's default), or
 * "COMMA: OFF": each name is followed by its value; one not given keeps its setting. */
static void set_commas(const char *opt, tabari_settings *set)
{
    static const char *const keys[] = {"MIN", "MAX", "EMIN", "EMAX", "BMIN", "BMAX"};
    parley_comma_clauses *c = &set->commas;
    unsigned *values[] = {&c->min, &c->max, &c->end_min, &c->end_max, &c->begin_min,
                          &c->begin_max};
    if (strstr(opt, "OFF")) {
        memset(c, 0, sizeof *c);
        return;
    }
    const char *p = opt + strlen("COMMA:"), *sep = " =\t";
    for (size_t n; *(p += strspn(p, sep)); p += n) {
        n = strcspn(p, sep);
        const char *value = p + n + strspn(p + n, sep);
        for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
            if (n == strlen(keys[k]) && !strncmp(p, keys[k], n))
                *values[k] = (unsigned)strtoul(value, NULL, 10);
    }
}

/* SET: CODE BY SENTENCE, CODE BY CLAUSE, CODE ALL. */
static void set_code_by(const char *opt, tabari_settings *set)
{
    set->flags &= ~(unsigned)(PARLEY_CODE_BY_SENTENCE | PARLEY_CODE_BY_CLAUSE);
    if (strstr(opt, "SENTENCE")) set->flags |= PARLEY_CODE_BY_SENTENCE;
    else if (strstr(opt, "CLAUSE")) set->flags |= PARLEY_CODE_BY_CLAUSE;
}

static void apply_option(const char *opt, tabari_settings *set)
{
    if (!strncmp(opt, "DEFAULT:", 8)) set_defaults(opt, set);
    else if (!strncmp(opt, "FORWARD:", 8)) set_forward(opt, set);
    else if (!strncmp(opt, "COMMA:", 6)) set_commas(opt, set);
    else if (strstr(opt, "CODE BY") || strstr(opt, "CODE ALL")) set_code_by(opt, set);
    else if (strstr(opt, "CONVERT AGENT")) {
        set->flags &= ~(unsigned)PARLEY_CODE_AGENT_ONLY;
        if (strstr(opt, "TRUE")) set->flags |= PARLEY_CODE_AGENT_ONLY;
    } else if (strstr(opt, "MINIMUM WORDS")) {
        const char *eq = strchr(opt, '=');
        set->min_words = eq ? (unsigned)strtoul(eq + 1, NULL, 10) : 0;
    }
}

/* The record's options, "A; B; ...", in order. */
static void apply_options(const vrecord *r, tabari_settings *set)
{
    for (const char *p = r->options; p && *p;) {
        const char *e = strstr(p, "; ");
        size_t n = e ? (size_t)(e - p) : strlen(p);
        char opt[256];
        if (n >= sizeof opt) n = sizeof opt - 1;
        memcpy(opt, p, n);
        opt[n] = 0;
        apply_option(opt, set);
        p = e ? e + 2 : p + n;
    }
}

/* The story key of a record id under the FORWARD mask: the id without its sentence number;
 * "" when forwarding is off or the id does not fit the mask. */
static void story_key(const char *id, const char *mask, char *key, size_t cap)
{
    size_t n = 0;
    if (*mask && strlen(id) == strlen(mask))
        for (size_t i = 0; id[i] && n + 1 < cap; i++)
            if (mask[i] != 'S') key[n++] = id[i];
    key[n] = 0;
}

/* The text to code for record r: its own, or the story's so far and its own when it goes on
 * with the story of the record before. NULL when out of memory. */
static const char *text_to_code(const vrecord *r, validate_totals *t)
{
    story_so_far *st = &t->story;
    char key[sizeof st->key];
    story_key(r->id, t->set.forward, key, sizeof key);
    if (!*key || strcmp(key, st->key)) {
        free(st->text);
        st->text = NULL;
        st->sentences = 0;
        strcpy(st->key, key);
        if (!*key) return r->text;
    }
    size_t old = st->text ? strlen(st->text) : 0;
    char *joined = realloc(st->text, old + strlen(r->text) + 3);
    if (!joined) return NULL;
    strcpy(joined + old, old ? "\n\n" : "");
    strcat(joined, r->text);
    st->text = joined;
    return joined;
}

/* The record's own events start after the sentences of the story before it. */
static size_t own_events(const parley_events *ev, size_t sentences_before)
{
    size_t i = 0, n = parley_events_count(ev);
    while (i < n && parley_events_get(ev, i)->sentence <= sentences_before) i++;
    return i;
}

static int code_record(parley_ctx *ctx, const vrecord *r, const char *text,
                       const validate_opts *o, const validate_totals *t, parley_events **ev)
{
    parley_story *story = text ? parley_story_new(r->id, r->date[0] ? r->date : NULL, NULL,
                                                  text, strlen(text))
                               : NULL;
    const tabari_settings *set = &t->set;
    const char *parse = o->use_parse ? r->parse : NULL;
    /* PETRARCH's require_dyad off: its "---" sides stand for noun phrases of its parse,
     * which only the parse tells apart ("said on Saturday" has one, "said today" none). */
    unsigned flags = set->flags | (r->partial && parse ? PARLEY_CODE_PARTIAL : 0);
    parley_code_opts opts = {.flags = flags, .parse = parse,
                             .default_source = set->default_source[0] ? set->default_source : NULL,
                             .default_target = set->default_target[0] ? set->default_target : NULL,
                             .min_words = set->min_words, .commas = set->commas};
    parley_status rc = story ? parley_code_with(ctx, story, &opts, ev) : PARLEY_ENOMEM;
    parley_story_free(story);
    return rc;
}

static int run_record(parley_ctx *ctx, const vsuite *s, const vrecord *r,
                      const validate_opts *o, validate_totals *t)
{
    parley_events *ev = NULL;
    const char *text = text_to_code(r, t);
    size_t sentences_before = t->story.sentences;
    parley_status rc = code_record(ctx, r, text, o, t, &ev);
    /* A record whose parse is broken codes nothing (right when the record expects no event
     * or says its input is broken on purpose); the run goes on. */
    int refused = rc == PARLEY_EPARSE;
    if (refused) printf("note %s: %s\n", r->id, parley_errmsg(ctx));
    if (rc != PARLEY_OK && !refused) {
        fprintf(stderr, "parley validate: %s:%ld: %s: %s\n", s->file, r->line, r->id,
                parley_status_str(rc));
        return -1;
    }
    if (t->story.text && ev) t->story.sentences = parley_events_sentences(ev);
    size_t first = own_events(ev, sentences_before);
    if (r->kind == VREC_UNCHECKED) {
        t->unchecked++;
    } else if (record_passes(r, ev, first)) {
        t->passed++;
        if (!o->quiet) printf("pass %s\n", r->id);
    } else {
        t->failed++;
        printf("FAIL %s (%s:%ld)\n    text: %s\n", r->id, s->file, r->line, r->text);
        print_expected(r);
        print_coded(ev, first);
    }
    parley_events_free(ev);
    apply_options(r, &t->set);
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
    /* TABARI's own defaults: a clause codes its first verb that codes an event and has one
     * source; sides the words next to the verb do not name are looked for on both sides of
     * it, passing over names no dictionary codes; asides of 2 to 10 words between commas
     * or after the last one are dropped; sentences of fewer than 8 words code nothing (the
     * default the suite's MINIMUM WORDS records return to); a role is only the country's
     * next to it. */
    if (!strcmp(s.format, "TABARI")) {
        t.set.flags = PARLEY_CODE_BY_CLAUSE | PARLEY_CODE_SKIP_UNKNOWN | TABARI_SIDES |
                      PARLEY_CODE_CLAUSE_SOURCE | PARLEY_CODE_ADJACENT_ROLES;
        t.set.commas = (parley_comma_clauses){2, 10, 2, 10, 0, 0};
        t.set.min_words = 8;
    }
    int rc = ctx ? 0 : -1;
    for (size_t i = 0; i < s.nrecords && rc == 0; i++)
        rc = run_record(ctx, &s, &s.records[i], &o, &t);
    if (rc == 0) {
        printf("%s %s: %zu records checked, %zu not checked (comments, settings)", s.format,
               path, t.passed + t.failed, t.unchecked);
        if (s.after_end) printf(", %zu after the end record not run", s.after_end);
        printf("\n%zu passed, %zu failed\n", t.passed, t.failed);
    }
    free(t.story.text);
    parley_ctx_free(ctx);
    vsuite_free(&s);
    if (rc < 0) return CLI_EXIT_USAGE;
    return (long)t.passed < o.floor ? CLI_EXIT_SOME : CLI_EXIT_OK;
}
