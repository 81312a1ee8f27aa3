/* foreign.c: what the TABARI and PETRARCH readers share (foreign.h): lines with their
 * comments cut, phrases written with '_', bracketed codes and their dates, actor records,
 * agent and discard lines, and the per-file summary of what parley only approximates.
 * Every read is bounded by the text's end: the text is not NUL-terminated. */
#include "lex/foreign.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int starts(const char *p, const char *e, const char *lit)
{
    size_t n = strlen(lit);
    return (size_t)(e - p) >= n && !memcmp(p, lit, n);
}

static int blank(const char *s, const char *e)
{
    for (; s < e; s++)
        if (!isspace((unsigned char)*s)) return 0;
    return 1;
}

static void note(pl_foreign *f, pl_fcount *c)
{
    if (!c->n++) c->first = f->src->line;
}

/* ---- lines --------------------------------------------------------------------------------- */

void pl_foreign_init(pl_foreign *f, pl_dict_source *src, const char *text, size_t len)
{
    memset(f, 0, sizeof *f);
    f->src = src;
    f->p = text;
    f->end = text + len;
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) f->p += 3; /* a UTF-8 byte order mark */
}

/* The end of the line at f->p (LF, CRLF or a lone CR: old Mac files end lines with CR).
 * The next LF is remembered, so that a file of CR lines is not searched to its end for
 * every line. */
static const char *line_end(pl_foreign *f, const char **next)
{
    const char *p = f->p;
    if (!f->lf || f->lf < p) {
        f->lf = memchr(p, '\n', (size_t)(f->end - p));
        if (!f->lf) f->lf = f->end;
    }
    const char *cr = memchr(p, '\r', (size_t)(f->lf - p));
    if (!cr) {
        *next = f->lf < f->end ? f->lf + 1 : f->end;
        return f->lf;
    }
    *next = cr + 1 < f->end && cr[1] == '\n' ? cr + 2 : cr + 1;
    return cr;
}

static void trim_buf(pl_buf *b)
{
    size_t s = 0, e = b->len;
    while (s < e && isspace((unsigned char)b->data[s])) s++;
    while (e > s && isspace((unsigned char)b->data[e - 1])) e--;
    if (s) memmove(b->data, b->data + s, e - s);
    b->len = e - s;
    if (b->data) b->data[b->len] = 0;
}

/* Copies [s, e) into f->line without comments. '#' and ';' outside brackets start one (both
 * formats use both: TABARI ';', PETRARCH '#', and Phoenix's TABARI-style files end thousands
 * of head lines with "# CountryInfo.txt", which is no part of the phrase); "[###]" is a code. */
static int clean_line(pl_foreign *f, const char *s, const char *e)
{
    pl_buf_clear(&f->line);
    const char *t = s;
    while (t < e && isspace((unsigned char)*t)) t++;
    if (!f->in_xml) {
        if (f->tabari_lines && t < e && *t == '/') return 0;
        if (starts(t, e, "<!") && !starts(t, e, "<!--")) return 0; /* "<! -- ... -->" */
    }
    const char *from = s, *p = s;
    int bracket = 0;
    for (; p < e; p++) {
        char c = *p;
        if (f->in_xml) {
            if (c == '-' && starts(p, e, "-->")) f->in_xml = 0, p += 2, from = p + 1;
        } else if (c == '<' && starts(p, e, "<!--")) {
            if (p > from && pl_buf_append(&f->line, from, (size_t)(p - from))) return -1;
            f->in_xml = 1;
            f->xml_line = f->src->line;
            p += 3;
        } else if (c == '[') {
            bracket = 1;
        } else if (c == ']') {
            bracket = 0;
        } else if (!bracket && (c == '#' || c == ';')) {
            break;
        }
    }
    if (!f->in_xml && p > from && pl_buf_append(&f->line, from, (size_t)(p - from))) return -1;
    trim_buf(&f->line);
    return 0;
}

