/* test_geo.c: the place stage: name keys, the gazetteer file (built by `make all` into
 * build/geo/places.gaz; PARLEY_GAZETTEER names another), resolution of ambiguous names, and
 * place mentions in sentences. A small gazetteer built here tests the file format and its
 * damage checks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "geo/geo.h"

#define COUNT(a) (sizeof(a) / sizeof *(a))

static pl_gazetteer *gaz;
static char gaz_err[512];
static const char *gaz_path;

static int open_gazetteer(void **state)
{
    (void)state;
    gaz_path = getenv("PARLEY_GAZETTEER");
    if (!gaz_path || !*gaz_path) gaz_path = "build/geo/places.gaz";
    gaz = pl_gazetteer_open(gaz_path, gaz_err, sizeof gaz_err);
    return 0;
}

static int close_gazetteer(void **state)
{
    (void)state;
    pl_gazetteer_close(gaz);
    return 0;
}

/* Every test that needs the real gazetteer says clearly why it cannot run. */
static void need_gazetteer(void)
{
    if (!gaz)
        fail_msg("cannot open the gazetteer: %s (it is built by `make all`; "
                 "PARLEY_GAZETTEER may name another)", gaz_err);
}

/* ---- keys ------------------------------------------------------------------------------- */

static void test_keys(void **state)
{
    (void)state;
    static const struct { const char *in, *key; } cases[] = {
        {"Tokyo", "tokyo"},
        {"S\xC3\xA3o Paulo", "sao paulo"},            /* accents folded */
        {"Washington, D.C.", "washington dc"},         /* periods dropped, comma a space */
        {"the Gaza Strip", "gaza strip"},              /* no leading article */
        {"The Hague", "hague"},
        {"Xi\xE2\x80\x99" "an", "xian"},               /* curly apostrophe, normalized first */
        {"\xC5\x81\xC3\xB3" "d\xC5\xBA", "lodz"},      /* Łódź: ł has no decomposition */
        {"Port-au-Prince", "port au prince"},
        {"  Rio   de  Janeiro ", "rio de janeiro"},
        {"K\xC3\x96LN", "koln"},
    };
    char key[PL_GEO_KEY_MAX];
    pl_buf norm = {0};
    for (size_t i = 0; i < COUNT(cases); i++) {
        pl_buf_clear(&norm);
        assert_int_equal(pl_normalize(&norm, cases[i].in, strlen(cases[i].in), PL_NORM_LOWER), 0);
        size_t n = pl_geo_key(norm.data, norm.len, key);
        assert_string_equal(key, cases[i].key);
        assert_int_equal(n, strlen(cases[i].key));
    }
    assert_int_equal(pl_geo_key("...", 3, key), 0);
    char long_name[400];
    memset(long_name, 'a', sizeof long_name);
    assert_int_equal(pl_geo_key(long_name, sizeof long_name, key), 0); /* too long: no key */
    pl_buf_free(&norm);
}

/* ---- resolution -------------------------------------------------------------------------- */

static int resolve(const char *name, const char *const *ctx, size_t n, pl_place *p)
{
    need_gazetteer();
    return pl_geo_resolve(gaz, name, strlen(name), ctx, n, p);
}

static void assert_near(double got, double want, double tol)
{
    if (got < want - tol || got > want + tol) fail_msg("%.5f is not %.5f +- %.2f", got, want, tol);
}

static void test_file_info(void **state)
{
    (void)state;
    need_gazetteer();
    assert_true(pl_gazetteer_count(gaz) > 135000);
    assert_true(pl_gazetteer_names(gaz) > 100000);
    assert_non_null(strstr(pl_gazetteer_source(gaz), "GeoNames"));
    assert_non_null(strstr(pl_gazetteer_source(gaz), "CC-BY 4.0"));
    pl_place p;
    assert_int_equal(pl_geo_place(gaz, (uint32_t)pl_gazetteer_count(gaz), &p), -1);
}

