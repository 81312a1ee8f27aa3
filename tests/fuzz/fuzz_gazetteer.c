/* fuzz_gazetteer.c: libFuzzer target for the gazetteer file reader (src/geo/gazetteer.c)
 * and what reads an open gazetteer: pl_geo_place(), pl_geo_lookup(), pl_geo_resolve() and
 * pl_geo_find().
 *
 * Each input is written to a file in a private temporary directory and opened with
 * pl_gazetteer_open() twice:
 *   1. as it is: it must fail cleanly (NULL and a message naming the file) or succeed;
 *   2. repaired so that the checks of the header's fixed fields and the checksum pass (when
 *      the input is at least a header long): magic, byte order, version, header size and file
 *      size set, the size cut to a multiple of 8, the checksum recomputed. Without this almost
 *      no mutation of a valid file would get past the checksum, and the checks of the
 *      sections and indexes, and the lookups, would hardly be fuzzed.
 * When a gazetteer opens, it is checked, looked up in and closed:
 *   - size, place and name counts are those of the header; pl_geo_place() gives every place
 *     (the first 4096) with its id, a known kind and strings that end inside the mapped file,
 *     and -1 past the last one;
 *   - the names of the first places, the strings of the file's string table (keys among
 *     them), "A, B" appositions of them and a few fixed names are looked up and resolved
 *     (without context, and with the country of a place as context): every place returned is
 *     one of the file's (the same as pl_geo_place() gives for its id), every rule a known one;
 *   - a sentence that puts those names after each kind of cue ("in", "visited", "-based",
 *     "NAME said", lists) is tokenized and given to pl_geo_find(): mentions have tokens and
 *     spans inside the sentence, known cues and rules, places of the file; the count is the
 *     same when nothing is stored.
 * A broken promise aborts, so libFuzzer keeps the input as a crash. The file is mapped, and
 * ASan does not watch mapped memory: a read past the end of the file inside its last page
 * is not seen, which is why the strings are checked against the file's bounds here.
 *
 * PARLEY_FUZZ_WRITE_SEEDS=DIR: writes seed gazetteers built with the pl_geo_builder API
 * (made-up places below) into DIR and exits, before any input is run. tests/fuzz/fuzz.mk
 * uses it.
 *
 * Built by tests/fuzz/fuzz.mk (`make fuzz`) with clang -fsanitize=fuzzer,address,undefined,
 * compiled together with the library's sources. */
#include "geo/gaz_int.h"
#include "geo/geo.h"
#include "text/text.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "utf8_check.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_PLACES_CHECKED 4096
#define MAX_NAMES 48

static void fail(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz_gazetteer: %s%s%s\n", what, detail ? ": " : "",
            detail ? detail : "");
    abort();
}

/* ---- seeds ---------------------------------------------------------------------------------- */

typedef struct seed_place {
    const char *name, *country, *country2, *admin, *feature;
    double lat, lon;
    uint32_t population;
    uint8_t kind, flags;
    const char *more_names;  /* ";"-separated, or NULL */
} seed_place;

/* Made up: Freedonia and Sylvania with their towns, a state, a region. */
static const seed_place places[] = {
    {"Freedonia", "FRD", "FD", NULL, NULL, 10.5, 20.25, 2500000, PL_PLACE_COUNTRY, 0,
     "Republic of Freedonia;Freedonian Republic"},
    {"Sylvania", "SYL", "SY", NULL, NULL, -33.125, 151.5, 900000, PL_PLACE_COUNTRY, 0,
     "Kingdom of Sylvania"},
    {"Springfield", "FRD", "FD", "02", "PPLA", 10.8, 20.1, 153000, PL_PLACE_CITY, 0, NULL},
    {"Springfield", "SYL", "SY", "05", "PPL", -33.0, 151.0, 116250, PL_PLACE_CITY, 0, NULL},
    {"Marsovia", "FRD", "FD", "01", "PPLC", 10.0, 20.0, 800000, PL_PLACE_CITY,
     PL_PLACE_CAPITAL, NULL},
    {"São Brás", "SYL", "SY", "05", "PPL", -33.5, 150.75, 4200, PL_PLACE_CITY, 0,
     "Sao Bras"},
    {"Marsovia", "SYL", "SY", "07", "PPL", -32.9, 151.9, 2400000, PL_PLACE_CITY, 0, NULL},
    {"North Province", "FRD", "FD", "02", NULL, 10.9, 20.3, 400000, PL_PLACE_ADMIN1, 0,
     "N. Province"},
    {"Border Strip", "", "", NULL, NULL, 0.5, -0.5, 0, PL_PLACE_REGION, 0, "the Strip"},
    {"Xi'an-les-Bains", "SYL", "SY", "03", "PPLA2", -34.0, 152.0, 61000, PL_PLACE_CITY, 0,
     NULL},
};

