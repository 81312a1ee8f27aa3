/* resolve.c: choosing one place for a name (the rules are in geo.h and docs/geo.md). */
#include "geo/gaz_int.h"

#include <string.h>

/* Which candidates may be chosen: those in one of the context countries (n > 0), or in one
 * country and, when admin is set, one first-level division of it. */
typedef struct geo_filter {
    const char *const *ctx;
    size_t n;
    const char *country, *admin;
} geo_filter;

static int in_context(const char *iso3, const char *const *ctx, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (ctx[i] && strcmp(ctx[i], iso3) == 0) return 1;
    return 0;
}

static int passes(const pl_place *p, const geo_filter *f)
{
    if (f->n && !in_context(p->country, f->ctx, f->n)) return 0;
    if (f->country && strcmp(p->country, f->country) != 0) return 0;
    if (f->admin && (p->kind == PL_PLACE_ADMIN1 || strcmp(p->admin, f->admin) != 0)) return 0;
    return 1;
}

static int prominent(const pl_place *p)
{
    return p->kind == PL_PLACE_COUNTRY || p->kind == PL_PLACE_REGION ||
           (p->flags & PL_PLACE_CAPITAL);
}

/* The size that ranks a place: a region of our own table outranks any town of its name
 * (its population is not known, and it is in the table on purpose). */
static uint64_t weight(const pl_place *p)
{
    return p->kind == PL_PLACE_REGION ? UINT64_MAX / 16 : p->population;
}

/* The best of the candidates that pass f: the largest, unless a country, region or capital
 * is at least a tenth of its size. 0 when none passes; *over is set when such a prominent
 * place won over a larger one. */
static int best(const pl_gazetteer *g, const pl_gaz_key *k, const geo_filter *f,
                pl_place *out, int *over)
{
    const uint32_t *ids = pl_gaz_postings(g, k);
    pl_place p, largest;
    int have = 0;
    *over = 0;
    for (uint32_t i = 0; i < k->npost; i++) { /* largest first */
        pl_geo_place(g, ids[i], &p);
        if (!passes(&p, f)) continue;
        if (!have) {
            largest = p;
            have = 1;
        }
        if (prominent(&p) && weight(&p) * 10 >= weight(&largest)) {
            *out = p;
            *over = p.id != largest.id;
            return 1;
        }
    }
    if (have) *out = largest;
    return have;
}

int pl_gaz_resolve_key(const pl_gazetteer *g, const pl_gaz_key *k, const char *const *ctx,
                       size_t n, pl_place *out)
{
    if (!k || k->alias == PL_GAZ_NOTPLACE) return PL_GEO_NONE;
    if (k->alias) {
        pl_geo_place(g, k->alias - 1, out);
        return PL_GEO_BY_ALIAS;
    }
    geo_filter all = {0}, local = {ctx, n, NULL, NULL};
    pl_place G, X;
    int over, xover;
    if (!best(g, k, &all, &G, &over)) return PL_GEO_NONE;
    if (n && best(g, k, &local, &X, &xover)) {
        /* A capital or country far larger than the context's candidate is still meant:
         * "talks in Paris" in a US story are not in Paris, Texas. */
        if (G.id != X.id && prominent(&G) && !in_context(G.country, ctx, n) &&
            weight(&G) >= 10 * weight(&X)) {
            *out = G;
            return PL_GEO_BY_PROMINENCE;
        }
        *out = X;
        return PL_GEO_BY_CONTEXT;
    }
    *out = G;
    return over ? PL_GEO_BY_PROMINENCE : PL_GEO_BY_POPULATION;
}

int pl_gaz_resolve_within(const pl_gazetteer *g, const pl_gaz_key *k, const pl_place *in,
                          pl_place *out)
{
    if (!k || k->alias == PL_GAZ_NOTPLACE || !in->country[0]) return PL_GEO_NONE;
    if (k->alias) { /* "Kiev, Ukraine": the alias, if it is in that country */
        pl_geo_place(g, k->alias - 1, out);
        if (strcmp(out->country, in->country) == 0 &&
            (in->kind != PL_PLACE_ADMIN1 || strcmp(out->admin, in->admin) == 0))
            return PL_GEO_BY_APPOSITION;
    }
    geo_filter f = {NULL, 0, in->country, in->kind == PL_PLACE_ADMIN1 ? in->admin : NULL};
    int over;
    if (!best(g, k, &f, out, &over) || out->id == in->id) return PL_GEO_NONE;
    return PL_GEO_BY_APPOSITION;
}

/* "Tianjin, People's Republic of China": the part before the last comma, in the country
 * or state after it. */
static int resolve_apposition(const pl_gazetteer *g, const char *name, size_t len,
                              pl_place *out)
{
    size_t comma = len;
    while (comma > 0 && name[comma - 1] != ',') comma--;
    if (comma <= 1) return PL_GEO_NONE;
    char key[PL_GEO_KEY_MAX];
    size_t klen = pl_geo_name_key(name + comma, len - comma, key);
    pl_place in;
    if (!klen || pl_gaz_resolve_key(g, pl_gaz_find_key(g, key, klen), NULL, 0, &in) ==
                     PL_GEO_NONE ||
        (in.kind != PL_PLACE_COUNTRY && in.kind != PL_PLACE_ADMIN1))
        return PL_GEO_NONE;
    klen = pl_geo_name_key(name, comma - 1, key);
    return klen ? pl_gaz_resolve_within(g, pl_gaz_find_key(g, key, klen), &in, out)
                : PL_GEO_NONE;
}

int pl_geo_resolve(const pl_gazetteer *g, const char *name, size_t len,
                   const char *const *context_iso3, size_t n, pl_place *out)
{
    char key[PL_GEO_KEY_MAX];
    size_t klen = pl_geo_name_key(name, len, key);
    const pl_gaz_key *k = klen ? pl_gaz_find_key(g, key, klen) : NULL;
    if (k) return pl_gaz_resolve_key(g, k, context_iso3, n, out);
    return memchr(name, ',', len) ? resolve_apposition(g, name, len, out) : PL_GEO_NONE;
}