static void test_tokyo_tianjin(void **state)
{
    (void)state;
    pl_place p;
    assert_int_equal(resolve("Tokyo", NULL, 0, &p), PL_GEO_BY_POPULATION);
    assert_string_equal(p.country, "JPN");
    assert_string_equal(p.country2, "JP");
    assert_int_equal(p.kind, PL_PLACE_CITY);
    assert_true(p.flags & PL_PLACE_CAPITAL);
    assert_near(p.lat, 35.68, 0.2);
    assert_near(p.lon, 139.69, 0.2);
    assert_int_not_equal(resolve("TOKYO", NULL, 0, &p), PL_GEO_NONE); /* any case */
    assert_int_not_equal(resolve("Tianjin", NULL, 0, &p), PL_GEO_NONE);
    assert_string_equal(p.country, "CHN");
    assert_near(p.lat, 39.14, 0.2);
    /* An apposition in one string: the city inside the country named after the comma. */
    assert_int_equal(resolve("Tianjin, People's Republic of China", NULL, 0, &p),
                     PL_GEO_BY_APPOSITION);
    assert_string_equal(p.name, "Tianjin");
    assert_int_equal(resolve("Tokyo, Mars", NULL, 0, &p), PL_GEO_NONE);
}

static void test_washington(void **state)
{
    (void)state;
    static const char *const usa[] = {"USA"}, *const gbr[] = {"GBR"};
    pl_place p;
    /* The alias table: "Washington" is the capital, whatever the context. */
    assert_int_equal(resolve("Washington", usa, 1, &p), PL_GEO_BY_ALIAS);
    assert_string_equal(p.name, "Washington, D.C.");
    assert_string_equal(p.country, "USA");
    assert_near(p.lat, 38.90, 0.2);
    assert_near(p.lon, -77.04, 0.2);
    assert_int_equal(resolve("Washington", gbr, 1, &p), PL_GEO_BY_ALIAS);
    assert_string_equal(p.country, "USA");
    assert_int_equal(resolve("Washington, D.C.", NULL, 0, &p), PL_GEO_BY_ALIAS);
    assert_string_equal(p.name, "Washington, D.C.");
    assert_int_equal(resolve("Washington state", NULL, 0, &p), PL_GEO_BY_ALIAS);
    assert_int_equal(p.kind, PL_PLACE_ADMIN1);
    assert_string_equal(p.admin, "WA");
}

static void test_old_names(void **state)
{
    (void)state;
    pl_place kyiv, kiev, p;
    assert_int_equal(resolve("Kyiv", NULL, 0, &kyiv), PL_GEO_BY_POPULATION);
    assert_int_equal(resolve("Kiev", NULL, 0, &kiev), PL_GEO_BY_ALIAS);
    assert_int_equal(kiev.id, kyiv.id);
    assert_string_equal(kiev.country, "UKR");
    assert_near(kiev.lat, 50.45, 0.2);
    assert_int_equal(resolve("Peking", NULL, 0, &p), PL_GEO_BY_ALIAS);
    assert_string_equal(p.name, "Beijing");
    assert_string_equal(p.country, "CHN");
    assert_int_equal(resolve("Bombay", NULL, 0, &p), PL_GEO_BY_ALIAS);
    assert_string_equal(p.name, "Mumbai");
    assert_int_equal(resolve("Sao Paulo", NULL, 0, &p), PL_GEO_BY_POPULATION); /* no accent */
    assert_string_equal(p.country, "BRA");
}

