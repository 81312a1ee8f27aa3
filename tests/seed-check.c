/* seed-check: compares parley's JSON Lines events for one story with a hand-made list of the
 * events a careful human coder finds in it.
 *
 *     seed-check EXPECTED.json EVENTS.jsonl [ITINERARY.jsonl]
 *
 * EXPECTED.json is an object {"story_date": "YYYY-MM-DD", "events": [{"source", "target",
 * "code", "accept": [codes], "sentence"}, ...]}. EVENTS.jsonl is what `parley code --format
 * jsonl` wrote (docs/events.md).
 *
 * Checks, each printed and counted:
 *   - every output line is a JSON object;
 *   - every event has the schema fields, of the right types;
 *   - every event carries the expected story date;
 *   - each expected event is found: some produced event has the same source and target actor
 *     codes and a code from the expected event's `accept` list. Produced events with the same
 *     (sentence, source, target, code), as a compound subject or object gives, count once, and
 *     one produced event satisfies at most one expected event (a maximum matching, preferring
 *     the same sentence and then the same code);
 *   - at most two distinct (source, target, code) triples were produced beyond those matched.
 *   - each expected event with a date or a place: a produced event of its actors, an accepted
 *     code and its sentence has that date range (from the text) and that place, with
 *     coordinates near the place's;
 *   - with ITINERARY.jsonl (what `parley itinerary --format jsonl` wrote), each stop of the
 *     expected itinerary, in order, with its place, country and dates.
 * The last line is "seed: N passed, M failed". Exit status 0 when nothing failed, 1 when a
 * check failed, 2 when the files could not be read.
 */
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#define MAX_EXTRAS 2
#define MAX_SHOWN_PROBLEMS 12

typedef struct tally {
    int passed, failed;
} tally;

static void check(tally *t, bool ok, const char *what) {
    printf("  %-8s %s\n", ok ? "ok" : "FAIL", what);
    if (ok)
        t->passed++;
    else
        t->failed++;
}

/* ---- schema ------------------------------------------------------------------------------ */

typedef struct problems {
    long count;
    long line;
} problems;

static void problem(problems *p, const char *path, const char *what) {
    if (p->count < MAX_SHOWN_PROBLEMS)
        printf("  line %ld: %s: %s\n", p->line, path, what);
    else if (p->count == MAX_SHOWN_PROBLEMS)
        printf("  (more problems not shown)\n");
    p->count++;
}

static bool is_digits(const char *s, size_t min, size_t max) {
    size_t n = strlen(s);
    if (n < min || n > max)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

static bool is_date(const char *s) {
    static const char shape[] = "dddd-dd-dd";
    if (strlen(s) != sizeof shape - 1)
        return false;
    for (size_t i = 0; shape[i]; i++)
        if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != shape[i])
            return false;
    return true;
}

/* The member `key` of `obj`, reporting it when absent. */
static json_t *member(problems *p, json_t *obj, const char *prefix, const char *key) {
    char path[64];
    snprintf(path, sizeof path, "%s%s", prefix, key);
    json_t *v = json_object_get(obj, key);
    if (!v)
        problem(p, path, "missing");
    return v;
}

static void want_string_or_null(problems *p, json_t *obj, const char *prefix, const char *key) {
    json_t *v = member(p, obj, prefix, key);
    if (v && !json_is_string(v) && !json_is_null(v)) {
        char path[64];
        snprintf(path, sizeof path, "%s%s", prefix, key);
        problem(p, path, "not a string or null");
    }
}

static void want_date_or_null(problems *p, json_t *obj, const char *key) {
    json_t *v = member(p, obj, "", key);
    if (!v || json_is_null(v))
        return;
    if (!json_is_string(v) || !is_date(json_string_value(v)))
        problem(p, key, "not a YYYY-MM-DD string or null");
}

static void want_number_or_null(problems *p, json_t *obj, const char *prefix, const char *key) {
    json_t *v = member(p, obj, prefix, key);
    if (v && !json_is_number(v) && !json_is_null(v)) {
        char path[64];
        snprintf(path, sizeof path, "%s%s", prefix, key);
        problem(p, path, "not a number or null");
    }
}