static int add_place(pl_geo_builder *b, const seed_place *s)
{
    pl_place p = {.name = s->name, .country = s->country, .country2 = s->country2,
                  .admin = s->admin, .feature = s->feature, .lat = s->lat, .lon = s->lon,
                  .population = s->population, .kind = s->kind, .flags = s->flags};
    long id = pl_geo_builder_place(b, &p);
    if (id < 0) return -1;
    for (const char *n = s->more_names; n && *n;) {
        const char *e = strchr(n, ';');
        size_t len = e ? (size_t)(e - n) : strlen(n);
        if (pl_geo_builder_name(b, (uint32_t)id, n, len) < 0) return -1;
        n = e ? e + 1 : n + len;
    }
    return 0;
}

/* Seed k: 0 all the places with aliases and words that are not places, 1 three places,
 * 2 one place, 3 no place at all. */
static int write_seed(const char *dir, int k)
{
    pl_geo_builder *b = pl_geo_builder_new();
    if (!b) return -1;
    size_t n = k == 0 ? sizeof places / sizeof *places : k == 1 ? 3 : k == 2 ? 1 : 0;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) rc = add_place(b, &places[i]);
    if (rc == 0 && k == 0) {
        rc |= pl_geo_builder_alias(b, "Old Marsovia", 12, 4) < 0;
        rc |= pl_geo_builder_alias(b, "Freedonia City", 14, 4) < 0;
        rc |= pl_geo_builder_notplace(b, "Parliament", 10) < 0;
        rc |= pl_geo_builder_notplace(b, "Nowhere", 7) < 0;
    }
    if (rc == 0 && k != 3) rc = pl_geo_builder_source(b, "made-up places for fuzzing");
    char path[4200], err[4400];
    int len = snprintf(path, sizeof path, "%s/seed-built-%d.gaz", dir, k);
    if (rc == 0 && (len < 0 || (size_t)len >= sizeof path)) rc = -1;
    if (rc == 0 && pl_geo_builder_write(b, path, err, sizeof err) < 0) {
        fprintf(stderr, "fuzz_gazetteer: %s\n", err);
        rc = -1;
    }
    pl_geo_builder_free(b);
    if (rc == 0) {
        /* The seed must itself open: else the fuzzer starts from nothing useful. */
        pl_gazetteer *g = pl_gazetteer_open(path, err, sizeof err);
        if (!g) fail("a seed gazetteer does not open", err);
        pl_gazetteer_close(g);
    }
    return rc ? -1 : 0;
}

/* ---- the temporary file --------------------------------------------------------------------- */

static char tmp_dir[4096], tmp_path[4200];

