/* report.c: `parley code --report-unknown`: the names and verbs no dictionary knows, most
 * frequent first, for people on stderr or as tab-separated lines in a file. */
#include "cli/cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[] = {"", "name", "verb"};

static void report_kind(FILE *out, const parley_unknown *u, parley_unknown_kind kind,
                        const parley_unknown_item *items, size_t n, int tsv)
{
    if (!tsv)
        fprintf(out, "parley: unknown %ss, top %zu of %zu:\n", kind_names[kind], n,
                parley_unknown_distinct(u, kind));
    for (size_t i = 0; i < n; i++) {
        if (tsv) fprintf(out, "%s\t%zu\t%s\n", kind_names[kind], items[i].count, items[i].text);
        else fprintf(out, "%8zu  %s\n", items[i].count, items[i].text);
    }
}

int cli_report_unknown(const parley_unknown *u, size_t top, const char *path)
{
    parley_unknown_item *items = malloc((top ? top : 1) * sizeof *items);
    FILE *out = path ? fopen(path, "w") : stderr;
    if (!items || !out) {
        fprintf(stderr, "parley: error: %s: %s\n", path ? path : "report",
                items ? strerror(errno) : "out of memory");
        free(items);
        if (out && out != stderr) fclose(out);
        return -1;
    }
    if (path) fputs("kind\tcount\ttext\n", out);
    for (int k = PARLEY_UNKNOWN_NAME; k <= PARLEY_UNKNOWN_VERB; k++) {
        size_t n = parley_unknown_top(u, (parley_unknown_kind)k, items, top);
        report_kind(out, u, (parley_unknown_kind)k, items, n, path != NULL);
    }
    free(items);
    int failed = fflush(out) != 0 || ferror(out);
    if (path && fclose(out) != 0) failed = 1;
    if (failed) fprintf(stderr, "parley: error: cannot write %s: %s\n", path ? path : "the report",
                        strerror(errno));
    return failed ? -1 : 0;
}