static void test_paris(void **state)
{
    (void)state;
    static const char *const usa[] = {"USA"}, *const usa_fra[] = {"USA", "FRA"};
    pl_place p;
    assert_int_equal(resolve("Paris", NULL, 0, &p), PL_GEO_BY_POPULATION);
    assert_string_equal(p.country, "FRA");
    /* A US story: Paris, Texas is in the context, but the capital of France is more than ten
     * times larger and news that says "Paris" means it. */
    assert_int_equal(resolve("Paris", usa, 1, &p), PL_GEO_BY_PROMINENCE);
    assert_string_equal(p.country, "FRA");
    assert_int_equal(resolve("Paris", usa_fra, 2, &p), PL_GEO_BY_CONTEXT);
    assert_string_equal(p.country, "FRA");
    /* No capital among the candidates: the context decides. */
    assert_int_equal(resolve("Birmingham", NULL, 0, &p), PL_GEO_BY_POPULATION);
    assert_string_equal(p.country, "GBR");
    assert_int_equal(resolve("Birmingham", usa, 1, &p), PL_GEO_BY_CONTEXT);
    assert_string_equal(p.country, "USA");
    assert_string_equal(p.admin, "AL");
}

static void test_georgia(void **state)
{
    (void)state;
    static const char *const usa[] = {"USA"}, *const both[] = {"USA", "GEO"};
    pl_place p;
    /* The country, unless the story is in the United States only: then the state. */
    assert_int_not_equal(resolve("Georgia", NULL, 0, &p), PL_GEO_NONE);
    assert_int_equal(p.kind, PL_PLACE_COUNTRY);
    assert_string_equal(p.country, "GEO");
    assert_near(p.lat, 42.0, 1.5);
    assert_near(p.lon, 44.0, 2.0);
    assert_int_equal(resolve("Georgia", usa, 1, &p), PL_GEO_BY_CONTEXT);
    assert_int_equal(p.kind, PL_PLACE_ADMIN1);
    assert_string_equal(p.country, "USA");
    assert_string_equal(p.admin, "GA");
    assert_int_not_equal(resolve("Georgia", both, 2, &p), PL_GEO_NONE);
    assert_int_equal(p.kind, PL_PLACE_COUNTRY);
}

static void test_countries_and_regions(void **state)
{
    (void)state;
    pl_place p;
    assert_int_not_equal(resolve("Algeria", NULL, 0, &p), PL_GEO_NONE);
    assert_int_equal(p.kind, PL_PLACE_COUNTRY);
    assert_string_equal(p.country, "DZA");
    assert_string_equal(p.feature, "COUNTRY");
    assert_near(p.lat, 34.5, 3.0); /* the population centre, near the coast */
    assert_int_not_equal(resolve("Republic of Korea", NULL, 0, &p), PL_GEO_NONE);
    assert_string_equal(p.country, "KOR");
    assert_int_not_equal(resolve("U.S.", NULL, 0, &p), PL_GEO_NONE);
    assert_string_equal(p.country, "USA");
    assert_int_not_equal(resolve("Kosovo", NULL, 0, &p), PL_GEO_NONE);
    assert_string_equal(p.country, "KSV");
    assert_int_not_equal(resolve("Fiji", NULL, 0, &p), PL_GEO_NONE); /* across 180 degrees */
    assert_near(p.lat, -17.8, 1.0);
    assert_near(p.lon, 178.2, 1.5);
    assert_int_not_equal(resolve("the Gaza Strip", NULL, 0, &p), PL_GEO_NONE);
    assert_int_equal(p.kind, PL_PLACE_REGION);
    assert_string_equal(p.name, "Gaza Strip");
    assert_string_equal(p.country, "PSE");
    assert_near(p.lat, 31.42, 0.2);
    assert_int_not_equal(resolve("Gaza", NULL, 0, &p), PL_GEO_NONE);
    assert_int_equal(p.kind, PL_PLACE_CITY);
    assert_int_not_equal(resolve("Kashmir", NULL, 0, &p), PL_GEO_NONE);
    assert_string_equal(p.country, ""); /* disputed */
}