int pl_foreign_next_line(pl_foreign *f, const char **s, const char **e)
{
    while (f->p < f->end) {
        const char *next, *ls = f->p, *le = line_end(f, &next);
        f->p = next;
        f->src->line++;
        if (memchr(ls, '\0', (size_t)(le - ls))) {
            pl_dict_report(f->src, PARLEY_ERROR, "NUL byte in line; skipped");
            continue;
        }
        /* TABARI stops reading at a line starting with '~' ("~~FINISH"): the rest is notes. */
        if (f->tabari_lines && !f->in_xml && ls < le && *ls == '~') break;
        if (clean_line(f, ls, le)) return -1;
        if (!f->line.len) continue;
        f->raw_tabs = 0;
        for (const char *q = ls; q < le; q++) f->raw_tabs += *q == '\t';
        *s = f->line.data;
        *e = f->line.data + f->line.len;
        return 1;
    }
    f->p = f->end;
    if (f->in_xml) {
        f->in_xml = 0;
        f->src->line = f->xml_line;
        pl_dict_report(f->src, PARLEY_ERROR, "'<!--' comment is never closed with '-->'");
    }
    return 0;
}

void pl_foreign_unsupported_line(pl_foreign *f, const char *what, const char *s, const char *e)
{
    char msg[160];
    int n = e - s > 60 ? 60 : (int)(e - s);
    snprintf(msg, sizeof msg, "%s '%.*s%s'", what, n, s, e - s > 60 ? "..." : "");
    pl_dict_unsupported(f->src, msg);
}

static void summary(pl_foreign *f, const pl_fcount *c, const char *what)
{
    if (!c->n) return;
    f->src->line = c->first;
    pl_dict_report(f->src, PARLEY_WARNING, "%zu %s (the first here)", c->n, what);
}

int pl_foreign_finish(pl_foreign *f, int rc)
{
    long last = f->src->line;
    if (rc == 0) {
        summary(f, &f->gaps, "phrases have a space between words, where TABARI lets other "
                             "words come between; parley lets at most two");
        summary(f, &f->no_code, "entries have no code ([---] or none): their names are "
                                "known but code nothing");
    }
    f->src->line = last;
    pl_buf_free(&f->line);
    pl_buf_free(&f->phrase);
    pl_buf_free(&f->scratch);
    pl_buf_free(&f->rec.text);
    free(f->rec.phrases);
    free(f->rec.codes);
    return rc;
}

/* ---- phrases ------------------------------------------------------------------------------- */

int pl_foreign_phrase(pl_foreign *f, const char *s, const char *e, unsigned *shape)
{
    pl_buf *b = &f->phrase;
    pl_buf_clear(b);
    *shape = 0;
    while (s < e && isspace((unsigned char)*s)) s++;
    while (e > s && isspace((unsigned char)e[-1])) e--;
    if (e > s && e[-1] == '=') *shape |= PL_FP_EXACT | PL_FP_AS_WRITTEN, e--;
    if (e > s && e[-1] == '_') *shape |= PL_FP_EXACT;
    /* The words never grow but by a second space at a gap. */
    if (pl_buf_reserve(b, 2 * (size_t)(e - s))) return -1;
    int sep = 0, gap = 0;
    for (const char *p = s; p < e; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '_' || isspace(c)) {
            sep = 1;
            gap |= c != '_';
            continue;
        }
        if (sep && b->len) {
            b->data[b->len++] = ' ';
            if (gap) *shape |= PL_FP_GAP;
            /* TABARI lets other words come between: two spaces (PL_PHRASE_GAPS) */
            if (gap && f->count_gaps) b->data[b->len++] = ' ';
        }
        sep = gap = 0;
        if (c == '-') *shape |= PL_FP_HYPHEN;
        b->data[b->len++] = (char)c;
    }
    b->data[b->len] = 0;
    return b->len ? 0 : 1;
}

static void note_shape(pl_foreign *f, unsigned shape)
{
    if (f->count_gaps && (shape & PL_FP_GAP)) note(f, &f->gaps);
}

/* The phrase in lower case too when it has a hyphen: the tokenizer keeps "semi-official"
 * whole but splits "SEMI-OFFICIAL" (and "Al-Qaeda"), so text in either case matches. */
static int add_lower(pl_foreign *f, enum pl_phrase_kind kind, uint32_t entry, unsigned shape,
                     unsigned flags)
{
    if (!(shape & PL_FP_HYPHEN)) return 0;
    pl_buf_clear(&f->scratch);
    if (pl_buf_append(&f->scratch, f->phrase.data, f->phrase.len)) return -1;
    for (size_t i = 0; i < f->scratch.len; i++)
        f->scratch.data[i] = (char)tolower((unsigned char)f->scratch.data[i]);
    return pl_dict_phrase(f->src, kind, entry, f->scratch.data, f->scratch.len, flags);
}

/* TABARI's regular noun ending: a whole word also matches with "s" ("LIBYA_": "Libyas",
 * "GOVERNMENT_RADIO_": "government radios"); "MOUSE=" takes none. */
