/* fuzz_validate.c: libFuzzer target for the readers of `parley validate`: TABARI's validation
 * text (vsuite_read_tabari, src/cli/validate_tabari.c) and PETRARCH's unit-test records
 * (vsuite_read_petrarch, src/cli/validate_petrarch.c, with libxml2).
 *
 * Before the first input, it makes a private temporary directory and writes there a tiny
 * TABARI project file naming three dictionary files (which need not exist: the reader only
 * joins their paths) and a small valid TABARI validation text. Then each input is written to
 * a file in that directory and read:
 *   1. as a TABARI validation text, with the fixed project file;
 *   2. as a TABARI project file, for the fixed validation text;
 *   3. as PETRARCH's XML records.
 * Every suite is freed with vsuite_free(), whether the read succeeded or not (as
 * `parley validate` does), so that LeakSanitizer sees what a reader leaves behind.
 *
 * Checked besides the sanitizers, as src/cli/validate.h promises: a read returns 0 or -1;
 * -1 comes with a message that names the file read (or the project file); 0 with at least one
 * record, the dictionaries named (s->dict set and not empty), the format and the file set;
 * every record has an id, a text, a known kind, a date "" or 10 bytes (TABARI's:
 * "YYYY-MM-DD" of digits), expectations with their three strings; TABARI records start on
 * increasing lines inside the file. A broken promise aborts, so libFuzzer keeps the input as
 * a crash.
 *
 * PARLEY_FUZZ_WRITE_SEEDS=DIR: writes seed inputs of its own (TABARI texts, a project file,
 * PETRARCH records, written for this file) into DIR and exits, before any input is run.
 * tests/fuzz/fuzz.mk uses it.
 *
 * Built by tests/fuzz/fuzz.mk (`make fuzz`) with clang -fsanitize=fuzzer,address,undefined,
 * compiled together with the library's sources, src/cli/validate_tabari.c,
 * src/cli/validate_petrarch.c and src/cli/cmd_validate.c (for vsuite_add_record,
 * vrecord_add_expect, vsuite_path_beside and vsuite_free), linked with libxml2. */
#include "cli/validate.h"

#include <errno.h>
#include <fcntl.h>
#include <libxml/parser.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz_validate: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    abort();
}

/* ---- fixed files and seeds (all written for this file) ------------------------------------ */

static const char project_text[] =
    "<!-- a tiny project: the dictionaries need not exist -->\n"
    "<actorsfile> fuzz.actors\n"
    "<verbsfile>  fuzz.verbs\n"
    "<agentsfile> fuzz.agents\n";

static const char tabari_text[] =
    "950101  FUZZ-01  A first record\n"
    "Freedonia accused Sylvania of moving troops to the border.\n"
    "/* { FRD / SYL / 112 } */\n"
    "\n"
    "950102  FUZZ-02\n"
    "The weather was mild.\n"
    "/* {---} */\n"
    "\n"
    "950103  FUZZ-03\n"
    "/* { OPTION: DATE, 950103 } -{ FRD / SYL / 040 }\n"
    "   {+++} a settings record */\n"
    "Settings only.\n"
    "\n"
    "950104  FINAL-01\n"
    "/* {###} */\n"
    "The end.\n"
    "\n"
    "950105  AFTER-01\n"
    "Not read.\n";