static void check_actor(problems *p, json_t *ev, const char *key) {
    json_t *a = member(p, ev, "", key);
    if (!a)
        return;
    if (!json_is_object(a)) {
        problem(p, key, "not an object");
        return;
    }
    char prefix[32];
    snprintf(prefix, sizeof prefix, "%s.", key);
    static const char *const fields[] = {"text", "code", "country", "agent", "actor"};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        want_string_or_null(p, a, prefix, fields[i]);
    json_t *inf = member(p, a, prefix, "inferred");
    if (inf && !json_is_boolean(inf)) {
        char path[64];
        snprintf(path, sizeof path, "%sinferred", prefix);
        problem(p, path, "not true or false");
    }
}

static void check_event_schema(problems *p, json_t *ev) {
    json_t *v;
    if ((v = member(p, ev, "", "story")) && !json_is_string(v))
        problem(p, "story", "not a string");
    if ((v = member(p, ev, "", "sentence")) && (!json_is_integer(v) || json_integer_value(v) < 1))
        problem(p, "sentence", "not an integer of 1 or more");
    want_date_or_null(p, ev, "story_date");
    want_date_or_null(p, ev, "date");
    want_date_or_null(p, ev, "date_end");
    check_actor(p, ev, "source");
    check_actor(p, ev, "target");

    const char *code = NULL;
    if ((v = member(p, ev, "", "code"))) {
        if (json_is_string(v) && is_digits(json_string_value(v), 2, 4))
            code = json_string_value(v);
        else
            problem(p, "code", "not a CAMEO code string of 2 to 4 digits");
    }
    if ((v = member(p, ev, "", "root")) && !json_is_null(v)) {
        if (!json_is_string(v) || !is_digits(json_string_value(v), 2, 2))
            problem(p, "root", "not a 2-digit string or null");
        else if (code && strncmp(code, json_string_value(v), 2) != 0)
            problem(p, "root", "not the first two digits of code");
    }
    if ((v = member(p, ev, "", "quad_class")) && !json_is_null(v) &&
        (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > 4))
        problem(p, "quad_class", "not an integer 1 to 4 or null");
    if ((v = member(p, ev, "", "goldstein")) && !json_is_null(v) &&
        (!json_is_number(v) || json_number_value(v) < -10.0 || json_number_value(v) > 10.0))
        problem(p, "goldstein", "not a number from -10 to 10 or null");
    if ((v = member(p, ev, "", "place")) && !json_is_null(v)) {
        if (!json_is_object(v)) {
            problem(p, "place", "not an object or null");
        } else {
            want_string_or_null(p, v, "place.", "name");
            want_string_or_null(p, v, "place.", "country");
            want_number_or_null(p, v, "place.", "lat");
            want_number_or_null(p, v, "place.", "lon");
        }
    }
    want_string_or_null(p, ev, "", "pattern");
    if ((v = member(p, ev, "", "span"))) {
        json_t *s = json_array_get(v, 0), *e = json_array_get(v, 1);
        if (!json_is_array(v) || json_array_size(v) != 2 || !json_is_integer(s) ||
            !json_is_integer(e) || json_integer_value(s) < 0 ||
            json_integer_value(s) > json_integer_value(e))
            problem(p, "span", "not [start, end] with 0 <= start <= end");
    }
}

/* ---- produced events, collapsed ------------------------------------------------------------ */

typedef struct unit {
    long sentence;
    const char *source, *target, *code; /* owned by the parsed lines; "null" when unknown */
    const char *pattern;
    int matched_by;                      /* index of the expected event, or -1 */
} unit;

static const char *code_of(json_t *ev, const char *actor) {
    json_t *v = actor ? json_object_get(json_object_get(ev, actor), "code")
                      : json_object_get(ev, "code");
    return json_is_string(v) ? json_string_value(v) : "null";
}

static bool same_triple(const unit *a, const unit *b) {
    return strcmp(a->source, b->source) == 0 && strcmp(a->target, b->target) == 0 &&
           strcmp(a->code, b->code) == 0;
}