static int add_plural(pl_foreign *f, enum pl_phrase_kind kind, uint32_t entry, unsigned flags)
{
    pl_buf_clear(&f->scratch);
    if (pl_buf_append(&f->scratch, f->phrase.data, f->phrase.len) || pl_buf_putc(&f->scratch, 'S'))
        return -1;
    return pl_dict_phrase(f->src, kind, entry, f->scratch.data, f->scratch.len, flags);
}

int pl_foreign_add(pl_foreign *f, enum pl_phrase_kind kind, uint32_t entry, unsigned shape)
{
    note_shape(f, shape);
    int discard = kind == PL_PH_DISCARD_SENTENCE || kind == PL_PH_DISCARD_STORY;
    /* TABARI's actor phrases and both formats' discards end in a stem unless '_' closes
     * them ("ARGENTIN" matches "Argentina"). */
    unsigned flags = PL_PHRASE_ANY_CASE | (f->count_gaps ? PL_PHRASE_GAPS : 0);
    if (f->count_stems && !(shape & PL_FP_EXACT) && kind != PL_PH_AGENT) flags |= PL_PHRASE_STEM;
    int rc = discard ? pl_dict_discard(f->src, kind, f->phrase.data, f->phrase.len, flags)
                     : pl_dict_phrase(f->src, kind, entry, f->phrase.data, f->phrase.len, flags);
    if (rc == 0 && f->noun_endings && !discard && kind != PL_PH_AGENT &&
        (shape & (PL_FP_EXACT | PL_FP_AS_WRITTEN)) == PL_FP_EXACT)
        rc = add_plural(f, kind, entry, flags);
    return rc ? rc : add_lower(f, kind, entry, shape, PL_PHRASE_ANY_CASE);
}

/* ---- codes and dates ----------------------------------------------------------------------- */

/* YYMMDD (years 00-30 are 20YY, the others 19YY, as in TABARI and PETRARCH) or YYYYMMDD,
 * checked for a real day. */
static int parse_date(const char *s, const char *e, int32_t *out)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    size_t n = (size_t)(e - s);
    if (n != 6 && n != 8) return -1;
    int32_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i])) return -1;
        v = v * 10 + (s[i] - '0');
    }
    int y = v / 10000, m = v / 100 % 100, d = v % 100;
    if (n == 6) y += y <= 30 ? 2000 : 1900;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (m < 1 || m > 12 || d < 1 || d > days[m - 1] + (m == 2 && leap)) return -1;
    *out = y * 10000 + m * 100 + d;
    return 0;
}

/* What follows the code inside the brackets: nothing, "<DATE", ">DATE" or "DATE-DATE"
 * (limits included, spaces allowed). 0, or -1 after reporting the error. */
static int parse_dates(pl_foreign *f, const char *s, const char *e, int32_t *from, int32_t *to)
{
    const char *te, *t = pl_trim(s, e, &te), *ae, *a, *be, *b;
    *from = PL_DATE_MIN;
    *to = PL_DATE_MAX;
    if (t == te) return 0;
    int ok;
    if (*t == '<' || *t == '>') {
        a = pl_trim(t + 1, te, &ae);
        ok = !parse_date(a, ae, *t == '<' ? to : from);
    } else {
        const char *dash = memchr(t, '-', (size_t)(te - t));
        if (!dash) {
            pl_dict_report(f->src, PARLEY_ERROR, "date '%.*s' needs '<', '>' or a range "
                           "FROM-TO", (int)(te - t), t);
            return -1;
        }
        a = pl_trim(t, dash, &ae);
        b = pl_trim(dash + 1, te, &be);
        ok = !parse_date(a, ae, from) && !parse_date(b, be, to) && *from <= *to;
    }
    if (!ok) pl_dict_report(f->src, PARLEY_ERROR, "bad date restriction '%.*s' (want YYMMDD or "
                            "YYYYMMDD, a real day, FROM before TO)", (int)(te - t), t);
    return ok ? 0 : -1;
}

enum { CODE_BAD = -1, CODE_COMPLEX = -2 };

/* A code is letters and digits; "A/B" (one phrase for several actors: "THE_SHIRE
 * [FRO/BIL/SAM]") is kept whole, and the coder codes an event for each member. */