static const char petrarch_text[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<Sentences-Root>\n"
    "<Environment>\n"
    "  <Verbfile>fuzz.verbs</Verbfile>\n"
    "  <Actorfile>fuzz.actors</Actorfile>\n"
    "  <Agentfile>fuzz.agents</Agentfile>\n"
    "  <Discardfile>fuzz.discards</Discardfile>\n"
    "</Environment>\n"
    "<Sentences>\n"
    "<Sentence date=\"20150806\" id=\"FUZZ-01\" sentence=\"true\" source=\"fuzz\">\n"
    "  <EventCoding sentenceid=\"FUZZ-01\" sourcecode=\"FRD\" targetcode=\"SYL\" "
    "eventcode=\"112\"/>\n"
    "  <Text>Freedonia   accused\n  Sylvania of moving troops.</Text>\n"
    "  <Parse>(ROOT (S (NP (NNP Freedonia)) (VP (VBD accused) (NP (NNP Sylvania)))))</Parse>\n"
    "</Sentence>\n"
    "<Sentence date=\"20150807\" id=\"FUZZ-02\">\n"
    "  <EventCoding noevents=\"True\"/>\n"
    "  <Text>The weather was mild &amp; dry.</Text>\n"
    "</Sentence>\n"
    "<Sentence date=\"2015\" id=\"FUZZ-03\">\n"
    "  <EventCoding error=\"a broken record\"/>\n"
    "  <Text><![CDATA[Broken <on> purpose]]></Text>\n"
    "</Sentence>\n"
    "</Sentences>\n"
    "</Sentences-Root>\n";

static const struct {
    const char *name, *text;
} seeds[] = {
    {"seed-tabari", tabari_text},
    {"seed-tabari-crlf",
     "010203\tCRLF-01 x\r\n  Text with CR LF line ends.  \r\n/* { A / B / 01 }\r\n"
     "{ C/D/02 } */ trailing text\r\n\r\n"},
    {"seed-tabari-open-comment", "991231  OPEN-01\nSome text /* { A / B / 010 \n{---\n"},
    {"seed-project", project_text},
    {"seed-petrarch", petrarch_text},
    {"seed-petrarch-two-env",
     "<r><Environment><Verbfile>a</Verbfile></Environment>"
     "<Environment><Actorfile>/abs/b</Actorfile><Agentfile></Agentfile></Environment>"
     "<Sentences><Sentence id=\"x\"><Text>t</Text><Text>u</Text></Sentence>"
     "<Sentence/></Sentences></r>\n"},
};

static int write_file(const char *path, const void *data, size_t size)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return -1;
    const char *p = data;
    while (size) {
        ssize_t w = write(fd, p, size);
        if (w < 0) {
            close(fd);
            return -1;
        }
        p += w, size -= (size_t)w;
    }
    return close(fd);
}

/* ---- the temporary directory ---------------------------------------------------------------- */

static char dir[4096], project_path[4200], text_path[4200], input_path[4200];

static void remove_tmp(void)
{
    if (input_path[0]) unlink(input_path);
    if (text_path[0]) unlink(text_path);
    if (project_path[0]) unlink(project_path);
    if (dir[0]) rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *seed_dir = getenv("PARLEY_FUZZ_WRITE_SEEDS");
    if (seed_dir && *seed_dir) {
        for (size_t i = 0; i < sizeof seeds / sizeof *seeds; i++) {
            char path[4200];
            snprintf(path, sizeof path, "%s/%s", seed_dir, seeds[i].name);
            if (write_file(path, seeds[i].text, strlen(seeds[i].text)) != 0) {
                perror(path);
                exit(1);
            }
        }
        exit(0);
    }
    xmlInitParser();
    const char *t = getenv("TMPDIR");
    int n = snprintf(dir, sizeof dir, "%s/fuzz_validate.XXXXXX", t && *t ? t : "/tmp");
    if (n < 0 || (size_t)n >= sizeof dir || !mkdtemp(dir))
        fail("cannot make a temporary directory", strerror(errno));
    snprintf(project_path, sizeof project_path, "%s/Validate.project", dir);
    snprintf(text_path, sizeof text_path, "%s/Validate.text", dir);
    snprintf(input_path, sizeof input_path, "%s/input", dir);
    atexit(remove_tmp);
    if (write_file(project_path, project_text, strlen(project_text)) != 0 ||
        write_file(text_path, tabari_text, strlen(tabari_text)) != 0)
        fail("cannot write the fixed files", strerror(errno));
    return 0;
}

