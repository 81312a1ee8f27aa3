/* gazetteer.c: mapping and checking the gazetteer file, name keys, and lookup. The file is
 * mapped read-only and used in place, so opening costs one pass over it (the checksum and
 * the index checks) and no allocation but the handle. */
#include "geo/geo.h"
#include "geo/gaz_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

struct pl_gazetteer {
    const unsigned char *base;
    size_t size;
    const pl_gaz_header *h;
    const pl_gaz_place *places;
    const pl_gaz_key *keys;
    const pl_gaz_slot *slots;
    const uint32_t *post;
    const char *str;
};

/* ---- keys and hashes -------------------------------------------------------------------- */

/* The library's one string hash (FNV-1a with a final mix); the file stores its values, so
 * changing it means a new format version. */
uint64_t pl_geo_hash(const char *s, size_t len)
{
    return pl_hash_bytes(s, len);
}

uint64_t pl_gaz_checksum(const void *p, size_t n)
{
    /* Word at a time: a byte-wise hash of the whole file would be most of the load time. */
    const unsigned char *b = p;
    uint64_t h = 0x9E3779B97F4A7C15ULL;
    for (size_t i = 0; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, b + i, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdULL;
        h ^= h >> 29;
    }
    return h ^ n;
}

/* Letters that have no decomposition but an obvious Latin base. */
static const char *latin_base(int32_t cp)
{
    switch (cp) {
    case 0x0142: case 0x0141: return "l";            /* ł */
    case 0x00F8: case 0x00D8: return "o";            /* ø */
    case 0x0111: case 0x0110: case 0x00F0: return "d"; /* đ, ð */
    case 0x00FE: return "th";                       /* þ */
    case 0x00E6: case 0x00C6: return "ae";
    case 0x0153: case 0x0152: return "oe";
    case 0x0131: return "i";                        /* dotless i */
    case 0x02BB: case 0x02BF: case 0x02BE: return ""; /* ʻokina and ayin marks */
    default: return NULL;
    }
}

/* Appends the base letters of a non-ASCII letter cp to out[*n]; -1 when it does not fit. */
static int put_letter(char *out, size_t *n, int32_t cp)
{
    const char *lat = latin_base(cp);
    if (lat) {
        size_t l = strlen(lat);
        if (*n + l >= PL_GEO_KEY_MAX) return -1;
        memcpy(out + *n, lat, l);
        *n += l;
        return 0;
    }
    utf8proc_int32_t d[8];
    int bound = 0;
    utf8proc_ssize_t nd = utf8proc_decompose_char(
        cp, d, 8, UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD, &bound);
    if (nd < 0 || nd > 8) { d[0] = cp; nd = 1; }
    for (utf8proc_ssize_t k = 0; k < nd; k++) {
        if (*n + 4 >= PL_GEO_KEY_MAX) return -1;
        *n += (size_t)utf8proc_encode_char(d[k], (utf8proc_uint8_t *)out + *n);
    }
    return 0;
}

size_t pl_geo_key(const char *s, size_t len, char *out)
{
    size_t n = 0;
    int gap = 0; /* a separator is pending */
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        int32_t cp = c;
        int cls;
        if (c < 0x80) {
            i++;
            if (c == '.' || c == '\'') continue; /* "D.C." is "dc", "Xi'an" is "xian" */
            cls = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? PL_CH_LOWER
                  : (c >= 'A' && c <= 'Z') ? PL_CH_UPPER : PL_CH_PUNCT;
        } else {
            pl_char ch = pl_char_at(s, len, i);
            i += ch.len;
            cp = ch.cp;
            cls = ch.cls;
            if (cls == PL_CH_MARK) continue;
        }
        if (cls != PL_CH_LOWER && cls != PL_CH_UPPER && cls != PL_CH_LETTER &&
            cls != PL_CH_DIGIT) {
            gap = 1;
            continue;
        }
        if (gap && n > 0) {
            if (n + 1 >= PL_GEO_KEY_MAX) return 0;
            out[n++] = ' ';
        }
        gap = 0;
        if (cp < 0x80) {
            if (n + 1 >= PL_GEO_KEY_MAX) return 0;
            out[n++] = (char)(cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp);
        } else if (put_letter(out, &n, cp)) {
            return 0;
        }
    }
    out[n] = 0;
    /* "the Gaza Strip", "The Hague": the article is optional in text, so never in a key. */
    if (n > 4 && memcmp(out, "the ", 4) == 0) {
        memmove(out, out + 4, n - 3);
        n -= 4;
    }
    return n;
}