static int code_kind(const char *s, const char *e)
{
    size_t n = (size_t)(e - s);
    if (n == 3 && !memcmp(s, "---", 3)) return PL_FC_NULL;
    if (n == 3 && !memcmp(s, "###", 3)) return PL_FC_DISCARD;
    if (n == 3 && !memcmp(s, "+++", 3)) return CODE_COMPLEX;
    if (*s == '/' || e[-1] == '/') return CODE_BAD;
    for (const char *p = s; p < e; p++)
        if (*p == '/' ? p[-1] == '/' : !isalnum((unsigned char)*p) || (unsigned char)*p >= 0x80)
            return CODE_BAD;
    return PL_FC_CODE;
}

/* The inside of one "[...]" into *c (c->code points into the line). 1 when it is a code to
 * keep; 0 when it was reported: malformed (an error) or not supported. */
static int parse_code(pl_foreign *f, const char *s, const char *e, pl_fcode *c,
                      const char **code)
{
    const char *te, *t = pl_trim(s, e, &te), *ce = t;
    while (ce < te && !isspace((unsigned char)*ce) && *ce != '<' && *ce != '>') ce++;
    int kind = code_kind(t, ce);
    if (ce == t || kind == CODE_BAD) {
        pl_dict_report(f->src, PARLEY_ERROR, "bad code '[%.*s]' (want letters and digits, "
                       "then optional dates)", (int)(te - t), t);
        return 0;
    }
    if (parse_dates(f, ce, te, &c->from, &c->to)) return 0;
    if (kind == CODE_COMPLEX) pl_dict_unsupported(f->src, "[+++] (TABARI's complexity code)");
    if (kind < 0) return 0;
    c->kind = (uint8_t)kind;
    c->code.len = (size_t)(ce - t);
    *code = t;
    return 1;
}

/* ---- actor records ------------------------------------------------------------------------- */

/* Copies [s, s+n) into the record's text (upper case for codes). */
static int rec_copy(pl_frecord *r, const char *s, size_t n, int upper, pl_fslice *out, long line)
{
    out->off = r->text.len;
    out->len = n;
    out->line = line;
    if (pl_buf_append(&r->text, s, n)) return -1;
    if (upper)
        for (size_t i = out->off; i < r->text.len; i++)
            r->text.data[i] = (char)toupper((unsigned char)r->text.data[i]);
    return 0;
}

static int rec_phrase(pl_foreign *f, const char *s, const char *e)
{
    pl_frecord *r = &f->rec;
    const char *te, *t = pl_trim(s, e, &te);
    int words = 0;
    for (const char *p = t; p < te; p++) words |= *p != '_' && !isspace((unsigned char)*p);
    if (!words) {
        pl_dict_report(f->src, PARLEY_ERROR, "empty phrase");
        return 0;
    }
    if (PL_GROW(r->phrases, r->phrases_cap, r->nphrases + 1)) return -1;
    return rec_copy(r, t, (size_t)(te - t), 0, &r->phrases[r->nphrases++], f->src->line);
}

/* The "[CODE DATES]" groups from p to e. */
static int rec_codes(pl_foreign *f, const char *p, const char *e)
{
    pl_frecord *r = &f->rec;
    while (p < e) {
        if (isspace((unsigned char)*p)) {
            p++;
            continue;
        }
        const char *close = *p == '[' ? memchr(p, ']', (size_t)(e - p)) : NULL;
        if (!close) {
            pl_dict_report(f->src, PARLEY_ERROR, "%s: '%.*s'",
                           *p == '[' ? "'[' without ']'" : "text where a [CODE] should be",
                           (int)(e - p), p);
            return 0;
        }
        pl_fcode c;
        const char *code;
        if (parse_code(f, p + 1, close, &c, &code)) {
            if (PL_GROW(r->codes, r->codes_cap, r->ncodes + 1)) return -1;
            r->codes[r->ncodes] = c;
            if (rec_copy(r, code, c.code.len, 1, &r->codes[r->ncodes].code, f->src->line))
                return -1;
            r->ncodes++;
        }
        p = close + 1;
    }
    return 0;
}

int pl_foreign_actor_line(pl_foreign *f, const char *s, const char *e)
{
    const char *br = memchr(s, '[', (size_t)(e - s)), *pe = br ? br : e;
    if (*s == '[' || *s == '+') {
        if (!f->rec.open) {
            pl_dict_report(f->src, PARLEY_ERROR, "%s before any entry's head line",
                           *s == '[' ? "code line" : "synonym");
            return 0;
        }
        if (*s == '+' && rec_phrase(f, s + 1, pe)) return -1;
        return rec_codes(f, pe, e);
    }
    if (pl_foreign_actor_end(f)) return -1;
    f->rec.open = 1;
    if (rec_phrase(f, s, pe)) return -1;
    if (!f->rec.nphrases) f->rec.open = 0;
    return f->rec.open ? rec_codes(f, pe, e) : 0;
}

