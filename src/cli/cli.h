/* cli.h: what the parley command's files share. */
#ifndef PARLEY_CLI_H
#define PARLEY_CLI_H

#include "parley.h"

#ifndef PARLEY_DICT_DEFAULT
#define PARLEY_DICT_DEFAULT "/usr/local/share/parley/dict"
#endif
#ifndef PARLEY_GEO_DEFAULT
#define PARLEY_GEO_DEFAULT "/usr/local/share/parley/geo/places.gaz"
#endif

/* Exit statuses: 0 success, 1 some story skipped (code) or some error found (dict check),
 * 2 usage or I/O error. */
enum { CLI_EXIT_OK = 0, CLI_EXIT_SOME = 1, CLI_EXIT_USAGE = 2 };

/* Writes a library warning or error to stderr: "parley: FILE:LINE: warning: message". */
void print_diag(void *user, parley_severity sev, const char *file, long line,
                const char *message);

/* `parley dict ...`: argv[0] is "dict". */
int cmd_dict(int argc, char **argv);
/* Loads the dictionaries (dict; NULL: $PARLEY_DICT, else the default) and the gazetteer
 * (NULL: $PARLEY_GAZETTEER, else the default, which may be missing) and compiles; prints
 * what went wrong and returns NULL when it cannot. */
parley_ctx *cli_load_context(const char *dict, const char *gazetteer, int no_places);
/* `parley itinerary FILE...`: argv[0] is "itinerary". */
int cmd_itinerary(int argc, char **argv);
/* `parley validate FILE`: argv[0] is "validate". */
int cmd_validate(int argc, char **argv);

/* Writes the `top` most frequent unknown names and verbs: to stderr for people, or to the
 * file `path` (if not NULL) as tab-separated lines. 0, or -1 when the file cannot be written
 * (the message is printed). */
int cli_report_unknown(const parley_unknown *unknown, size_t top, const char *path);

#endif