static void test_lookup(void **state)
{
    (void)state;
    need_gazetteer();
    pl_place c[8];
    size_t n = pl_geo_lookup(gaz, "Paris", 5, c, COUNT(c));
    assert_true(n >= 4);
    assert_string_equal(c[0].country, "FRA");
    for (size_t i = 1; i < n && i < COUNT(c); i++)
        assert_true(c[i - 1].population >= c[i].population);
    assert_int_equal(pl_geo_lookup(gaz, "Minas Tirith", 12, c, COUNT(c)), 0);
    /* data/places.aliases: towns somewhere, never the place in news. */
    assert_int_equal(pl_geo_lookup(gaz, "Congress", 8, c, COUNT(c)), 0);
    pl_place p;
    assert_int_equal(resolve("Congress", NULL, 0, &p), PL_GEO_NONE);
    assert_int_equal(resolve("", NULL, 0, &p), PL_GEO_NONE);
}

/* ---- mentions ----------------------------------------------------------------------------- */

static const char *const cue_names[] = {"?", "prep", "visit", "based", "apposition", "list",
                                        "subject"};

/* The mentions of a sentence as "NAME ISO3 CUE[ metonym] 'TEXT'" lines joined by "; ". */
static const char *mentions(const char *text, const char *const *ctx, size_t n)
{
    static char out[1024];
    need_gazetteer();
    pl_tokens toks = {0};
    pl_span span = {0, (uint32_t)strlen(text)};
    assert_int_equal(pl_tokenize(&toks, text, span), 0);
    pl_geo_mention m[8];
    size_t count = pl_geo_find(gaz, &toks, 0, toks.n, ctx, n, m, COUNT(m));
    out[0] = 0;
    for (size_t i = 0; i < count && i < COUNT(m); i++) {
        size_t len = strlen(out);
        snprintf(out + len, sizeof out - len, "%s%s %s %s%s '%.*s'", i ? "; " : "",
                 m[i].place.name, m[i].place.country, cue_names[m[i].cue],
                 (m[i].flags & PL_GEO_METONYM) ? " metonym" : "", (int)(m[i].end - m[i].start),
                 text + m[i].start);
        assert_int_equal(m[i].tok + m[i].ntok <= toks.n, 1);
    }
    pl_tokens_free(&toks);
    return out;
}

typedef struct mention_case {
    const char *name, *text, *ctx, *want; /* ctx: one alpha-3 code or NULL */
} mention_case;

static const mention_case mention_cases[] = {
    {"sentence-initial In", "In Tokyo, Japanese officials met their Chinese counterparts.", NULL,
     "Tokyo JPN prep 'Tokyo'"},
    {"city, country apposition", "Tianjin, People's Republic of China - Officials signed a deal.",
     NULL, "Tianjin CHN apposition 'Tianjin, People's Republic of China'"},
    {"arrived in a country", "The envoy arrived in Algeria on Monday.", NULL,
     "Algeria DZA prep 'Algeria'"},
    {"the Gaza Strip", "Fighting went on in the Gaza Strip overnight.", NULL,
     "Gaza Strip PSE prep 'Gaza Strip'"},
    {"occupied West Bank", "Raids in the occupied West Bank were reported.", NULL,
     "West Bank PSE prep 'West Bank'"},
    {"metonym: Washington said", "Washington said it would respond to the tariffs.", NULL,
     "Washington, D.C. USA subject metonym 'Washington'"},
    {"metonym: Tokyo has warned", "Tokyo has warned against any change.", NULL,
     "Tokyo JPN subject metonym 'Tokyo'"},
    {"metonym: compound subject", "Beijing and Moscow criticized the plan.", NULL,
     "Beijing CHN subject metonym 'Beijing'; Moscow RUS subject metonym 'Moscow'"},
    {"located, not a metonym", "Diplomats in Washington said talks would resume.", NULL,
     "Washington, D.C. USA prep 'Washington'"},
    {"bare object is nothing", "The minister criticized Washington.", NULL, ""},
    {"visit and a list", "She visited Hong Kong and Rio de Janeiro last year.", NULL,
     "Hong Kong HKG visit 'Hong Kong'; Rio de Janeiro BRA list 'Rio de Janeiro'"},
    {"list of three", "Heavy rain fell in Osaka, Kyoto and Nagoya on Sunday.", NULL,
     "Osaka JPN prep 'Osaka'; Kyoto JPN list 'Kyoto'; Nagoya JPN list 'Nagoya'"},
    {"X-based", "A Tokyo-based analyst disagreed.", NULL, "Tokyo JPN based 'Tokyo'"},
    {"unknown longer name", "They camped near Minas Tirith for a week.", NULL, ""},
    {"longer name not a place", "He spoke at Tokyo University yesterday.", NULL, ""},
    {"multi-word alias", "The delegation flew to New York on Friday.", NULL,
     "New York City USA prep 'New York'"},
    {"comma inside a name", "Talks were held in Washington, D.C., on Friday.", NULL,
     "Washington, D.C. USA prep 'Washington, D.C.'"},
    {"US state apposition", "The rally in Paris, Texas drew crowds.", NULL,
     "Paris USA apposition 'Paris, Texas'"},
    {"possessive", "Protests spread in China's Xinjiang region.", NULL,
     "China CHN prep 'China'"},
    {"institution, not a town", "The bill went to Congress in March.", NULL, ""},
    {"small town outside the context", "The letter was sent to Smith.", NULL, ""},
    {"small town in the context", "The letter was sent to Smith.", "USA", "Smith USA prep 'Smith'"},
    {"title after the cue", "He wrote to President Ortiz.", NULL, ""},
    {"Georgia in a US story", "Voters in Georgia went to the polls.", "USA",
     "Georgia USA prep 'Georgia'"},
    {"Georgia otherwise", "Voters in Georgia went to the polls.", NULL,
     "Georgia GEO prep 'Georgia'"},
    {"accents in the text", "Sanctions were discussed in S\xC3\xA3o Paulo.", NULL,
     "S\xC3\xA3o Paulo BRA prep 'S\xC3\xA3o Paulo'"},
    {"The Hague", "Judges in The Hague ruled on Friday.", NULL,
     "The Hague NLD prep 'Hague'"},
    {"no place at all", "The committee approved the budget.", NULL, ""},
};