/* CAMEO's three-letter codes that are no country: roles and sectors, organisation types,
 * the old KEDS codes of IGOs, religions and regions (parley's regions are no countries
 * either). Sorted for bsearch. None is an ISO 3166 alpha-3 code. */
static const char non_country[][4] = {
    "ADR", "AFR", "AGR", "ALE", "ASA", "ATH", "BAH", "BLK", "BUD", "BUS", "CAS", "CAU", "CEU",
    "CFR", "CHR", "CON", "COP", "CPT", "CRB", "CRM", "CTH", "CVL", "DEV", "DOX", "DRZ", "EAF",
    "EDU", "EEC", "EEU", "EIN", "ELI", "ENV", "EUR", "GOV", "HIN", "HLH", "HRI", "HSD", "IBR",
    "IGO", "IMF", "IMG", "INS", "ITR", "JAN", "JEW", "JHW", "JUD", "LAB", "LAM", "LDS", "LEG",
    "MDT", "MEA", "MED", "MIL", "MNC", "MOD", "MOS", "MRN", "NAF", "NGM", "NGO", "NMR", "NRM",
    "OPP", "PAG", "PGS", "PRO", "PTY", "RAD", "REB", "REF", "REL", "SAF", "SAM", "SAS", "SCN",
    "SEA", "SEP", "SFI", "SHI", "SIK", "SPY", "SUN", "TAO", "UAF", "UDX", "UIS", "UNO", "WAF",
    "WEU", "WST", "ZRO"};

static int cmp_code(const void *a, const void *b)
{
    return memcmp(a, b, 3);
}

static int is_country_code(const char *c, size_t n)
{
    if (n != 3) return 0;
    for (size_t i = 0; i < 3; i++)
        if (c[i] < 'A' || c[i] > 'Z') return 0;
    return !bsearch(c, non_country, sizeof non_country / sizeof *non_country,
                    sizeof *non_country, cmp_code);
}

/* What an entry is, from its code (the formats do not say): a country for a bare country
 * code, an IGO for IGO... codes (and KEDS's UNO, IMF, EEC, IBR), an organisation for NGO,
 * NGM, MNC and IMG codes, else a person. */
static enum pl_actor_type classify(const char *c, size_t n, int is_default, const char **type)
{
    static const char *const igo_old[] = {"UNO", "IMF", "EEC", "IBR"};
    if (is_default && is_country_code(c, n)) return *type = "country", PL_ACTOR_COUNTRY;
    int igo = n >= 3 && !memcmp(c, "IGO", 3);
    for (size_t i = 0; i < 4 && n == 3; i++) igo |= !memcmp(c, igo_old[i], 3);
    if (igo) return *type = "igo", PL_ACTOR_IGO;
    if (n >= 3 && (!memcmp(c, "NGO", 3) || !memcmp(c, "NGM", 3)))
        return *type = "ngo", PL_ACTOR_OTHER;
    if (n >= 3 && !memcmp(c, "MNC", 3)) return *type = "company", PL_ACTOR_OTHER;
    if (n >= 3 && !memcmp(c, "IMG", 3)) return *type = "group", PL_ACTOR_OTHER;
    return *type = "person", PL_ACTOR_PERSON;
}

/* An entry ID from the head phrase: "ARMENIA_" is ARMENIA, "U.S._ARMY" U_S_ARMY. A name that
 * is already a country's ID gets _ACTOR, so that no person joins a country entry. */
static int make_id(pl_foreign *f, const char *s, size_t n)
{
    pl_buf *b = &f->scratch;
    pl_buf_clear(b);
    int sep = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80 || !isalnum(c)) {
            sep = 1;
            continue;
        }
        if ((sep && b->len && pl_buf_putc(b, '_')) || pl_buf_putc(b, (char)toupper(c)))
            return -1;
        sep = 0;
    }
    if (!b->len && pl_buf_printf(b, "PHRASE_%08X", (unsigned)(pl_hash_bytes(s, n) & 0xFFFFFFFFu)))
        return -1;
    /* Country IDs are three-letter codes (ours and parley's own, "= JPN"). */
    uint32_t known = b->len == 3 ? pl_strmap_get(&f->src->d->actor_ids, b->data, 3) : 0;
    if (known && f->src->d->actors[known - 1].kind == PL_ACTOR_COUNTRY)
        return pl_buf_append(b, "_ACTOR", 6);
    return 0;
}

