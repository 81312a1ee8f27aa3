/* tabari_actors.c: TABARI's .actors and .agents dictionaries, and discard lists read with
 * TABARI's rules (TABARI itself marks discards with [###] inside .actors; see foreign.h for
 * what the formats share).
 *
 * TABARI's rules, as its manual and its reader (input.cp) define them: ';' starts a comment
 * anywhere, a line starting with '#' or '/' is a comment, a line starting with '~' ends the
 * dictionary. A word without a final '_' is a stem ("ARGENTIN" matches "ARGENTINA"), a space
 * between words lets others come between them: parley matches whole, consecutive words and
 * says how many phrases it had to read that way, once a file. Agent codes must carry '~'. */
#include "lex/foreign.h"

#include <ctype.h>
#include <string.h>

static void tabari_init(pl_foreign *f, pl_dict_source *src, const char *text, size_t len)
{
    pl_foreign_init(f, src, text, len);
    f->tabari_lines = 1;
    f->count_stems = 1;
    f->count_gaps = 1;
    f->noun_endings = 1;
}

static int has(const char *s, const char *e, const char *lit)
{
    size_t n = strlen(lit);
    for (; (size_t)(e - s) >= n; s++)
        if (!memcmp(s, lit, n)) return 1;
    return 0;
}

/* One word of an <ADJECTIVE> list ("AWFUL ;note"), lower case, into the dictionary. */
static int add_adjective(pl_foreign *f, const char *s, const char *e)
{
    const char *te, *t = pl_trim(s, e, &te);
    while (te > t && te[-1] == '_') te--;
    char w[64];
    size_t n = (size_t)(te - t);
    if (!n || n >= sizeof w) return 0;
    for (size_t i = 0; i < n; i++) w[i] = (char)tolower((unsigned char)t[i]);
    return pl_strmap_intern(&f->src->d->adjectives, w, n) ? 0 : -1;
}

/* <NOUN> and <ADJECTIVE> lists in an .actors file: words that help TABARI's parser tell
 * nouns from other words. The adjectives tell which words before a role describe it
 * ("Ithilen's awful and evil minister"); the nouns are skipped, with one report. */
static int read_word_list(pl_foreign *f, const char *s, const char *e)
{
    int noun = has(s, e, "<NOUN");
    const char *close = noun ? "</NOUN" : "</ADJ";
    long start = f->src->line;
    if (noun) pl_dict_unsupported(f->src, "a <NOUN> word list (TABARI's parser hints)");
    int r;
    while ((r = pl_foreign_next_line(f, &s, &e)) > 0) {
        if (has(s, e, close)) return 0;
        if (!noun && add_adjective(f, s, e)) return -1;
    }
    if (r < 0) return -1;
    long end = f->src->line;
    f->src->line = start;
    pl_dict_report(f->src, PARLEY_ERROR, "no %s> closes this list", close);
    f->src->line = end;
    return 0;
}

int pl_tabari_read_actors(pl_dict_source *src, const char *text, size_t len)
{
    pl_foreign f;
    tabari_init(&f, src, text, len);
    const char *s, *e;
    int r = 0, rc = 0;
    while (!rc && (r = pl_foreign_next_line(&f, &s, &e)) > 0) {
        if (*s != '<') rc = pl_foreign_actor_line(&f, s, e);
        else if (has(s, e, "<NOUN") || has(s, e, "<ADJ")) rc = read_word_list(&f, s, e);
        else pl_foreign_unsupported_line(&f, "a TABARI tag", s, e);
    }
    if (!rc && r < 0) rc = -1;
    if (!rc) rc = pl_foreign_actor_end(&f);
    return pl_foreign_finish(&f, rc);
}

/* "PHRASE_ {PLURAL_} [~CODE]": the phrase and its plural, if any, with the code. */
int pl_tabari_read_agents(pl_dict_source *src, const char *text, size_t len)
{
    pl_foreign f;
    tabari_init(&f, src, text, len);
    const char *s, *e;
    int r = 0, rc = 0;
    while (!rc && (r = pl_foreign_next_line(&f, &s, &e)) > 0) {
        pl_fagent ag;
        int p = pl_foreign_agent_parse(&f, s, e, 1, &ag);
        if (p < 0) rc = -1;
        else if (p) rc = pl_foreign_agent_add(&f, ag.code, ag.phrase, ag.phrase_end);
        if (!rc && p > 0 && ag.plural)
            rc = pl_foreign_agent_add(&f, ag.code, ag.plural, ag.plural_end);
    }
    if (!rc && r < 0) rc = -1;
    return pl_foreign_finish(&f, rc);
}

/* One phrase a line, "+PHRASE" for a story, as PETRARCH's discard lists (which took over
 * TABARI's [###] phrases), with TABARI's comments and stems. */
int pl_tabari_read_discards(pl_dict_source *src, const char *text, size_t len)
{
    pl_foreign f;
    tabari_init(&f, src, text, len);
    f.count_gaps = 0; /* a list of phrases: spaces separate consecutive words */
    return pl_foreign_finish(&f, pl_foreign_read_discards(&f));
}