static void test_mentions(void **state)
{
    const mention_case *c = *state;
    const char *ctx[1] = {c->ctx};
    const char *got = mentions(c->text, ctx, c->ctx ? 1 : 0);
    if (strcmp(got, c->want) != 0) fail_msg("'%s'\n  got:  %s\n  want: %s", c->text, got, c->want);
}

/* A sentence with places and no event: the places are found all the same, as locations
 * (whether an event takes one is the coder's business). */
static void test_places_without_event(void **state)
{
    (void)state;
    const char *got = mentions("Snow fell in Kyiv and in Warsaw.", NULL, 0);
    assert_string_equal(got, "Kyiv UKR prep 'Kyiv'; Warsaw POL prep 'Warsaw'");
}

static void test_find_limits(void **state)
{
    (void)state;
    need_gazetteer();
    const char *text = "Flights from Tokyo to Osaka and in Kyoto were cancelled.";
    pl_tokens toks = {0};
    assert_int_equal(pl_tokenize(&toks, text, (pl_span){0, (uint32_t)strlen(text)}), 0);
    pl_geo_mention m[1];
    assert_int_equal(pl_geo_find(gaz, &toks, 0, toks.n, NULL, 0, m, 1), 3); /* one stored */
    assert_string_equal(m[0].place.name, "Tokyo");
    assert_int_equal(pl_geo_find(gaz, &toks, 0, toks.n, NULL, 0, NULL, 0), 3);
    assert_int_equal(pl_geo_find(gaz, &toks, 4, 5, NULL, 0, m, 1), 0);    /* "to" alone */
    assert_int_equal(pl_geo_find(gaz, &toks, 3, 99, NULL, 0, m, 1), 2);   /* clipped */
    pl_tokens_free(&toks);
}

/* ---- the file format on a small gazetteer ------------------------------------------------ */

static char small_path[64];