size_t pl_geo_name_key(const char *name, size_t len, char *out)
{
    size_t i = 0;
    while (i < len && (unsigned char)name[i] < 0x80) i++;
    if (i == len) return pl_geo_key(name, len, out); /* ASCII: nothing to normalize */
    pl_buf norm = {0};
    size_t n = 0;
    if (pl_normalize(&norm, name, len, PL_NORM_LOWER) == 0)
        n = pl_geo_key(norm.data, norm.len, out);
    pl_buf_free(&norm);
    return n;
}

/* ---- opening ------------------------------------------------------------------------------ */

static void *fail(char *err, size_t errsz, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void *fail(char *err, size_t errsz, const char *path, const char *fmt, ...)
{
    if (err && errsz) {
        int k = snprintf(err, errsz, "%s: ", path);
        va_list ap;
        va_start(ap, fmt);
        if (k >= 0 && (size_t)k < errsz) vsnprintf(err + k, errsz - (size_t)k, fmt, ap);
        va_end(ap);
    }
    return NULL;
}

/* 1 if a section of n items of size sz at off lies inside the file and is 8-aligned. */
static int section_ok(const pl_gaz_header *h, uint32_t off, uint64_t n, size_t sz)
{
    return off % 8 == 0 && off >= h->header_size && off <= h->file_size &&
           n <= (h->file_size - off) / sz;
}

/* The header, before the checksum: NULL or what is wrong. */
static const char *check_header(const pl_gaz_header *h, size_t size)
{
    if (memcmp(h->magic, PL_GAZ_MAGIC, 8) != 0) return "not a parley gazetteer (bad magic)";
    if (h->byte_order != PL_GAZ_BYTE_ORDER)
        return "built on a machine of the other byte order (rebuild it: make all)";
    if (h->version != PL_GAZ_VERSION)
        return "a gazetteer of another format version (rebuild it: make all)";
    if (h->header_size != sizeof *h || h->file_size % 8) return "damaged: bad header";
    if (h->file_size > size) return "truncated";
    if (h->file_size < size) return "damaged: longer than its header says";
    if (!section_ok(h, h->off_places, h->nplaces, sizeof(pl_gaz_place)) ||
        !section_ok(h, h->off_keys, h->nkeys, sizeof(pl_gaz_key)) ||
        !section_ok(h, h->off_slots, h->nslots, sizeof(pl_gaz_slot)) ||
        !section_ok(h, h->off_post, h->npost, sizeof(uint32_t)) ||
        !section_ok(h, h->off_str, h->str_len, 1) || h->str_len == 0)
        return "damaged: a section lies outside the file";
    if (h->nslots == 0 || (h->nslots & (h->nslots - 1)) || h->nslots <= h->nkeys)
        return "damaged: bad hash table size";
    return NULL;
}

/* Every index in range, so that lookups need no checks. NULL or what is wrong. */
static const char *check_indexes(const pl_gazetteer *g)
{
    const pl_gaz_header *h = g->h;
    if (g->str[h->str_len - 1] != 0 || h->source >= h->str_len) return "damaged: strings";
    for (uint32_t i = 0; i < h->nplaces; i++) {
        const pl_gaz_place *p = &g->places[i];
        if (p->name >= h->str_len || p->admin >= h->str_len || p->feature >= h->str_len ||
            p->country[3] || p->country2[3] || p->kind < PL_PLACE_CITY ||
            p->kind > PL_PLACE_REGION)
            return "damaged: a place record";
    }
    for (uint32_t i = 0; i < h->nkeys; i++) {
        const pl_gaz_key *k = &g->keys[i];
        if (k->str >= h->str_len || k->len >= h->str_len - k->str || g->str[k->str + k->len] ||
            k->post > h->npost || k->npost > h->npost - k->post ||
            (k->alias > h->nplaces && k->alias != PL_GAZ_NOTPLACE))
            return "damaged: a name record";
    }
    for (uint32_t i = 0; i < h->nslots; i++)
        if (g->slots[i].key > h->nkeys) return "damaged: the name index";
    for (uint32_t i = 0; i < h->npost; i++)
        if (g->post[i] >= h->nplaces) return "damaged: a place list";
    return NULL;
}

static pl_gazetteer *map_file(const char *path, char *err, size_t errsz)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return fail(err, errsz, path, "%s", strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        int e = errno;
        close(fd);
        return fail(err, errsz, path, "%s", S_ISREG(st.st_mode) ? strerror(e) : "not a file");
    }
    size_t size = (size_t)st.st_size;
    if (size < sizeof(pl_gaz_header)) {
        close(fd);
        return fail(err, errsz, path, "truncated: %zu bytes, less than a gazetteer header",
                    size);
    }
    void *base = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
    int e = errno;
    close(fd);
    if (base == MAP_FAILED) return fail(err, errsz, path, "cannot map: %s", strerror(e));
    pl_gazetteer *g = calloc(1, sizeof *g);
    if (!g) {
        munmap(base, size);
        return fail(err, errsz, path, "out of memory");
    }
    g->base = base;
    g->size = size;
    g->h = base;
    return g;
}

