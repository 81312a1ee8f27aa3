/* cmd_itinerary.c: `parley itinerary`: for each named actor, the places and dates the
 * stories put them in (parley_stop), in order of date, one line a stop. */
#include "cli/cli.h"
#include "parley.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char itinerary_usage[] =
    "usage: parley itinerary [OPTIONS] FILE...\n"
    "\n"
    "Lists, for each named actor, the places and dates the stories in FILE(s) put them in:\n"
    "visits, returns, transits (\"via\") and meetings with a place, one line a stop, in\n"
    "order of date (then of the text).\n"
    "\n"
    "options:\n"
    "  -a, --actor NAME     only this actor: a name (\"John Kerry\"), a word of it\n"
    "                       (\"Kerry\") or a dictionary entry (JOHN_KERRY), any case\n"
    "  -f, --format FMT     table (default) or jsonl\n"
    "  -i, --input FMT      auto (default), news, jsonl or text\n"
    "  -d, --date DATE      YYYY-MM-DD: the date of stories that carry none\n"
    "  -D, --dict PATH      dictionaries (as for parley code)\n"
    "      --gazetteer FILE the gazetteer for coordinates (as for parley code)\n"
    "      --no-places      no gazetteer: places without coordinates\n"
    "  -h, --help           this help\n"
    "\n"
    "Exit status: 0 all stories read, 1 some story skipped, 2 usage or I/O error.\n";

typedef struct it_opts {
    const char *actor, *input_date, *dict, *gazetteer;
    parley_format input;
    int jsonl, no_places;
} it_opts;

/* A stop copied out of its story's event list, to be sorted with the others. */
typedef struct it_stop {
    json_t *obj;             /* the JSON Lines object, which holds every field */
    const char *name, *date; /* borrowed from obj */
    size_t order;            /* reading order */
} it_stop;

typedef struct it_run {
    it_stop *v;
    size_t n, cap;
    size_t read, skipped;
    int io_error;
} it_run;