static void build_small(void)
{
    pl_geo_builder *b = pl_geo_builder_new();
    assert_non_null(b);
    pl_place a = {.name = "Springfield", .country = "USA", .country2 = "US", .admin = "IL",
                  .feature = "PPLA", .lat = 39.80172, .lon = -89.64371, .population = 116250,
                  .kind = PL_PLACE_CITY};
    assert_int_equal(pl_geo_builder_place(b, &a), 0);
    a.admin = "MA", a.population = 153000, a.lat = 42.10148, a.lon = -72.58981;
    assert_int_equal(pl_geo_builder_place(b, &a), 1);
    pl_place c = {.name = "Freedonia", .country = "FRD", .country2 = "FD", .lat = 1, .lon = 2,
                  .population = 1000000, .kind = PL_PLACE_COUNTRY};
    assert_int_equal(pl_geo_builder_place(b, &c), 2);
    assert_int_equal(pl_geo_builder_name(b, 2, "Republic of Freedonia", 21), 0);
    assert_int_equal(pl_geo_builder_name(b, 2, "...", 3), 1); /* no key */
    assert_int_equal(pl_geo_builder_alias(b, "Old Freedonia", 13, 2), 0);
    assert_int_equal(pl_geo_builder_notplace(b, "Nowhere", 7), 0);
    assert_int_equal(pl_geo_builder_source(b, "test data"), 0);
    assert_int_equal(pl_geo_builder_count(b), 3);
    assert_string_equal(pl_geo_builder_get(b, 1)->admin, "MA");
    strcpy(small_path, "/tmp/test_geo.XXXXXX");
    int fd = mkstemp(small_path);
    assert_true(fd >= 0);
    close(fd);
    char err[256];
    assert_int_equal(pl_geo_builder_write(b, small_path, err, sizeof err), 0);
    pl_geo_builder_free(b);
}

static void test_small_gazetteer(void **state)
{
    (void)state;
    build_small();
    char err[256];
    pl_gazetteer *g = pl_gazetteer_open(small_path, err, sizeof err);
    if (!g) fail_msg("%s", err);
    assert_int_equal(pl_gazetteer_count(g), 3);
    assert_string_equal(pl_gazetteer_source(g), "test data");
    pl_place p, c[4];
    assert_int_equal(pl_geo_lookup(g, "springfield", 11, c, 4), 2);
    assert_string_equal(c[0].admin, "MA"); /* largest first */
    assert_near(c[0].lat, 42.10148, 0.000001);
    static const char *const usa[] = {"USA"};
    assert_int_equal(pl_geo_resolve(g, "Springfield", 11, usa, 1, &p), PL_GEO_BY_CONTEXT);
    assert_int_equal(pl_geo_resolve(g, "Old Freedonia", 13, NULL, 0, &p), PL_GEO_BY_ALIAS);
    assert_string_equal(p.name, "Freedonia");
    assert_int_equal(pl_geo_resolve(g, "Republic of Freedonia", 21, NULL, 0, &p),
                     PL_GEO_BY_POPULATION);
    assert_int_equal(pl_geo_resolve(g, "Springfield, Freedonia", 22, NULL, 0, &p),
                     PL_GEO_NONE); /* not inside it */
    assert_int_equal(pl_geo_resolve(g, "Nowhere", 7, NULL, 0, &p), PL_GEO_NONE);
    pl_gazetteer_close(g);
    unlink(small_path);
}

/* Writes `len` bytes of the small gazetteer, with byte `at` xor-ed with `flip`, to a file;
 * returns what opening it says. */
static const char *open_damaged(size_t len, size_t at, unsigned char flip)
{
    static char err[512];
    build_small();
    FILE *f = fopen(small_path, "rb");
    assert_non_null(f);
    unsigned char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    assert_true(n < sizeof buf && at < n);
    buf[at] ^= flip;
    f = fopen(small_path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(buf, 1, len < n ? len : n, f), len < n ? len : n);
    fclose(f);
    err[0] = 0;
    pl_gazetteer *g = pl_gazetteer_open(small_path, err, sizeof err);
    assert_null(g);
    unlink(small_path);
    return err;
}