/* The entry of the record: a country's ID is its code, so that it merges with parley's own
 * entry of that country and pl_is_country() knows the code; any other's comes from its head
 * phrase. -2 when out of memory. */
static int32_t rec_entry(pl_foreign *f, const pl_fcode *deflt, const pl_fcode *first,
                         int dated)
{
    pl_frecord *r = &f->rec;
    const pl_fcode *c = deflt ? deflt : first;
    const char *type = "", *code = c ? r->text.data + c->code.off : NULL;
    size_t clen = c ? c->code.len : 0;
    /* Countries have no dated roles: "SAM_GAMGEE [HOB] [HOBCIV <20080120]" is a person. */
    enum pl_actor_type kind =
        c ? classify(code, clen, c == deflt && !dated, &type) : PL_ACTOR_OTHER;
    f->src->line = r->phrases[0].line;
    int32_t ix;
    if (kind == PL_ACTOR_COUNTRY) {
        ix = pl_dict_actor(f->src, code, clen);
    } else {
        if (make_id(f, r->text.data + r->phrases[0].off, r->phrases[0].len)) return -2;
        ix = pl_dict_actor(f->src, f->scratch.data, f->scratch.len);
    }
    if (ix < 0) return -2;
    pl_actor_entry *a = &f->src->d->actors[ix];
    if (a->kind == PL_ACTOR_OTHER && !*a->type) {
        a->kind = (uint8_t)kind;
        a->type = type;
    }
    if (kind == PL_ACTOR_COUNTRY && !a->country &&
        !(a->country = pl_arena_strndup(&f->src->d->arena, code, clen)))
        return -2;
    return ix;
}

/* Every phrase of the record as `kind` for `entry`. */
static int rec_add_phrases(pl_foreign *f, enum pl_phrase_kind kind, uint32_t entry)
{
    pl_frecord *r = &f->rec;
    for (size_t i = 0; i < r->nphrases; i++) {
        const char *s = r->text.data + r->phrases[i].off;
        unsigned shape;
        f->src->line = r->phrases[i].line;
        int rc = pl_foreign_phrase(f, s, s + r->phrases[i].len, &shape);
        if (rc < 0 || (rc == 0 && pl_foreign_add(f, kind, entry, shape))) return -1;
    }
    return 0;
}

static int undated(const pl_fcode *c)
{
    return c->from == PL_DATE_MIN && c->to == PL_DATE_MAX;
}

static int rec_add_codes(pl_foreign *f, uint32_t entry)
{
    pl_frecord *r = &f->rec;
    for (size_t i = 0; i < r->ncodes; i++) {
        const pl_fcode *c = &r->codes[i];
        /* "[--- <950630] [DOL]": no code before that day (an empty code), DOL after;
         * "[USR <911226] [###]": the name discards the sentence after that day (the code
         * "###", which the coder reads as a discard). */
        int null_dates = c->kind == PL_FC_NULL && !undated(c);
        if (c->kind != PL_FC_CODE && c->kind != PL_FC_DISCARD && !null_dates) continue;
        const char *code = r->text.data + c->code.off;
        size_t len = null_dates ? 0 : c->code.len;
        const pl_actor_entry *a = &f->src->d->actors[entry];
        int dup = 0;
        /* Merged entries repeat codes ("FRANCE_ [FRA]", "FRENCH_ [FRA]"); the last codes are
         * where repeats are, and a bounded look keeps a hostile file from going quadratic. */
        for (size_t k = a->ncodes > 256 ? a->ncodes - 256 : 0; k < a->ncodes && !dup; k++)
            dup = a->codes[k].from == c->from && a->codes[k].to == c->to &&
                  strlen(a->codes[k].code) == len && !memcmp(a->codes[k].code, code, len);
        f->src->line = c->code.line;
        if (!dup && pl_dict_actor_code(f->src, entry, code, len, c->from, c->to))
            return -1;
    }
    return 0;
}

/* A second default code: neither format says which one stands; parley takes the first. */
static void second_default(pl_foreign *f, const pl_fcode *deflt, const pl_fcode *c)
{
    const char *t = f->rec.text.data;
    if (c->code.len == deflt->code.len && !memcmp(t + c->code.off, t + deflt->code.off,
                                                  c->code.len))
        return;
    f->src->line = c->code.line;
    pl_dict_report(f->src, PARLEY_WARNING, "a second code without dates, %.*s: the first, "
                   "%.*s, stands", (int)c->code.len, t + c->code.off, (int)deflt->code.len,
                   t + deflt->code.off);
}