/* ---- expected events ---------------------------------------------------------------------- */

typedef struct expected {
    const char *source, *target, *code;
    json_t *accept; /* array of strings; borrowed */
    long sentence;  /* 0 if not given */
    size_t *cand;   /* units that could satisfy it, best first */
    size_t ncand;
    int unit;       /* the unit matched, or -1 */
} expected;

static bool accepts(const expected *x, const char *code) {
    if (strcmp(x->code, code) == 0)
        return true;
    size_t i;
    json_t *c;
    json_array_foreach(x->accept, i, c) {
        if (json_is_string(c) && strcmp(json_string_value(c), code) == 0)
            return true;
    }
    return false;
}

static int rank(const expected *x, const unit *u) {
    return (x->sentence && u->sentence != x->sentence) * 2 + (strcmp(u->code, x->code) != 0);
}

/* Kuhn's augmenting path step. */
static bool augment(expected *xs, unit *us, size_t i, bool *visited) {
    for (size_t k = 0; k < xs[i].ncand; k++) {
        size_t j = xs[i].cand[k];
        if (visited[j])
            continue;
        visited[j] = true;
        if (us[j].matched_by < 0 || augment(xs, us, (size_t)us[j].matched_by, visited)) {
            us[j].matched_by = (int)i;
            xs[i].unit = (int)j;
            return true;
        }
    }
    return false;
}

static void print_accept(const expected *x) {
    printf("%s", x->code);
    size_t i;
    json_t *c;
    json_array_foreach(x->accept, i, c) {
        if (json_is_string(c) && strcmp(json_string_value(c), x->code) != 0)
            printf("|%s", json_string_value(c));
    }
}

/* ---- main --------------------------------------------------------------------------------- */

/* ---- when and where ------------------------------------------------------------------- */

/* Where a few places are, to check coordinates against (degrees; a place passes within
 * half a degree). */
static const struct {
    const char *name;
    double lat, lon;
} known_places[] = {{"Tokyo", 35.69, 139.69},   {"Tianjin", 39.14, 117.18},
                    {"Seoul", 37.57, 126.98},   {"Washington, D.C.", 38.90, -77.04}};

static bool near_known(const char *name, json_t *place) {
    json_t *lat = json_object_get(place, "lat"), *lon = json_object_get(place, "lon");
    if (!json_is_number(lat) || !json_is_number(lon))
        return false;
    for (size_t i = 0; i < sizeof known_places / sizeof *known_places; i++)
        if (!strcmp(known_places[i].name, name)) {
            double dlat = json_number_value(lat) - known_places[i].lat;
            double dlon = json_number_value(lon) - known_places[i].lon;
            return dlat * dlat + dlon * dlon < 0.25;
        }
    return true; /* no reference: coordinates present is all that is asked */
}

static bool str_is(json_t *v, const char *s) {
    return s ? json_is_string(v) && !strcmp(json_string_value(v), s) : json_is_null(v) || !v;
}

/* An expected event with a date or a place: some produced event with its actors, an
 * accepted code and (when given) its sentence has that date range and that place, with
 * coordinates near the place's. */
static bool when_where_found(json_t *lines, json_t *x) {
    const char *src = json_string_value(json_object_get(x, "source"));
    const char *tgt = json_string_value(json_object_get(x, "target"));
    const char *date = json_string_value(json_object_get(x, "date"));
    const char *end = json_string_value(json_object_get(x, "date_end"));
    const char *place = json_string_value(json_object_get(x, "place"));
    const char *country = json_string_value(json_object_get(x, "place_country"));
    json_t *sent = json_object_get(x, "sentence"), *accept = json_object_get(x, "accept");
    size_t i;
    json_t *ev;
    json_array_foreach(lines, i, ev) {
        json_t *code = json_object_get(ev, "code");
        bool ok = !strcmp(code_of(ev, "source"), src) && !strcmp(code_of(ev, "target"), tgt);
        bool accepted = false;
        size_t k;
        json_t *a;
        json_array_foreach(accept, k, a) accepted |= json_equal(a, code);
        ok = ok && accepted;
        if (json_is_integer(sent))
            ok = ok && json_equal(sent, json_object_get(ev, "sentence"));
        if (date)
            ok = ok && str_is(json_object_get(ev, "date"), date) &&
                 str_is(json_object_get(ev, "date_end"), end) &&
                 str_is(json_object_get(ev, "date_basis"), "text");
        json_t *p = json_object_get(ev, "place");
        if (place)
            ok = ok && json_is_object(p) && str_is(json_object_get(p, "name"), place) &&
                 (!country || str_is(json_object_get(p, "country"), country)) &&
                 near_known(place, p);
        if (ok)
            return true;
    }
    return false;
}

