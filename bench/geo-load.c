/* geo-load: how long the gazetteer takes to open, how much memory it holds, and how fast a
 * name resolves. Used by bench/run; prints one line:
 *
 *   geo: load_ms=4.1 file_bytes=... places=... names=... rss_kb=... peak_rss_kb=...
 *        resolve_ns=...
 *
 * load_ms is the best of RUNS opens (map, header, checksum and index checks; the file in the
 * page cache); rss_kb is the growth of the resident set from one open (the mapped pages the
 * checks touched, shared with any other process mapping the file); peak_rss_kb the process's
 * peak; resolve_ns the mean time of pl_geo_resolve over a mix of names.
 *
 * Usage: geo-load GAZETTEER [RUNS] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "geo/geo.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* The resident set in KB (Linux), or 0 when it cannot be read. */
static long rss_kb(void)
{
    long pages = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f) return 0;
    if (fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    fclose(f);
    return resident * 4;
}

static double resolve_ns(const pl_gazetteer *g)
{
    static const char *const names[] = {"Tokyo", "Paris", "Washington", "Kiev", "Gaza Strip",
                                        "Springfield", "São Paulo", "Nowhere Town", "Georgia",
                                        "Rio de Janeiro"};
    static const char *const ctx[] = {"USA", "FRA"};
    const int n = sizeof names / sizeof *names, reps = 20000;
    pl_place p;
    long found = 0;
    double t0 = now_ms();
    for (int r = 0; r < reps; r++)
        for (int i = 0; i < n; i++)
            found += pl_geo_resolve(g, names[i], strlen(names[i]), ctx, 2, &p) != PL_GEO_NONE;
    double t1 = now_ms();
    if (found == 0) fprintf(stderr, "geo-load: no name resolved\n");
    return (t1 - t0) * 1e6 / ((double)reps * n);
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: geo-load GAZETTEER [RUNS]\n");
        return 2;
    }
    int runs = argc > 2 ? atoi(argv[2]) : 5;
    char err[512];
    double best = -1;
    long rss0 = rss_kb(), grown = 0;
    for (int r = 0; r < (runs > 0 ? runs : 1); r++) {
        double t0 = now_ms();
        pl_gazetteer *g = pl_gazetteer_open(argv[1], err, sizeof err);
        double t1 = now_ms();
        if (!g) {
            fprintf(stderr, "geo-load: %s\n", err);
            return 1;
        }
        if (best < 0 || t1 - t0 < best) best = t1 - t0;
        if (r == 0) grown = rss_kb() - rss0;
        pl_gazetteer_close(g);
    }
    pl_gazetteer *g = pl_gazetteer_open(argv[1], err, sizeof err);
    if (!g) {
        fprintf(stderr, "geo-load: %s\n", err);
        return 1;
    }
    double ns = resolve_ns(g);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("geo: load_ms=%.2f file_bytes=%zu places=%zu names=%zu rss_kb=%ld peak_rss_kb=%ld "
           "resolve_ns=%.0f\n",
           best, pl_gazetteer_bytes(g), pl_gazetteer_count(g), pl_gazetteer_names(g), grown,
           ru.ru_maxrss, ns);
    pl_gazetteer_close(g);
    return 0;
}