/* ---- checks --------------------------------------------------------------------------------- */

static int starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static void check_suite(const vsuite *s, int rc, const char *err, const char *format,
                        const char *file, const char *project, size_t lines)
{
    if (rc != 0 && rc != -1) fail("a reader returned neither 0 nor -1", NULL);
    if (rc < 0) {
        if (!memchr(err, 0, 1024)) fail("error message not NUL-terminated", NULL);
        if (!starts_with(err, file) && !(project && starts_with(err, project)))
            fail("error message does not name the file", err);
        return;
    }
    if (!s->format || strcmp(s->format, format) != 0) fail("suite format", s->format);
    if (!s->file || strcmp(s->file, file) != 0) fail("suite file", s->file);
    if (!s->dict || !*s->dict) fail("a suite read without dictionaries", NULL);
    if (!s->nrecords || !s->records) fail("a suite read without records", NULL);
    long prev_line = 0;
    for (size_t i = 0; i < s->nrecords; i++) {
        const vrecord *r = &s->records[i];
        if (!r->id || !r->text) fail("a record without id or text", NULL);
        if (r->kind < VREC_EVENTS || r->kind > VREC_EXPECTS_ERROR) fail("record kind", r->id);
        size_t dlen = strnlen(r->date, sizeof r->date);
        if (dlen == sizeof r->date) fail("record date not NUL-terminated", r->id);
        if (dlen != 0 && dlen != 10) fail("record date neither empty nor 10 bytes", r->date);
        if (!r->nexpect != !r->expect) fail("record expectations and their count disagree", NULL);
        for (size_t k = 0; k < r->nexpect; k++)
            if (!r->expect[k].source || !r->expect[k].target || !r->expect[k].code)
                fail("an expectation with a NULL string", r->id);
        if (r->kind == VREC_EVENTS && !r->nexpect) fail("an events record expects none", r->id);
        if (!strcmp(format, "TABARI")) {
            if (dlen != 10 || strspn(r->date, "0123456789") != 4 || r->date[4] != '-' ||
                strspn(r->date + 5, "0123456789") != 2 || r->date[7] != '-' ||
                strspn(r->date + 8, "0123456789") != 2)
                fail("TABARI record date not YYYY-MM-DD", r->date);
            if (r->line <= prev_line || (size_t)r->line > lines)
                fail("TABARI record lines not increasing inside the file", r->id);
            prev_line = r->line;
            if (r->parse) fail("a TABARI record with a parse", r->id);
        }
    }
}

/* ---- the target ----------------------------------------------------------------------------- */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (write_file(input_path, data, size) != 0) fail(input_path, strerror(errno));
    /* Lines as the TABARI reader counts them: up to the first NUL. */
    size_t lines = 1;
    for (size_t i = 0; i < size && data[i]; i++) lines += data[i] == '\n';

    char err[1024];
    vsuite s;

    memset(&s, 0, sizeof s);
    memset(err, 0, sizeof err);
    int rc = vsuite_read_tabari(&s, input_path, project_path, err, sizeof err);
    check_suite(&s, rc, err, "TABARI", input_path, project_path, lines);
    vsuite_free(&s);

    memset(&s, 0, sizeof s);
    memset(err, 0, sizeof err);
    rc = vsuite_read_tabari(&s, text_path, input_path, err, sizeof err);
    check_suite(&s, rc, err, "TABARI", text_path, input_path, 1000);
    if (rc == 0 && s.nrecords != 4) fail("the fixed TABARI text read differently", NULL);
    vsuite_free(&s);

    memset(&s, 0, sizeof s);
    memset(err, 0, sizeof err);
    rc = vsuite_read_petrarch(&s, input_path, err, sizeof err);
    check_suite(&s, rc, err, "PETRARCH", input_path, NULL, 0);
    vsuite_free(&s);
    return 0;
}