static void check_when_where(tally *t, json_t *lines, json_t *exp_events) {
    size_t i;
    json_t *x;
    json_array_foreach(exp_events, i, x) {
        const char *date = json_string_value(json_object_get(x, "date"));
        const char *place = json_string_value(json_object_get(x, "place"));
        if (!date && !place)
            continue;
        char what[256];
        snprintf(what, sizeof what, "expected event %zu (%s -> %s, sentence %lld)%s%s%s%s", i + 1,
                 json_string_value(json_object_get(x, "source")),
                 json_string_value(json_object_get(x, "target")),
                 (long long)json_integer_value(json_object_get(x, "sentence")),
                 date ? " dated " : "", date ? date : "", place ? " placed in " : "",
                 place ? place : "");
        check(t, when_where_found(lines, x), what);
    }
}

/* The expected itinerary: each stop, in order, among the stops `parley itinerary --format
 * jsonl` wrote for the actor, with its place, country and the dates given. */
static void check_itinerary(tally *t, json_t *want, const char *path) {
    json_t *stops = json_array();
    FILE *in = fopen(path, "r");
    char *buf = NULL;
    size_t cap = 0;
    ssize_t len;
    while (in && (len = getline(&buf, &cap, in)) >= 0) {
        json_t *s = json_loadb(buf, (size_t)len, 0, NULL);
        if (s)
            json_array_append_new(stops, s);
    }
    free(buf);
    if (in)
        fclose(in);
    printf("itinerary (%zu stops written):\n", json_array_size(stops));
    size_t from = 0, i;
    json_t *x;
    json_array_foreach(want, i, x) {
        const char *actor = json_string_value(json_object_get(x, "actor"));
        const char *place = json_string_value(json_object_get(x, "place"));
        const char *country = json_string_value(json_object_get(x, "country"));
        const char *date = json_string_value(json_object_get(x, "date"));
        const char *first = json_string_value(json_object_get(x, "from"));
        bool found = false;
        for (size_t k = from; k < json_array_size(stops) && !found; k++) {
            json_t *s = json_array_get(stops, k), *p = json_object_get(s, "place");
            found = str_is(json_object_get(s, "actor"), actor) &&
                    str_is(json_object_get(p, "name"), place) &&
                    str_is(json_object_get(p, "country"), country) && near_known(place, p) &&
                    (!date || str_is(json_object_get(s, "date"), date)) &&
                    (!first || str_is(json_object_get(s, "date"), first));
            if (found)
                from = k + 1;
        }
        char what[256];
        snprintf(what, sizeof what, "stop %zu: %s in %s (%s)%s%s, in order", i + 1, actor,
                 place, country, date ? " on " : first ? " from " : "",
                 date ? date : first ? first : "");
        check(t, found, what);
    }
    json_decref(stops);
}

static int usage(void) {
    fprintf(stderr, "usage: seed-check EXPECTED.json EVENTS.jsonl [ITINERARY.jsonl]\n");
    return 2;
}

