/* validate.h: the validation suites of TABARI and PETRARCH read into one form, for
 * `parley validate`. The readers keep what a record expects; cmd_validate.c codes and
 * compares. */
#ifndef PARLEY_CLI_VALIDATE_H
#define PARLEY_CLI_VALIDATE_H

#include <stddef.h>

typedef struct vexpect {
    char *source, *target, *code;
} vexpect;

typedef enum vrecord_kind {
    VREC_EVENTS = 1,         /* the events listed (in `expect`) and no other */
    VREC_NO_EVENT,           /* nothing may be coded */
    VREC_DISCARD,            /* the record is discarded: nothing may be coded */
    VREC_UNCHECKED,          /* a comment or settings record: coded, not checked */
    VREC_EXPECTS_ERROR       /* PETRARCH `error=`: the input is broken on purpose */
} vrecord_kind;

typedef struct vrecord {
    char *id;
    char date[11];           /* "YYYY-MM-DD" */
    char *text;
    char *parse;             /* Penn Treebank parse (PETRARCH), NULL if none */
    char *options;           /* option changes this record carries ("a; b"), NULL if none */
    int partial;             /* PETRARCH's require_dyad is off: events with an unknown side
                                count (PARLEY_CODE_PARTIAL) */
    long line;               /* where the record starts in its file */
    vrecord_kind kind;
    vexpect *expect;
    size_t nexpect;
} vrecord;

typedef struct vsuite {
    char *file;              /* the validation file */
    const char *format;      /* "TABARI" or "PETRARCH" */
    char *dict;              /* the dictionaries it names, joined with ':' */
    vrecord *records;
    size_t nrecords;
    size_t after_end;        /* records after the suite's end marker, not read */
} vsuite;

/* Read a validation file. 0 on success; -1 with a message in err (file and line). */
int vsuite_read_tabari(vsuite *s, const char *path, const char *project, char *err,
                       size_t errlen);
int vsuite_read_petrarch(vsuite *s, const char *path, char *err, size_t errlen);
void vsuite_free(vsuite *s);

/* Helpers the two readers share. */
vrecord *vsuite_add_record(vsuite *s);
int vrecord_add_expect(vrecord *r, const char *source, const char *target, const char *code);
/* "dir/" + name, a new string; name as is when it is absolute. */
char *vsuite_path_beside(const char *file, const char *name);

#endif