/* Dated codes under a bare country code: a country's history ("SERBIA [SRB]" was YUGSRB,
 * then SCGSRB: the codes end in its own) or a person's roles ("SAM_GAMGEE [HOB]" was
 * HOBCIV, then HOBMIL: the codes start with it). A person when fewer than half of them end
 * in the default code. */
static int roles_of_person(const pl_frecord *r, const pl_fcode *deflt)
{
    const char *t = r->text.data, *d = t + deflt->code.off;
    size_t dlen = deflt->code.len, dated = 0, own = 0;
    for (size_t i = 0; i < r->ncodes; i++) {
        const pl_fcode *c = &r->codes[i];
        if (c->kind != PL_FC_CODE || undated(c)) continue;
        dated++;
        own += c->code.len >= dlen && !memcmp(t + c->code.off + c->code.len - dlen, d, dlen);
    }
    return dated && own * 2 < dated;
}

static int rec_flush(pl_foreign *f)
{
    pl_frecord *r = &f->rec;
    const pl_fcode *deflt = NULL, *first = NULL, *discard = NULL;
    for (size_t i = 0; i < r->ncodes; i++) {
        const pl_fcode *c = &r->codes[i];
        if (c->kind == PL_FC_CODE && !first) first = c;
        if (c->kind == PL_FC_CODE && undated(c) && deflt) second_default(f, deflt, c);
        if (c->kind == PL_FC_CODE && undated(c) && !deflt) deflt = c;
        if (c->kind == PL_FC_DISCARD) discard = c;
    }
    /* TABARI's [###]: the phrase discards the sentence it is in. Beside dated codes
     * ("USSR [USR <911226] [###]", "ENT [### <890101] [ENT]") it is a code of its own for
     * its dates, read as a discard when the sentence is coded. */
    if (discard && !first && undated(discard))
        return rec_add_phrases(f, PL_PH_DISCARD_SENTENCE, 0);
    /* A name with no code for some dates ("PRINCE DOL_AMROTH [--- <950630] [DOL]") is
     * someone's title, not the country. */
    int null_dates = 0;
    for (size_t i = 0; i < r->ncodes; i++)
        null_dates |= r->codes[i].kind == PL_FC_NULL && !undated(&r->codes[i]);
    int32_t entry = rec_entry(f, deflt, first, deflt && (null_dates || roles_of_person(r, deflt)));
    if (entry < 0) return -1;
    if (!first) {
        f->src->line = r->phrases[0].line;
        note(f, &f->no_code);
    }
    if (rec_add_phrases(f, PL_PH_NAME, (uint32_t)entry)) return -1;
    return rec_add_codes(f, (uint32_t)entry);
}

int pl_foreign_actor_end(pl_foreign *f)
{
    pl_frecord *r = &f->rec;
    if (!r->open) return 0;
    long line = f->src->line;
    int rc = rec_flush(f);
    f->src->line = line;
    r->open = 0;
    r->nphrases = r->ncodes = 0;
    pl_buf_clear(&r->text);
    return rc;
}

/* ---- agents -------------------------------------------------------------------------------- */

/* "~CODE" goes after the actor's code, "CODE~" before it. The code, without '~', into the
 * arena; NULL after reporting, or with *oom set. */
static const char *agent_code(pl_foreign *f, const char *s, const char *e, int need_tilde,
                              int *oom)
{
    const char *te, *t = pl_trim(s, e, &te);
    int before = te > t && te[-1] == '~', after = te > t && *t == '~';
    const char *cs = t + after, *ce = te - before;
    int ok = ce > cs && !(before && after) && (before || after || !need_tilde);
    for (const char *p = cs; ok && p < ce; p++)
        ok = (unsigned char)*p < 0x80 && isalnum((unsigned char)*p);
    if (!ok) {
        pl_dict_report(f->src, PARLEY_ERROR, "bad agent code '[%.*s]' (want ~CODE%s)",
                       (int)(te - t), t, need_tilde ? ", or CODE~ to go first" : "");
        return NULL;
    }
    /* A code that goes before the actor's keeps its '~' ("NGO~"): pl_agent_entry says so. */
    char *code = pl_arena_printf(&f->src->d->arena, "%.*s%s", (int)(ce - cs), cs,
                                 before ? "~" : "");
    if (!code) {
        *oom = 1;
        return NULL;
    }
    for (char *p = code; *p; p++) *p = (char)toupper((unsigned char)*p);
    return code;
}