static void assert_error(const char *err, const char *want)
{
    if (strncmp(err, small_path, strlen(small_path)) != 0 || !strstr(err, want))
        fail_msg("error '%s' should name %s and say '%s'", err, small_path, want);
}

static void test_damaged_files(void **state)
{
    (void)state;
    assert_error(open_damaged(SIZE_MAX, 200, 0x40), "damaged: checksum mismatch");
    assert_error(open_damaged(300, 0, 0), "truncated: 300 bytes of");
    assert_error(open_damaged(40, 0, 0), "truncated: 40 bytes, less than a gazetteer header");
    assert_error(open_damaged(SIZE_MAX, 1, 0x20), "not a parley gazetteer");
    assert_error(open_damaged(SIZE_MAX, 12, 1), "another format version");
    char err[512];
    assert_null(pl_gazetteer_open("/nonexistent/places.gaz", err, sizeof err));
    assert_non_null(strstr(err, "/nonexistent/places.gaz: No such file"));
    assert_null(pl_gazetteer_open("/tmp", err, sizeof err));
    assert_non_null(strstr(err, "/tmp: not a file"));
    pl_gazetteer_close(NULL);
}

/* A file made by hand (found by tests/fuzz/fuzz_gazetteer) whose name index has no empty
 * slot: it opens, and a lookup that finds nothing must still end. */
static void test_full_index(void **state)
{
    (void)state;
    static const unsigned char file[] = {
        0x50, 0x4c, 0x47, 0x41, 0x5a, 0x45, 0x54, 0x31, 0x04, 0x03, 0x02, 0x01,
        0x01, 0x00, 0x00, 0x00, 0xc0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0xab, 0x6b, 0xbe, 0x55, 0xa9, 0xe7, 0x16, 0xd4, 0x60, 0x00, 0x00, 0x00,
        0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00,
        0x01, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x60, 0x00, 0x00, 0x00,
        0x88, 0x00, 0x00, 0x00, 0xa0, 0x00, 0x00, 0x00, 0xb0, 0x00, 0x00, 0x00,
        0xb8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xe8, 0x03, 0x00, 0x00,
        0x46, 0x44, 0x00, 0x00, 0x46, 0x52, 0x44, 0x00, 0x01, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x61, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    };
    char path[] = "/tmp/test_geo_full_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, file, sizeof file), (ssize_t)sizeof file);
    close(fd);
    char err[512];
    pl_gazetteer *g = pl_gazetteer_open(path, err, sizeof err);
    if (g) {
        pl_place out[2];
        assert_int_equal(pl_geo_lookup(g, "nowhere", 7, out, 2), 0);
        pl_gazetteer_close(g);
    }
    unlink(path);
}

int main(void)
{
    static const struct CMUnitTest fixed[] = {
        cmocka_unit_test(test_keys),
        cmocka_unit_test(test_file_info),
        cmocka_unit_test(test_tokyo_tianjin),
        cmocka_unit_test(test_washington),
        cmocka_unit_test(test_old_names),
        cmocka_unit_test(test_paris),
        cmocka_unit_test(test_georgia),
        cmocka_unit_test(test_countries_and_regions),
        cmocka_unit_test(test_lookup),
        cmocka_unit_test(test_places_without_event),
        cmocka_unit_test(test_find_limits),
        cmocka_unit_test(test_small_gazetteer),
        cmocka_unit_test(test_full_index),
        cmocka_unit_test(test_damaged_files),
    };
    static struct CMUnitTest tests[COUNT(fixed) + COUNT(mention_cases)];
    size_t n = 0;
    for (size_t i = 0; i < COUNT(fixed); i++) tests[n++] = fixed[i];
    for (size_t i = 0; i < COUNT(mention_cases); i++)
        tests[n++] = (struct CMUnitTest){mention_cases[i].name, test_mentions, NULL, NULL,
                                         (void *)&mention_cases[i]};
    return cmocka_run_group_tests(tests, open_gazetteer, close_gazetteer);
}
