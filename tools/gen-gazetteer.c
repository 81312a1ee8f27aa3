/* gen-gazetteer: builds the gazetteer file that src/geo maps at run time.
 *
 * Usage: gen-gazetteer CITIES.tsv ISO_3166-1.json ALIASES -o OUT
 *
 *   CITIES.tsv       GeoNames places, as tools/export-cities.js writes them
 *   ISO_3166-1.json  Debian iso-codes' country table (/usr/share/iso-codes/json/)
 *   ALIASES          data/places.aliases (its header describes the lines)
 *
 * Every place of CITIES.tsv becomes a city; every country with places becomes a place of
 * kind country named by iso-codes (its name, official and common names, and "Korea,
 * Republic of" turned round) and the `country` lines, at the population-weighted centroid of
 * its places; `admin` lines add first-level divisions the same way, `region` lines regions
 * with the coordinates they give; `alias` and `notplace` lines mark names. Errors go to
 * stderr with FILE:LINE and exit status 1; the output is written whole or not at all. */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "geo/geo.h"

#define MAX_NAMES 16
#define PI 3.14159265358979323846

static _Noreturn void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static _Noreturn void die(const char *fmt, ...)
{
    va_list ap;
    fputs("gen-gazetteer: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}

/* ---- countries and divisions: names and population-weighted centroids ------------------ */

typedef struct area {
    char cc[3], code[9];     /* alpha-2; admin1 code for a division, "" for a country */
    char alpha3[4];
    const char *names[MAX_NAMES];
    int nnames;
    double x, y, z;          /* weighted sum of unit vectors */
    uint64_t pop;
    long places;
} area;

static area countries[26 * 26];  /* by alpha-2 */
static area admins[128];
static int nadmins;

static area *country_of(const char *cc)
{
    if (strlen(cc) != 2 || cc[0] < 'A' || cc[0] > 'Z' || cc[1] < 'A' || cc[1] > 'Z')
        return NULL;
    return &countries[(cc[0] - 'A') * 26 + (cc[1] - 'A')];
}

static area *admin_of(const char *cc, const char *code)
{
    for (int i = 0; i < nadmins; i++)
        if (strcmp(admins[i].cc, cc) == 0 && strcmp(admins[i].code, code) == 0) return &admins[i];
    return NULL;
}

static void add_name(area *a, const char *name, const char *where)
{
    if (a->nnames == MAX_NAMES) die("%s: more than %d names for %s", where, MAX_NAMES, a->cc);
    char *copy = strdup(name);
    if (!copy) die("out of memory");
    a->names[a->nnames++] = copy;
}

/* Sums unit vectors rather than degrees, so that Fiji or Russia across the antimeridian
 * still get a centre on land, not on the other side of the world. */
static void weigh(area *a, double lat, double lon, uint32_t pop)
{
    double w = pop ? pop : 1, la = lat * PI / 180, lo = lon * PI / 180;
    a->x += w * cos(la) * cos(lo);
    a->y += w * cos(la) * sin(lo);
    a->z += w * sin(la);
    a->pop += pop;
    a->places++;
}

static void centroid(const area *a, double *lat, double *lon)
{
    *lat = atan2(a->z, hypot(a->x, a->y)) * 180 / PI;
    *lon = atan2(a->y, a->x) * 180 / PI;
}

/* ---- the alias file ------------------------------------------------------------------- */

typedef struct line {
    char *text;              /* the directive's text after its word, trimmed */
    char word[12];           /* alias, region, admin, country, notplace */
    long no;
} line;

static line *lines;
static size_t nlines;
static const char *alias_path;

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = 0;
    return s;
}

static _Noreturn void bad(const line *l, const char *what)
{
    die("%s:%ld: %s", alias_path, l->no, what);
}

static void read_aliases(const char *path)
{
    static const char *const words[] = {"alias", "region", "admin", "country", "notplace"};
    FILE *f = fopen(path, "r");
    if (!f) die("%s: %s", path, strerror(errno));
    alias_path = path;
    char buf[4096];
    for (long no = 1; fgets(buf, sizeof buf, f); no++) {
        char *s = trim(buf);
        if (!*s || *s == '#') continue;
        size_t w = strcspn(s, " \t");
        line l = {.no = no};
        for (size_t i = 0; i < sizeof words / sizeof *words; i++)
            if (strlen(words[i]) == w && strncmp(s, words[i], w) == 0) strcpy(l.word, words[i]);
        if (!l.word[0]) bad(&l, "a line starts with alias, region, admin, country or notplace");
        if (!(l.text = strdup(trim(s + w)))) die("out of memory");
        if (!(lines = realloc(lines, (nlines + 1) * sizeof *lines))) die("out of memory");
        lines[nlines++] = l;
    }
    if (ferror(f)) die("%s: read error", path);
    fclose(f);
}

/* Splits "LEFT = RIGHT" in place. */
static void split_eq(const line *l, char **left, char **right)
{
    char *eq = strchr(l->text, '=');
    if (!eq) bad(l, "'=' expected");
    *eq = 0;
    *left = trim(l->text);
    *right = trim(eq + 1);
    if (!**left || !**right) bad(l, "a name on each side of '=' expected");
}

/* The names of "A; B; C", trimmed, into names[] (pointers into s); their count. */
static int split_names(const line *l, char *s, const char **names)
{
    int n = 0;
    for (char *tok = strtok(s, ";"); tok; tok = strtok(NULL, ";")) {
        if (n == MAX_NAMES) bad(l, "too many names");
        if (*(tok = trim(tok))) names[n++] = tok;
    }
    if (!n) bad(l, "a name expected");
    return n;
}

/* "country CC ALPHA3 = NAMES" and "admin CC CODE = NAMES": areas named before the places
 * are read, so that the places can be counted into them. */
static void read_areas(void)
{
    for (size_t i = 0; i < nlines; i++) {
        line *l = &lines[i];
        int is_country = strcmp(l->word, "country") == 0;
        if (!is_country && strcmp(l->word, "admin") != 0) continue;
        char *left, *right, cc[3], code[9];
        const char *names[MAX_NAMES];
        split_eq(l, &left, &right);
        if (sscanf(left, "%2s %8s", cc, code) != 2 || !country_of(cc))
            bad(l, is_country ? "'country CC ALPHA3 = NAMES' expected"
                              : "'admin CC CODE = NAMES' expected");
        area *a = is_country ? country_of(cc) : admin_of(cc, code);
        if (!a) {
            if (nadmins == (int)(sizeof admins / sizeof *admins)) bad(l, "too many admin lines");
            a = &admins[nadmins++];
            strcpy(a->cc, cc);
            strcpy(a->code, code);
        }
        if (is_country) {
            if (strlen(code) != 3) bad(l, "an ISO alpha-3 code expected");
            strcpy(a->cc, cc);
            strcpy(a->alpha3, code);
        }
        int n = split_names(l, right, names);
        for (int k = 0; k < n; k++) add_name(a, names[k], alias_path);
    }
}

/* ---- iso-codes --------------------------------------------------------------------------- */

/* "Korea, Republic of" -> "Republic of Korea", "Virgin Islands, British" -> "British Virgin
 * Islands"; NULL when the name is not of that form. */
static char *turn_round(const char *name)
{
    const char *comma = strrchr(name, ',');
    if (!comma || comma[1] != ' ') return NULL;
    const char *tail = comma + 2;
    size_t n = strlen(tail);
    int of = (n > 3 && strcmp(tail + n - 3, " of") == 0) ||
             (n > 7 && strcmp(tail + n - 7, " of the") == 0);
    if (!of && strchr(tail, ' ')) return NULL;
    char *out = malloc(strlen(name) + 2);
    if (!out) die("out of memory");
    sprintf(out, "%s %.*s", tail, (int)(comma - name), name);
    return out;
}

static void read_iso(const char *path)
{
    json_error_t e;
    json_t *root = json_load_file(path, 0, &e);
    if (!root) die("%s:%d: %s", path, e.line, e.text);
    json_t *list = json_object_get(root, "3166-1"), *c;
    size_t i;
    if (!json_is_array(list)) die("%s: no \"3166-1\" list", path);
    json_array_foreach(list, i, c) {
        const char *cc = json_string_value(json_object_get(c, "alpha_2"));
        const char *a3 = json_string_value(json_object_get(c, "alpha_3"));
        area *a = cc ? country_of(cc) : NULL;
        if (!a || !a3 || strlen(a3) != 3) die("%s: entry %zu: bad alpha_2 or alpha_3", path, i);
        if (a->alpha3[0] && strcmp(a->alpha3, a3) != 0)
            die("%s: %s is %s in iso-codes", alias_path, cc, a3);
        strcpy(a->cc, cc);
        strcpy(a->alpha3, a3);
        static const char *const keys[] = {"common_name", "name", "official_name"};
        for (int k = 0; k < 3; k++) {
            const char *name = json_string_value(json_object_get(c, keys[k]));
            if (!name) continue;
            if (a->nnames < MAX_NAMES) add_name(a, name, path);
            char *round = turn_round(name);
            if (round && a->nnames < MAX_NAMES) add_name(a, round, path);
            free(round);
        }
    }
    json_decref(root);
}

/* ---- GeoNames places ------------------------------------------------------------------- */

/* Splits a TSV line into at most max fields (empty fields kept); their count. */
static int fields(char *s, char **f, int max)
{
    int n = 0;
    for (;;) {
        f[n++] = s;
        char *tab = strchr(s, '\t');
        if (!tab || n == max) break;
        *tab = 0;
        s = tab + 1;
    }
    s = f[n - 1];
    s[strcspn(s, "\r\n")] = 0;
    return n;
}

static long read_cities(pl_geo_builder *b, const char *path, char *source, size_t srcsz)
{
    FILE *in = fopen(path, "r");
    if (!in) die("%s: %s", path, strerror(errno));
    char buf[8192], *f[8];
    long skipped = 0;
    for (long no = 1; fgets(buf, sizeof buf, in); no++) {
        if (buf[0] == '#') {
            if (no == 1) snprintf(source, srcsz, "%s", buf + strspn(buf, "# "));
            continue;
        }
        if (fields(buf, f, 8) != 8) die("%s:%ld: 8 tab-separated fields expected", path, no);
        area *c = country_of(f[2]);
        if (!c) die("%s:%ld: bad country code '%s'", path, no, f[2]);
        if (!c->alpha3[0]) { /* a country neither iso-codes nor a `country` line knows */
            skipped++;
            continue;
        }
        pl_place p = {.name = f[1], .country = c->alpha3, .country2 = f[2], .admin = f[4],
                      .feature = f[3], .lat = atol(f[6]) / 1e5, .lon = atol(f[7]) / 1e5,
                      .population = (uint32_t)strtoul(f[5], NULL, 10), .kind = PL_PLACE_CITY};
        if (strcmp(f[3], "PPLC") == 0 || strcmp(f[3], "PPLG") == 0) p.flags = PL_PLACE_CAPITAL;
        if (pl_geo_builder_place(b, &p) < 0) die("%s:%ld: out of memory or bad field", path, no);
        weigh(c, p.lat, p.lon, p.population);
        area *adm = admin_of(f[2], f[4]);
        if (adm) weigh(adm, p.lat, p.lon, p.population);
    }
    if (ferror(in)) die("%s: read error", path);
    fclose(in);
    source[strcspn(source, "\r\n")] = 0;
    return skipped;
}

/* ---- places of our own ----------------------------------------------------------------- */

static void add_area(pl_geo_builder *b, const area *a, int kind, const char *alpha3)
{
    pl_place p = {.name = a->names[0], .country = alpha3, .country2 = a->cc,
                  .admin = a->code, .population = a->pop > UINT32_MAX ? UINT32_MAX
                                                                        : (uint32_t)a->pop,
                  .kind = (uint8_t)kind};
    centroid(a, &p.lat, &p.lon);
    long id = pl_geo_builder_place(b, &p);
    if (id < 0) die("out of memory");
    for (int k = 1; k < a->nnames; k++)
        if (pl_geo_builder_name(b, (uint32_t)id, a->names[k], strlen(a->names[k])) < 0)
            die("out of memory");
}

/* Countries and divisions at the centre of their places; counts them in *nc and *na. */
static void add_areas(pl_geo_builder *b, int *nc, int *na)
{
    char none[26 * 26 * 3 + 1] = "";
    for (int i = 0; i < 26 * 26; i++) {
        const area *a = &countries[i];
        if (!a->alpha3[0]) continue;
        if (!a->places) { /* uninhabited: no place to put it */
            strcat(strcat(none, " "), a->cc);
            continue;
        }
        add_area(b, a, PL_PLACE_COUNTRY, a->alpha3);
        ++*nc;
    }
    if (none[0]) printf("gen-gazetteer: countries without places, left out:%s\n", none);
    for (int i = 0; i < nadmins; i++) {
        const area *a = &admins[i];
        const char *alpha3 = country_of(a->cc)->alpha3;
        if (!a->places || !alpha3[0])
            die("%s: admin %s %s has no places in the data", alias_path, a->cc, a->code);
        add_area(b, a, PL_PLACE_ADMIN1, alpha3);
        ++*na;
    }
}

/* "region NAMES = CC LAT LON" (CC "-" for a disputed region). */
static int add_regions(pl_geo_builder *b)
{
    int n = 0;
    for (size_t i = 0; i < nlines; i++) {
        const line *l = &lines[i];
        if (strcmp(l->word, "region") != 0) continue;
        char *left, *right, cc[3];
        const char *names[MAX_NAMES];
        double lat, lon;
        split_eq(l, &left, &right);
        if (sscanf(right, "%2s %lf %lf", cc, &lat, &lon) != 3 || fabs(lat) > 90 ||
            fabs(lon) > 180)
            bad(l, "'region NAMES = CC LAT LON' expected");
        area *c = strcmp(cc, "-") == 0 ? NULL : country_of(cc);
        if (strcmp(cc, "-") != 0 && (!c || !c->alpha3[0])) bad(l, "unknown country code");
        int k = split_names(l, left, names);
        pl_place p = {.name = names[0], .country = c ? c->alpha3 : "",
                      .country2 = c ? c->cc : "", .lat = lat, .lon = lon,
                      .kind = PL_PLACE_REGION};
        long id = pl_geo_builder_place(b, &p);
        if (id < 0) die("out of memory");
        for (int j = 1; j < k; j++) pl_geo_builder_name(b, (uint32_t)id, names[j], strlen(names[j]));
        n++;
    }
    return n;
}

/* The largest place named exactly `name` in country cc (alpha-2); -1 if none. */
static long find_place(const pl_geo_builder *b, const char *name, const char *cc)
{
    long best = -1;
    size_t n = pl_geo_builder_count(b);
    for (uint32_t id = 0; id < n; id++) {
        const pl_place *p = pl_geo_builder_get(b, id);
        if (strcmp(p->name, name) == 0 && strcmp(p->country2, cc) == 0 &&
            (best < 0 || p->population > pl_geo_builder_get(b, (uint32_t)best)->population))
            best = id;
    }
    return best;
}

/* "alias NAMES = PLACE, CC" and "notplace NAMES". */
static int add_aliases(pl_geo_builder *b)
{
    int n = 0;
    for (size_t i = 0; i < nlines; i++) {
        const line *l = &lines[i];
        const char *names[MAX_NAMES];
        long id = -1;
        if (strcmp(l->word, "notplace") == 0) {
            int k = split_names(l, l->text, names);
            for (int j = 0; j < k; j++) pl_geo_builder_notplace(b, names[j], strlen(names[j]));
            continue;
        }
        if (strcmp(l->word, "alias") != 0) continue;
        char *left, *right, *comma;
        split_eq(l, &left, &right);
        if (!(comma = strrchr(right, ','))) bad(l, "'alias NAMES = PLACE, CC' expected");
        *comma = 0;
        if ((id = find_place(b, trim(right), trim(comma + 1))) < 0)
            bad(l, "no place of that name in that country");
        int k = split_names(l, left, names);
        for (int j = 0; j < k; j++)
            if (pl_geo_builder_alias(b, names[j], strlen(names[j]), (uint32_t)id) != 0)
                bad(l, "a name without letters, or with another alias already");
        n += k;
    }
    return n;
}

int main(int argc, char **argv)
{
    if (argc != 6 || strcmp(argv[4], "-o") != 0)
        die("usage: gen-gazetteer CITIES.tsv ISO_3166-1.json ALIASES -o OUT");
    pl_geo_builder *b = pl_geo_builder_new();
    if (!b) die("out of memory");
    char source[512] = "", line_out[1024];
    read_aliases(argv[3]);
    read_areas();
    read_iso(argv[2]);
    long skipped = read_cities(b, argv[1], source, sizeof source);
    long ncities = (long)pl_geo_builder_count(b);
    int nc = 0, na = 0;
    add_areas(b, &nc, &na);
    int nr = add_regions(b), nal = add_aliases(b);
    snprintf(line_out, sizeof line_out,
             "places: %s; countries: Debian iso-codes; aliases and regions: data/places.aliases",
             source[0] ? source : "GeoNames data, CC-BY 4.0");
    char err[4200] = "out of memory";
    if (pl_geo_builder_source(b, line_out) || pl_geo_builder_write(b, argv[5], err, sizeof err))
        die("%s", err);
    printf("gen-gazetteer: %ld places, %d countries, %d divisions, %d regions, %d aliases",
           ncities, nc, na, nr, nal);
    if (skipped) printf(" (%ld places of unknown countries left out)", skipped);
    printf(" -> %s\ngen-gazetteer: %s\n", argv[5], line_out);
    pl_geo_builder_free(b);
    return 0;
}