int pl_foreign_agent_parse(pl_foreign *f, const char *s, const char *e, int need_tilde,
                           pl_fagent *out)
{
    const char *open = memchr(s, '[', (size_t)(e - s));
    const char *close = open ? memchr(open, ']', (size_t)(e - open)) : NULL;
    if (!close || !blank(close + 1, e)) {
        pl_dict_report(f->src, PARLEY_ERROR, !open ? "no [CODE]: an agent needs a code"
                                             : !close ? "'[' without ']'"
                                                      : "text after the agent's code");
        return 0;
    }
    const char *lb = memchr(s, '{', (size_t)(open - s));
    const char *rb = lb ? memchr(lb, '}', (size_t)(open - lb)) : NULL;
    if (lb && (!rb || !blank(rb + 1, open))) {
        pl_dict_report(f->src, PARLEY_ERROR, !rb ? "'{' without '}'" : "text after '{...}'");
        return 0;
    }
    out->phrase = s;
    out->phrase_end = lb ? lb : open;
    out->plural = lb ? lb + 1 : NULL;
    out->plural_end = rb;
    if (blank(out->phrase, out->phrase_end)) {
        pl_dict_report(f->src, PARLEY_ERROR, "no phrase before the agent's code");
        return 0;
    }
    int oom = 0;
    out->code = agent_code(f, open + 1, close, need_tilde, &oom);
    if (!out->code) return oom ? -1 : 0;
    /* "{}": no plural form, so the words match as written ("polices" is no POLICE {}) */
    f->agent_as_written = out->plural && blank(out->plural, out->plural_end);
    if (f->agent_as_written) out->plural = out->plural_end = NULL;
    return 1;
}

int pl_foreign_agent_add(pl_foreign *f, const char *code, const char *s, const char *e)
{
    unsigned shape;
    int rc = pl_foreign_phrase(f, s, e, &shape);
    if (rc) {
        if (rc > 0) pl_dict_report(f->src, PARLEY_ERROR, "empty agent phrase");
        return rc < 0 ? -1 : 0;
    }
    note_shape(f, shape);
    uint32_t agent = (uint32_t)f->src->d->nagents;
    unsigned flags = PL_PHRASE_ANY_CASE | (f->agent_as_written ? PL_PHRASE_AS_WRITTEN : 0);
    if (pl_dict_agent(f->src, code, f->phrase.data, f->phrase.len, flags)) return -1;
    return add_lower(f, PL_PH_AGENT, agent, shape, flags);
}

/* ---- discards ------------------------------------------------------------------------------ */

int pl_foreign_discard_line(pl_foreign *f, const char *s, const char *e)
{
    if (f->raw_tabs >= 3) {
        pl_dict_report(f->src, PARLEY_ERROR, "tab-separated fields, not a discard phrase");
        return 0;
    }
    enum pl_phrase_kind kind = PL_PH_DISCARD_SENTENCE;
    if (*s == '+') kind = PL_PH_DISCARD_STORY, s++;
    const char *br = memchr(s, '[', (size_t)(e - s));
    if (br) {
        const char *te, *t = pl_trim(br, e, &te);
        if (!(te - t == 5 && !memcmp(t, "[###]", 5))) {
            pl_dict_report(f->src, PARLEY_ERROR, "a discard takes no code but [###]");
            return 0;
        }
        e = br;
    }
    unsigned shape;
    int rc = pl_foreign_phrase(f, s, e, &shape);
    if (rc > 0) pl_dict_report(f->src, PARLEY_ERROR, "empty discard phrase");
    return rc ? (rc < 0 ? -1 : 0) : pl_foreign_add(f, kind, 0, shape);
}

int pl_foreign_read_discards(pl_foreign *f)
{
    const char *s, *e;
    int r, first = 1;
    while ((r = pl_foreign_next_line(f, &s, &e)) > 0) {
        if (first && f->raw_tabs >= 3) {
            pl_dict_report(f->src, PARLEY_ERROR, "a table of tab-separated fields, not a "
                                                 "discard list: the file is skipped");
            return 0;
        }
        first = 0;
        if (pl_foreign_discard_line(f, s, e)) return -1;
    }
    return r;
}