static int parse_it_opts(int argc, char **argv, it_opts *o)
{
    static const struct option longopts[] = {
        {"actor", required_argument, 0, 'a'},  {"format", required_argument, 0, 'f'},
        {"input", required_argument, 0, 'i'},  {"date", required_argument, 0, 'd'},
        {"dict", required_argument, 0, 'D'},   {"gazetteer", required_argument, 0, 'G'},
        {"no-places", no_argument, 0, 'N'},    {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    static const char *inputs[] = {"auto", "news", "jsonl", "text"};
    int c;
    while ((c = getopt_long(argc, argv, "a:f:i:d:D:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'a': o->actor = optarg; break;
        case 'f':
            if (!strcmp(optarg, "jsonl")) o->jsonl = 1;
            else if (strcmp(optarg, "table")) {
                fprintf(stderr, "parley itinerary: --format: table or jsonl, not '%s'\n", optarg);
                return -1;
            }
            break;
        case 'i': {
            int found = 0;
            for (int k = 0; k < 4; k++)
                if (!strcmp(optarg, inputs[k])) o->input = (parley_format)k, found = 1;
            if (!found) {
                fprintf(stderr, "parley itinerary: --input: auto, news, jsonl or text, not '%s'\n",
                        optarg);
                return -1;
            }
            break;
        }
        case 'd': o->input_date = optarg; break;
        case 'D': o->dict = optarg; break;
        case 'G': o->gazetteer = optarg; break;
        case 'N': o->no_places = 1; break;
        case 'h': fputs(itinerary_usage, stdout); exit(CLI_EXIT_OK);
        default: fputs(itinerary_usage, stderr); return -1;
        }
    }
    if (optind >= argc) {
        fputs(itinerary_usage, stderr);
        return -1;
    }
    return 0;
}

/* "Kerry" matches "John Kerry"; "john_kerry" matches the entry JOHN_KERRY. */
static int actor_matches(const char *want, const parley_stop *s)
{
    if (!want) return 1;
    if (!strcasecmp(want, s->name) || (s->actor.actor && !strcasecmp(want, s->actor.actor)))
        return 1;
    size_t n = strlen(want);
    for (const char *p = s->name; *p;) {
        while (*p == ' ') p++;
        const char *e = p;
        while (*e && *e != ' ') e++;
        if ((size_t)(e - p) == n && !strncasecmp(p, want, n)) return 1;
        p = e;
    }
    return 0;
}

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *stop_json(const parley_story *story, const parley_stop *s)
{
    json_t *place = json_pack("{s:o,s:o}", "name", str_or_null(s->place.name), "country",
                              str_or_null(s->place.country));
    if (place && s->place.has_coords) {
        json_object_set_new(place, "lat", json_real(s->place.lat));
        json_object_set_new(place, "lon", json_real(s->place.lon));
    } else if (place) {
        json_object_set_new(place, "lat", json_null());
        json_object_set_new(place, "lon", json_null());
    }
    return json_pack("{s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:s,s:s,s:s,s:I}", "actor", s->name,
                     "actor_code", str_or_null(s->actor.code), "actor_entry",
                     str_or_null(s->actor.actor), "place", place ? place : json_null(), "date",
                     str_or_null(s->date), "date_end", str_or_null(s->date_end),
                     "date_precision", str_or_null(s->date_precision), "date_basis",
                     str_or_null(s->date_basis), "date_text", str_or_null(s->date_text), "kind",
                     s->kind, "cue", s->cue, "story", parley_story_id(story), "sentence",
                     (json_int_t)s->sentence);
}

static int keep_stops(it_run *r, const it_opts *o, const parley_story *story,
                      const parley_events *ev)
{
    for (size_t i = 0; i < parley_events_stops(ev); i++) {
        const parley_stop *s = parley_events_stop(ev, i);
        if (!actor_matches(o->actor, s)) continue;
        if (r->n == r->cap) {
            size_t cap = r->cap ? r->cap * 2 : 64;
            it_stop *v = realloc(r->v, cap * sizeof *v);
            if (!v) return -1;
            r->v = v, r->cap = cap;
        }
        json_t *obj = stop_json(story, s);
        if (!obj) return -1;
        it_stop *k = &r->v[r->n];
        k->obj = obj;
        k->name = json_string_value(json_object_get(obj, "actor"));
        k->date = json_string_value(json_object_get(obj, "date"));
        k->order = r->n++;
    }
    return 0;
}

static int read_file(parley_ctx *ctx, const it_opts *o, const char *path, it_run *r)
{
    parley_reader_opts ropts = {o->input, o->input_date, print_diag, NULL};
    parley_reader *reader = NULL;
    char err[512] = "";
    if (parley_reader_open(&reader, path, &ropts, err, sizeof err) != PARLEY_OK) {
        fprintf(stderr, "parley: error: %s\n", err[0] ? err : path);
        r->io_error = 1;
        return 0;
    }
    int rc = 0;
    for (;;) {
        parley_story *story = NULL;
        parley_status st = parley_reader_next(reader, &story);
        if (st == PARLEY_END) break;
        if (st != PARLEY_OK) {
            r->read += st == PARLEY_EPARSE;
            r->skipped += st == PARLEY_EPARSE;
            if (st == PARLEY_EPARSE) continue;
            r->io_error = 1;
            break;
        }
        r->read++;
        parley_events *ev = NULL;
        if (parley_code(ctx, story, &ev) != PARLEY_OK) {
            fprintf(stderr, "parley: %s: error: %s\n", parley_story_id(story), parley_errmsg(ctx));
            r->skipped++;
        } else if (keep_stops(r, o, story, ev)) {
            rc = -1;
        }
        parley_events_free(ev);
        parley_story_free(story);
        if (rc) break;
    }
    parley_reader_free(reader);
    return rc;
}

/* By actor, then date (undated last), then reading order. */
static int compare_stops(const void *a, const void *b)
{
    const it_stop *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    if (c) return c;
    if (!x->date != !y->date) return x->date ? -1 : 1;
    if (x->date && (c = strcmp(x->date, y->date))) return c;
    return (x->order > y->order) - (x->order < y->order);
}

static void print_table_row(json_t *s)
{
    json_t *place = json_object_get(s, "place");
    const char *date = json_string_value(json_object_get(s, "date"));
    const char *end = json_string_value(json_object_get(s, "date_end"));
    char when[32];
    snprintf(when, sizeof when, "%s%s%s", date ? date : "-", end ? ".." : "", end ? end : "");
    char coords[48] = "-";
    if (json_is_real(json_object_get(place, "lat")))
        snprintf(coords, sizeof coords, "%.4f,%.4f",
                 json_real_value(json_object_get(place, "lat")),
                 json_real_value(json_object_get(place, "lon")));
    const char *country = json_string_value(json_object_get(place, "country"));
    printf("%-24s %-22s %-20s %-4s %-20s %-8s %s:%lld\n",
           json_string_value(json_object_get(s, "actor")), when,
           json_string_value(json_object_get(place, "name")), country ? country : "-", coords,
           json_string_value(json_object_get(s, "kind")),
           json_string_value(json_object_get(s, "story")),
           (long long)json_integer_value(json_object_get(s, "sentence")));
}

static int print_stops(const it_run *r, const it_opts *o)
{
    if (!o->jsonl)
        printf("%-24s %-22s %-20s %-4s %-20s %-8s %s\n", "ACTOR", "DATE", "PLACE", "CTRY",
               "LAT,LON", "KIND", "STORY:SENT");
    for (size_t i = 0; i < r->n; i++) {
        if (o->jsonl) {
            char *line = json_dumps(r->v[i].obj, JSON_COMPACT | JSON_PRESERVE_ORDER);
            if (!line) return -1;
            puts(line);
            free(line);
        } else {
            print_table_row(r->v[i].obj);
        }
    }
    return fflush(stdout) || ferror(stdout) ? -1 : 0;
}

int cmd_itinerary(int argc, char **argv)
{
    it_opts o = {0};
    if (parse_it_opts(argc, argv, &o)) return CLI_EXIT_USAGE;
    parley_ctx *ctx = cli_load_context(o.dict, o.gazetteer, o.no_places);
    if (!ctx) return CLI_EXIT_USAGE;
    it_run r = {0};
    int failed = 0;
    for (int i = optind; i < argc && !failed; i++) failed = read_file(ctx, &o, argv[i], &r) != 0;
    if (failed) fputs("parley itinerary: out of memory\n", stderr);
    if (r.n) qsort(r.v, r.n, sizeof *r.v, compare_stops); /* qsort wants a non-null base */
    if (!failed && print_stops(&r, &o)) {
        fprintf(stderr, "parley itinerary: cannot write: %s\n", strerror(errno));
        failed = 1;
    }
    for (size_t i = 0; i < r.n; i++) json_decref(r.v[i].obj);
    free(r.v);
    parley_ctx_free(ctx);
    if (failed || r.io_error) return CLI_EXIT_USAGE;
    return r.skipped ? CLI_EXIT_SOME : CLI_EXIT_OK;
}