static void remove_tmp(void)
{
    if (tmp_path[0]) unlink(tmp_path);
    if (tmp_dir[0]) rmdir(tmp_dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *seeds = getenv("PARLEY_FUZZ_WRITE_SEEDS");
    if (seeds && *seeds) {
        for (int k = 0; k < 4; k++)
            if (write_seed(seeds, k) < 0) {
                fprintf(stderr, "fuzz_gazetteer: cannot write the seeds into %s\n", seeds);
                exit(1);
            }
        exit(0);
    }
    const char *t = getenv("TMPDIR");
    int n = snprintf(tmp_dir, sizeof tmp_dir, "%s/fuzz_gazetteer.XXXXXX", t && *t ? t : "/tmp");
    if (n < 0 || (size_t)n >= sizeof tmp_dir || !mkdtemp(tmp_dir))
        fail("cannot make a temporary directory", strerror(errno));
    snprintf(tmp_path, sizeof tmp_path, "%s/input.gaz", tmp_dir);
    atexit(remove_tmp);
    return 0;
}

static void write_input(const void *data, size_t size)
{
    int fd = open(tmp_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) fail(tmp_path, strerror(errno));
    const char *p = data;
    while (size) {
        ssize_t w = write(fd, p, size);
        if (w < 0) fail(tmp_path, strerror(errno));
        p += w, size -= (size_t)w;
    }
    if (close(fd) != 0) fail(tmp_path, strerror(errno));
}

/* ---- checks of an open gazetteer -------------------------------------------------------------- */

typedef struct mapped {
    const char *base, *end;  /* the file as mapped */
    pl_gaz_header h;
} mapped;

/* s must be a string that ends inside the file. */
static void check_str(const mapped *m, const char *what, const char *s)
{
    if (!s) fail(what, "NULL");
    if (s < m->base || s >= m->end) fail(what, "points outside the file");
    if (!memchr(s, 0, (size_t)(m->end - s))) fail(what, "runs past the end of the file");
}

/* A string of at most max bytes, which may be in the place record itself (ISO codes). */
static void check_code(const char *what, const char *s, size_t max)
{
    if (!s || !memchr(s, 0, max + 1)) fail(what, "not a short NUL-terminated code");
}

static void check_place(const pl_gazetteer *g, const mapped *m, const pl_place *p)
{
    if (p->id >= m->h.nplaces) fail("a place id out of range", NULL);
    if (p->kind < PL_PLACE_CITY || p->kind > PL_PLACE_REGION) fail("a place of no kind", NULL);
    check_str(m, "place name", p->name);
    check_str(m, "place admin", p->admin);
    if (p->feature < m->base || p->feature >= m->end) {
        /* "", "ADM1", "COUNTRY", "REGION": the reader's own strings. */
        if (!p->feature || strlen(p->feature) > 7) fail("place feature", "not a known one");
    } else {
        check_str(m, "place feature", p->feature);
    }
    check_code("place country", p->country, 3);
    check_code("place country2", p->country2, 3);
    pl_place q;
    if (pl_geo_place(g, p->id, &q) != 0) fail("pl_geo_place fails on a place's own id", NULL);
    if (q.name != p->name || q.country != p->country || q.admin != p->admin ||
        q.population != p->population || q.kind != p->kind || q.flags != p->flags)
        fail("a place found is not the place of its id", NULL);
}

static void check_lookups(const pl_gazetteer *g, const mapped *m, const char *name, size_t len)
{
    pl_place out[4], p;
    memset(out, 0, sizeof out);
    size_t n = pl_geo_lookup(g, name, len, out, 4);
    for (size_t i = 0; i < n && i < 4; i++) check_place(g, m, &out[i]);
    if (n > m->h.npost) fail("pl_geo_lookup counts more places than the file lists", NULL);

    int rule = pl_geo_resolve(g, name, len, NULL, 0, &p);
    if (rule < PL_GEO_NONE || rule > PL_GEO_BY_APPOSITION) fail("unknown resolve rule", NULL);
    if (rule != PL_GEO_NONE) check_place(g, m, &p);
    const char *ctx[2] = {n ? out[0].country : "FRD", "SYL"};
    rule = pl_geo_resolve(g, name, len, ctx, 2, &p);
    if (rule < PL_GEO_NONE || rule > PL_GEO_BY_APPOSITION) fail("unknown resolve rule", NULL);
    if (rule != PL_GEO_NONE) check_place(g, m, &p);
}

/* A sentence that names the file's places after each kind of cue, tokenized, and its place
 * mentions found (the first max of them stored). */
static void check_find(const pl_gazetteer *g, const mapped *m, const char *const *names,
                       size_t nnames)
{
    static const char *const frames[] = {
        "Officials met in %s on Monday. ", "The minister visited %s, %s and ", "%s said ",
        "the %s-based group moved to the occupied %s", " and %s. ", "From %s, %s, via %s."};
    char text[4096];
    size_t len = 0, k = 0;
    for (size_t f = 0; f < sizeof frames / sizeof *frames; f++) {
        const char *args[3] = {"Nowhere", "Nowhere", "Nowhere"};
        int nargs = 0;
        for (const char *p = frames[f]; (p = strstr(p, "%s")); p += 2) nargs++;
        for (int a = 0; a < nargs; a++) {
            /* Names that a reader could hand over: valid UTF-8, not too long. */
            while (k < nnames) {
                const char *nm = names[k++];
                size_t n = strlen(nm);
                if (n && n < 200 && utf8_valid((const unsigned char *)nm, n)) {
                    args[a] = nm;
                    break;
                }
            }
        }
        int n = snprintf(text + len, sizeof text - len, frames[f], args[0], args[1], args[2]);
        if (n < 0 || (size_t)n >= sizeof text - len) break;
        len += (size_t)n;
    }
    pl_tokens toks = {0};
    if (pl_tokenize(&toks, text, (pl_span){0, (uint32_t)len}) != 0) {
        pl_tokens_free(&toks);
        return;
    }
    pl_geo_mention out[4];
    const char *ctx[2] = {"FRD", m->h.nplaces ? "SYL" : NULL};
    size_t n = pl_geo_find(g, &toks, 0, toks.n, ctx, 2, out, 4);
    for (size_t i = 0; i < n && i < 4; i++) {
        const pl_geo_mention *x = &out[i];
        if (x->ntok == 0 || x->tok + x->ntok > toks.n) fail("a mention's tokens out of range", NULL);
        if (x->start >= x->end || x->end > len) fail("a mention's span outside the text", NULL);
        if (x->cue < PL_CUE_PREP || x->cue > PL_CUE_SUBJECT) fail("a mention's cue unknown", NULL);
        if (x->rule > PL_GEO_BY_APPOSITION) fail("a mention's rule unknown", NULL);
        check_place(g, m, &x->place);
    }
    if (pl_geo_find(g, &toks, 0, toks.n, ctx, 2, NULL, 0) != n)
        fail("pl_geo_find counts differently with no room to store", NULL);
    pl_tokens_free(&toks);
}

static void check_open(pl_gazetteer *g, const unsigned char *file, size_t size)
{
    mapped m;
    memcpy(&m.h, file, sizeof m.h);
    if (pl_gazetteer_bytes(g) != size) fail("pl_gazetteer_bytes is not the file's size", NULL);
    if (pl_gazetteer_count(g) != m.h.nplaces) fail("pl_gazetteer_count is not nplaces", NULL);
    if (pl_gazetteer_names(g) != m.h.nkeys) fail("pl_gazetteer_names is not nkeys", NULL);
    /* The source is the string at h.source of the string section: that gives the mapping. */
    const char *source = pl_gazetteer_source(g);
    m.base = source - m.h.source - m.h.off_str;
    m.end = m.base + size;
    check_str(&m, "source", source);

    pl_place p;
    size_t count = m.h.nplaces < MAX_PLACES_CHECKED ? m.h.nplaces : MAX_PLACES_CHECKED;
    for (uint32_t id = 0; id < count; id++) {
        if (pl_geo_place(g, id, &p) != 0) fail("pl_geo_place fails below the count", NULL);
        if (p.id != id) fail("pl_geo_place gives another id", NULL);
        check_place(g, &m, &p);
    }
    if (pl_geo_place(g, m.h.nplaces, &p) != -1) fail("pl_geo_place past the count", NULL);

    /* Names to look up: the first places' names, the strings of the string table. */
    const char *names[2 * MAX_NAMES];
    size_t nnames = 0;
    for (uint32_t id = 0; id < m.h.nplaces && nnames < MAX_NAMES; id++)
        if (pl_geo_place(g, id, &p) == 0) names[nnames++] = p.name;
    const char *str = m.base + m.h.off_str, *str_end = str + m.h.str_len;
    for (const char *s = str; s < str_end && nnames < 2 * MAX_NAMES; s += strlen(s) + 1)
        if (*s) names[nnames++] = s;
    for (size_t i = 0; i < nnames; i++) check_lookups(g, &m, names[i], strlen(names[i]));

    /* "A, B": appositions of neighbouring names. */
    char buf[512];
    for (size_t i = 0; i + 1 < nnames && i < 16; i++) {
        int n = snprintf(buf, sizeof buf, "%s, %s", names[i], names[i + 1]);
        if (n > 0) check_lookups(g, &m, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
    }
    static const char *const fixed[] = {"Springfield", "springfield, freedonia", "the Strip",
                                        "SAO BRAS", "Nowhere", ",", "x,", ", Sylvania", ""};
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
        check_lookups(g, &m, fixed[i], strlen(fixed[i]));
    check_find(g, &m, names, nnames);
}

/* ---- the target ----------------------------------------------------------------------------- */

static void open_one(const unsigned char *data, size_t size)
{
    write_input(data, size);
    char err[8192];
    err[0] = 0;
    pl_gazetteer *g = pl_gazetteer_open(tmp_path, err, sizeof err);
    unlink(tmp_path); /* mapped if open: a crash or a timeout leaves only the directory */
    if (!g) {
        if (strncmp(err, tmp_path, strlen(tmp_path)) != 0 || !err[strlen(tmp_path)])
            fail("pl_gazetteer_open failed without a message naming the file", err);
        return;
    }
    if (size < sizeof(pl_gaz_header)) fail("a gazetteer shorter than its header opened", NULL);
    check_open(g, data, size);
    pl_gazetteer_close(g);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    open_one(data, size);
    if (size < sizeof(pl_gaz_header)) return 0;

    /* Repaired: the fixed fields of the header and the checksum made right. */
    size_t n = size & ~(size_t)7;
    unsigned char *copy = malloc(n);
    if (!copy) return 0;
    memcpy(copy, data, n);
    pl_gaz_header h;
    memcpy(&h, copy, sizeof h);
    memcpy(h.magic, PL_GAZ_MAGIC, 8);
    h.byte_order = PL_GAZ_BYTE_ORDER;
    h.version = PL_GAZ_VERSION;
    h.header_size = sizeof h;
    h.file_size = n;
    h.checksum = pl_gaz_checksum(copy + sizeof h, n - sizeof h);
    memcpy(copy, &h, sizeof h);
    open_one(copy, n);
    free(copy);
    return 0;
}