int main(int argc, char **argv) {
    if (argc != 3 && argc != 4)
        return usage();
    const char *expected_path = argv[1], *events_path = argv[2];
    int status = 2;
    tally t = {0, 0};
    json_t *lines = json_array(); /* every parsed line, kept so their strings stay valid */
    unit *us = NULL;
    expected *xs = NULL;
    size_t nus = 0, nxs = 0;
    bool *visited = NULL;
    char *buf = NULL;
    size_t cap = 0;
    FILE *in = NULL;

    json_error_t err;
    json_t *exp = json_load_file(expected_path, JSON_REJECT_DUPLICATES, &err);
    if (!exp) {
        fprintf(stderr, "seed-check: %s:%d: %s\n", expected_path, err.line, err.text);
        goto out;
    }
    json_t *exp_events = json_object_get(exp, "events");
    const char *story_date = json_string_value(json_object_get(exp, "story_date"));
    if (!json_is_array(exp_events)) {
        fprintf(stderr, "seed-check: %s: no \"events\" array\n", expected_path);
        goto out;
    }

    in = fopen(events_path, "r");
    if (!in) {
        fprintf(stderr, "seed-check: %s: cannot open\n", events_path);
        goto out;
    }

    /* Read and validate every line; collapse the events into units. */
    printf("seed-check: %s against %s\n", events_path, expected_path);
    problems schema = {0, 0}, syntax = {0, 0};
    long nlines = 0, wrong_date = 0;
    ssize_t len;
    size_t us_cap = 16;
    us = calloc(us_cap, sizeof *us);
    if (!us)
        goto oom;
    while ((len = getline(&buf, &cap, in)) >= 0) {
        nlines++;
        while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
            buf[--len] = '\0';
        json_t *ev = json_loadb(buf, (size_t)len, JSON_REJECT_DUPLICATES, &err);
        if (!ev || !json_is_object(ev)) {
            syntax.line = nlines;
            problem(&syntax, "JSON", ev ? "not an object" : err.text);
            json_decref(ev);
            continue;
        }
        json_array_append_new(lines, ev);
        schema.line = nlines;
        check_event_schema(&schema, ev);
        const char *sd = json_string_value(json_object_get(ev, "story_date"));
        if (story_date && (!sd || strcmp(sd, story_date) != 0)) {
            if (wrong_date++ == 0)
                printf("  line %ld: story_date is %s\n", nlines, sd ? sd : "null");
        }

        json_t *sent = json_object_get(ev, "sentence");
        unit u = {json_is_integer(sent) ? (long)json_integer_value(sent) : 0,
                  code_of(ev, "source"), code_of(ev, "target"), code_of(ev, NULL),
                  json_string_value(json_object_get(ev, "pattern")), -1};
        bool dup = false;
        for (size_t j = 0; j < nus && !dup; j++)
            dup = us[j].sentence == u.sentence && same_triple(&us[j], &u);
        if (dup)
            continue;
        if (nus == us_cap) {
            unit *grown = realloc(us, 2 * us_cap * sizeof *us);
            if (!grown)
                goto oom;
            us = grown;
            us_cap *= 2;
        }
        us[nus++] = u;
    }
    if (ferror(in)) {
        fprintf(stderr, "seed-check: %s: read error\n", events_path);
        goto out;
    }

    /* Expected events and the units that could satisfy each. */
    nxs = json_array_size(exp_events);
    xs = calloc(nxs ? nxs : 1, sizeof *xs);
    visited = calloc(nus ? nus : 1, sizeof *visited);
    if (!xs || !visited)
        goto oom;
    for (size_t i = 0; i < nxs; i++) {
        json_t *e = json_array_get(exp_events, i);
        expected *x = &xs[i];
        x->source = json_string_value(json_object_get(e, "source"));
        x->target = json_string_value(json_object_get(e, "target"));
        x->code = json_string_value(json_object_get(e, "code"));
        if (!x->source || !x->target || !x->code) {
            fprintf(stderr, "seed-check: %s: event %zu lacks source, target or code\n",
                    expected_path, i + 1);
            goto out;
        }
        x->accept = json_object_get(e, "accept");
        json_t *s = json_object_get(e, "sentence");
        x->sentence = json_is_integer(s) ? (long)json_integer_value(s) : 0;
        x->unit = -1;
        x->cand = malloc((nus ? nus : 1) * sizeof *x->cand);
        if (!x->cand)
            goto oom;
        for (size_t j = 0; j < nus; j++) {
            if (strcmp(us[j].source, x->source) != 0 || strcmp(us[j].target, x->target) != 0 ||
                !accepts(x, us[j].code))
                continue;
            /* insertion by rank keeps the best candidates first, stable in output order */
            size_t k = x->ncand++;
            while (k > 0 && rank(x, &us[x->cand[k - 1]]) > rank(x, &us[j])) {
                x->cand[k] = x->cand[k - 1];
                k--;
            }
            x->cand[k] = j;
        }
    }
    for (size_t i = 0; i < nxs; i++) {
        memset(visited, 0, (nus ? nus : 1) * sizeof *visited);
        augment(xs, us, i, visited);
    }

    /* Report: expected events. */
    printf("expected events (%zu):\n", nxs);
    for (size_t i = 0; i < nxs; i++) {
        const expected *x = &xs[i];
        printf("  %-8s %s -> %s ", x->unit >= 0 ? "found" : "MISSING", x->source, x->target);
        print_accept(x);
        if (x->sentence)
            printf(" (sentence %ld)", x->sentence);
        if (x->unit >= 0) {
            const unit *u = &us[x->unit];
            printf(": coded %s in sentence %ld", u->code, u->sentence);
            if (u->pattern)
                printf(" by %s", u->pattern);
        }
        putchar('\n');
        if (x->unit >= 0)
            t.passed++;
        else
            t.failed++;
    }

    /* Report: what else was coded. */
    long extras = 0;
    printf("other events coded:\n");
    for (size_t j = 0; j < nus; j++) {
        const unit *u = &us[j];
        if (u->matched_by >= 0)
            continue;
        /* "repeat": a matched event's triple again; "again": an extra triple seen before. */
        const char *kind = "extra", *why = "";
        for (size_t k = 0; k < nus; k++)
            if (k != j && us[k].matched_by >= 0 && same_triple(&us[k], u)) {
                kind = "repeat";
                why = " (the triple of a matched event; not counted)";
            }
        for (size_t k = 0; k < j && *why == '\0'; k++)
            if (same_triple(&us[k], u)) {
                kind = "again";
                why = " (an extra triple seen before; counted once)";
            }
        if (*why == '\0')
            extras++;
        printf("  %-8s %s -> %s %s in sentence %ld%s%s%s\n", kind, u->source, u->target,
               u->code, u->sentence, u->pattern ? " by " : "", u->pattern ? u->pattern : "",
               why);
    }
    if (extras == 0 && nus == (size_t)0)
        printf("  (no events coded)\n");

    printf("checks:\n");
    char what[160];
    snprintf(what, sizeof what, "at most %d extra (source, target, code) triples: %ld",
             MAX_EXTRAS, extras);
    check(&t, extras <= MAX_EXTRAS, what);
    snprintf(what, sizeof what, "every output line is a JSON object (%ld lines, %ld bad)",
             nlines, syntax.count);
    check(&t, syntax.count == 0, what);
    snprintf(what, sizeof what, "every event has the schema fields (%ld problems)",
             schema.count);
    check(&t, schema.count == 0, what);
    if (story_date) {
        snprintf(what, sizeof what, "every event's story_date is %s (%ld differ)", story_date,
                 wrong_date);
        check(&t, wrong_date == 0, what);
    }
    check_when_where(&t, lines, exp_events);
    if (argc == 4 && json_is_array(json_object_get(exp, "itinerary")))
        check_itinerary(&t, json_object_get(exp, "itinerary"), argv[3]);
    status = t.failed ? 1 : 0;
    printf("seed: %d passed, %d failed\n", t.passed, t.failed);
    goto out;

oom:
    fprintf(stderr, "seed-check: out of memory\n");
    status = 2;
out:
    if (xs)
        for (size_t i = 0; i < nxs; i++)
            free(xs[i].cand);
    free(xs);
    free(us);
    free(visited);
    free(buf);
    if (in)
        fclose(in);
    json_decref(lines);
    json_decref(exp);
    return status;
}