pl_gazetteer *pl_gazetteer_open(const char *path, char *err, size_t errsz)
{
    pl_gazetteer *g = map_file(path, err, errsz);
    if (!g) return NULL;
    const pl_gaz_header *h = g->h;
    const char *bad = check_header(h, g->size);
    if (bad && strcmp(bad, "truncated") == 0) {
        fail(err, errsz, path, "truncated: %zu bytes of %llu", g->size,
             (unsigned long long)h->file_size);
    } else if (bad) {
        fail(err, errsz, path, "%s", bad);
    } else if (pl_gaz_checksum(g->base + h->header_size, g->size - h->header_size) !=
               h->checksum) {
        fail(err, errsz, path, "damaged: checksum mismatch (rebuild it: make all)");
        bad = "";
    } else {
        g->places = (const pl_gaz_place *)(g->base + h->off_places);
        g->keys = (const pl_gaz_key *)(g->base + h->off_keys);
        g->slots = (const pl_gaz_slot *)(g->base + h->off_slots);
        g->post = (const uint32_t *)(g->base + h->off_post);
        g->str = (const char *)(g->base + h->off_str);
        if ((bad = check_indexes(g))) fail(err, errsz, path, "%s", bad);
    }
    if (bad) {
        pl_gazetteer_close(g);
        return NULL;
    }
    return g;
}

void pl_gazetteer_close(pl_gazetteer *g)
{
    if (!g) return;
    munmap((void *)g->base, g->size);
    free(g);
}

size_t pl_gazetteer_count(const pl_gazetteer *g) { return g->h->nplaces; }
size_t pl_gazetteer_names(const pl_gazetteer *g) { return g->h->nkeys; }
size_t pl_gazetteer_bytes(const pl_gazetteer *g) { return g->size; }
const char *pl_gazetteer_source(const pl_gazetteer *g) { return g->str + g->h->source; }

/* ---- lookup -------------------------------------------------------------------------------- */

static const char *const feature_of_kind[] = {"", "", "ADM1", "COUNTRY", "REGION"};

int pl_geo_place(const pl_gazetteer *g, uint32_t id, pl_place *out)
{
    if (id >= g->h->nplaces) return -1;
    const pl_gaz_place *p = &g->places[id];
    *out = (pl_place){
        .name = g->str + p->name,
        .country = p->country,
        .country2 = p->country2,
        .admin = g->str + p->admin,
        .feature = p->feature ? g->str + p->feature : feature_of_kind[p->kind],
        .lat = p->lat / 1e5,
        .lon = p->lon / 1e5,
        .population = p->population,
        .id = id,
        .kind = p->kind,
        .flags = p->flags,
    };
    return 0;
}

const pl_gaz_key *pl_gaz_find_key(const pl_gazetteer *g, const char *key, size_t len)
{
    uint64_t h = pl_geo_hash(key, len);
    uint32_t mask = g->h->nslots - 1;
    /* A file that was built ends every probe at an empty slot (nslots > nkeys); one that
     * was made by hand may fill them all, so a probe never goes round more than once. */
    uint32_t i = (uint32_t)h & mask;
    for (uint32_t n = 0; n <= mask; n++, i = (i + 1) & mask) {
        const pl_gaz_slot *s = &g->slots[i];
        if (!s->key) return NULL;
        if (s->hash != (uint32_t)h) continue;
        const pl_gaz_key *k = &g->keys[s->key - 1];
        if (k->len == len && memcmp(g->str + k->str, key, len) == 0) return k;
    }
    return NULL;
}

const uint32_t *pl_gaz_postings(const pl_gazetteer *g, const pl_gaz_key *k)
{
    return g->post + k->post;
}

size_t pl_geo_lookup(const pl_gazetteer *g, const char *name, size_t len, pl_place *out,
                     size_t max)
{
    char key[PL_GEO_KEY_MAX];
    size_t klen = pl_geo_name_key(name, len, key);
    const pl_gaz_key *k = klen ? pl_gaz_find_key(g, key, klen) : NULL;
    if (!k || k->alias == PL_GAZ_NOTPLACE) return 0;
    for (uint32_t i = 0; i < k->npost && i < max; i++)
        pl_geo_place(g, g->post[k->post + i], &out[i]);
    return k->npost;
}
