/* find.c: place mentions in a sentence's tokens. A mention needs a cue (a preposition, a visit
 * verb, "-based", a country in apposition), so that the thousands of towns named like people
 * or words ("Smith", "Police", "Of") are not found in every sentence. Bare names are only
 * looked at to flag the subjects of verbs as metonyms ("Washington said"). */
#include "geo/gaz_int.h"

#include <string.h>

#define MINOR_TOWN 5000 /* a town smaller than this needs its country in the context */

typedef struct finder {
    const pl_gazetteer *g;
    const pl_tokens *t;
    size_t to;
    const char *const *ctx;
    size_t nctx;
    pl_geo_mention *out;
    size_t max, count;
} finder;

static int in_list(const char *w, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(w, *list) == 0) return 1;
    return 0;
}

static const char *const cue_preps[] = {"in", "at", "to", "from", "via", "near", "outside",
                                        "into", NULL};
static const char *const visit_words[] = {"visit", "visits", "visited", "visiting", "toured",
                                          NULL};
/* Lower-case words between a cue and the name: "in the occupied West Bank". */
static const char *const modifiers[] = {
    "the", "northern", "southern", "eastern", "western", "central", "northeastern",
    "northwestern", "southeastern", "southwestern", "north-eastern", "north-western",
    "south-eastern", "south-western", "downtown", "rural", "neighbouring", "neighboring",
    "occupied", "war-torn", "besieged", "restive", "coastal", NULL};
/* Lower-case words inside a name: "Rio de Janeiro", "Port-au-Prince". */
static const char *const connectors[] = {
    "of", "de", "del", "della", "da", "das", "do", "dos", "di", "du", "des", "la", "le", "les",
    "el", "al", "an", "am", "im", "au", "aux", "sur", "upon", "on", "en", "y", "bin", "ibn",
    "van", "von", "der", "den", "the", NULL};
/* Capitalized words that never start or continue a place name: function words (capitalized
 * at the start of a sentence: "A Tokyo-based analyst"), days, months and titles. */
static const char *const stops[] = {
    "a", "an", "the", "this", "that", "these", "those", "but", "and", "or", "so", "yet", "as",
    "at", "on", "in", "by", "for", "with", "after", "before", "when", "while", "if", "since",
    "despite", "although", "though", "last", "next", "some", "many", "most", "all", "both",
    "its", "his", "her", "their", "our", "my", "your", "no", "every", "each", "another",
    "other", "such", "meanwhile", "however", "earlier", "later", "then", "also", "still",
    "only", "even", "it", "he", "she", "they", "we", "i", "you", "there", "here", "what",
    "who", "why", "how", "where", "from", "to", "of", "about", "over", "under", "into",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "president", "prime", "minister", "foreign", "secretary",
    "general", "gen", "governor", "mayor", "king", "queen", "pope", "chancellor", "sen",
    "rep", "mr", "mrs", "ms", "dr", "ambassador", "envoy", "commander", "chief", NULL};

static const pl_token *tok(const finder *f, size_t i) { return &f->t->v[i]; }
static const char *norm(const finder *f, size_t i) { return pl_token_norm(f->t, tok(f, i)); }

static int word_is(const finder *f, size_t i, const char *w)
{
    return i < f->to && strcmp(norm(f, i), w) == 0;
}

/* A word that may be part of a place name. "U.S." and "D.C." are (all capitals). */
static int name_word(const finder *f, size_t i)
{
    if (i >= f->to) return 0;
    const pl_token *t = tok(f, i);
    if (t->kind != PL_TOK_WORD || !(t->flags & (PL_TF_CAP | PL_TF_UPPER))) return 0;
    char w[32];
    size_t n = t->norm_len < sizeof w - 1 ? t->norm_len : sizeof w - 1;
    memcpy(w, norm(f, i), n);
    w[n] = 0;
    if (n && w[n - 1] == '.') w[n - 1] = 0; /* "Gen." */
    return !in_list(w, stops);
}

/* A hyphen with no space on either side: "Port-au-Prince", "Tokyo-based". */
static int tight_hyphen(const finder *f, size_t i)
{
    return i + 1 < f->to && word_is(f, i, "-") && !(tok(f, i)->flags & PL_TF_SPACE_BEFORE) &&
           !(tok(f, i + 1)->flags & PL_TF_SPACE_BEFORE);
}

static int joiner(const finder *f, size_t i)
{
    const pl_token *t = tok(f, i);
    return tight_hyphen(f, i) || (t->flags & PL_TF_POSS) ||
           (t->kind == PL_TOK_WORD && !(t->flags & PL_TF_CAP) && in_list(norm(f, i), connectors));
}

/* The end of the capitalized name starting at i (a name_word): more name words, with
 * connectors, tight hyphens and "'s" between them. */
static size_t name_end(const finder *f, size_t i)
{
    size_t j = i + 1;
    for (;;) {
        size_t k = j;
        while (k < f->to && k - j < 3 && joiner(f, k)) k++;
        if (!name_word(f, k)) return j;
        j = k + 1;
    }
}

/* ---- verbs whose subject is an actor --------------------------------------------------- */

static const char *const auxiliaries[] = {
    "has", "have", "had", "will", "would", "could", "should", "may", "might", "must", "can",
    "did", "does", "also", "again", "later", "reportedly", "repeatedly", "publicly",
    "officially", "strongly", "quickly", "firmly", "not", "n't", NULL};
static const char *const irregular_verbs[] = {"said", "told", "sent", "struck", "sought", "hit",
                                              "held", "threw", "took", "made", NULL};
/* Speech and action verbs in their base form; -s, -es, -ed and -d forms are derived. */
static const char *const verbs[] = {
    "say", "tell", "send", "strike", "seek", "hold", "take", "make", "announce", "warn",
    "accuse", "urge", "call", "deny", "reject", "condemn", "criticize", "criticise", "respond",
    "insist", "claim", "demand", "agree", "refuse", "threaten", "add", "state", "confirm",
    "sign", "launch", "impose", "expel", "recall", "attack", "welcome", "protest", "vow",
    "pledge", "promise", "retaliate", "blame", "dismiss", "hail", "praise", "ask", "want",
    "hope", "plan", "believe", "expect", "offer", "approve", "back", "oppose", "suspend",
    "halt", "ban", "summon", "acknowledge", "argue", "maintain", "counter", "note", "release",
    "issue", "declare", "reiterate", "stress", "object", "sanction", "slam", "rebuke", "vote",
    "decide", "deploy", "order", "allege", "complain", "invite", "host", "recognize",
    "recognise", "pressure", "push", "press", "veto", NULL};

static int verb_base(const char *w, size_t n, const char *suffix, const char *repl)
{
    size_t s = strlen(suffix), r = strlen(repl);
    char b[40];
    if (n <= s + 1 || n - s + r >= sizeof b || strcmp(w + n - s, suffix) != 0) return 0;
    memcpy(b, w, n - s);
    memcpy(b + n - s, repl, r + 1);
    if (in_list(b, verbs)) return 1;
    /* "expelled", "planned": a doubled final consonant */
    size_t m = n - s;
    if (!r && m >= 2 && b[m - 1] == b[m - 2]) {
        b[m - 1] = 0;
        return in_list(b, verbs);
    }
    return 0;
}

static int action_verb(const char *w)
{
    size_t n = strlen(w);
    return in_list(w, verbs) || in_list(w, irregular_verbs) || verb_base(w, n, "ies", "y") ||
           verb_base(w, n, "ied", "y") || verb_base(w, n, "es", "") ||
           verb_base(w, n, "s", "") || verb_base(w, n, "ed", "") || verb_base(w, n, "d", "");
}

/* ---- names to places ------------------------------------------------------------------- */

/* The key of the tokens [a, b): their normalized forms, a space where the text has one. */
static const pl_gaz_key *span_key(const finder *f, size_t a, size_t b)
{
    char buf[256], key[PL_GEO_KEY_MAX];
    size_t n = 0;
    for (size_t i = a; i < b; i++) {
        const pl_token *t = tok(f, i);
        if (n + t->norm_len + 2 >= sizeof buf) return NULL;
        if (i > a && (t->flags & PL_TF_SPACE_BEFORE)) buf[n++] = ' ';
        memcpy(buf + n, norm(f, i), t->norm_len);
        n += t->norm_len;
    }
    size_t klen = pl_geo_key(buf, n, key);
    return klen ? pl_gaz_find_key(f->g, key, klen) : NULL;
}

static int resolve_span(const finder *f, size_t a, size_t b, pl_place *p)
{
    return pl_gaz_resolve_key(f->g, span_key(f, a, b), f->ctx, f->nctx, p);
}

static int in_ctx(const finder *f, const char *iso3)
{
    for (size_t i = 0; i < f->nctx; i++)
        if (f->ctx[i] && strcmp(f->ctx[i], iso3) == 0) return 1;
    return 0;
}

/* "Tianjin, China", "Paris, Texas": X within any country or state that Y names. */
static int apposition(const finder *f, size_t a, size_t j, size_t e2, pl_place *p)
{
    const pl_gaz_key *y = span_key(f, j + 1, e2), *x = span_key(f, a, j);
    if (!x || !y || y->alias == PL_GAZ_NOTPLACE) return 0;
    pl_place in;
    if (y->alias) {
        pl_geo_place(f->g, y->alias - 1, &in);
        if (in.kind == PL_PLACE_COUNTRY || in.kind == PL_PLACE_ADMIN1)
            return pl_gaz_resolve_within(f->g, x, &in, p);
    }
    const uint32_t *ids = pl_gaz_postings(f->g, y);
    for (uint32_t i = 0; i < y->npost; i++) {
        pl_geo_place(f->g, ids[i], &in);
        if ((in.kind == PL_PLACE_COUNTRY || in.kind == PL_PLACE_ADMIN1) &&
            pl_gaz_resolve_within(f->g, x, &in, p))
            return PL_GEO_BY_APPOSITION;
    }
    return 0;
}

/* The place named from token a (a name_word): sets *end and returns the rule, or 0. A name
 * that goes on past "," or "and" is tried whole first ("Washington, D.C.", "Trinidad and
 * Tobago"), then as an apposition. *appos is set for an apposition. */
static int place_at(const finder *f, size_t a, size_t *end, pl_place *p, int *appos)
{
    size_t j = name_end(f, a), e2;
    int r;
    *appos = 0;
    if ((word_is(f, j, ",") || word_is(f, j, "and")) && name_word(f, j + 1)) {
        e2 = name_end(f, j + 1);
        if ((r = resolve_span(f, a, e2, p)) ||
            (word_is(f, j, ",") && (r = *appos = apposition(f, a, j, e2, p)))) {
            *end = e2;
            return r;
        }
    }
    r = resolve_span(f, a, j, p);
    for (size_t k = a + 1; !r && k < j; k++) /* "China's Xinjiang region": China */
        if (tok(f, k)->flags & PL_TF_POSS) {
            if ((r = resolve_span(f, a, k, p))) j = k;
            break;
        }
    if (!r || (r != PL_GEO_BY_ALIAS && p->kind == PL_PLACE_CITY &&
               (p->population < MINOR_TOWN ? !in_ctx(f, p->country)
                                           : j == a + 1 && (tok(f, a)->flags & PL_TF_UPPER))))
        return 0; /* a small town abroad; an acronym ("EU", "UN") that is only some town */
    *end = j;
    return r;
}

static void emit(finder *f, size_t a, size_t b, int cue, int flags, int rule,
                 const pl_place *p)
{
    if (f->count < f->max)
        f->out[f->count] = (pl_geo_mention){a, b - a, tok(f, a)->start, tok(f, b - 1)->end,
                                            (uint8_t)cue, (uint8_t)flags, (uint8_t)rule, *p};
    f->count++;
}

/* ---- cues ---------------------------------------------------------------------------- */

/* "in Tokyo, Osaka and Kyoto": the further members of a list after a cued place at e. */
static size_t list_after(finder *f, size_t e)
{
    for (;;) {
        size_t k = e, end;
        if (word_is(f, k, ",")) k++;
        if (word_is(f, k, "and") || word_is(f, k, "or")) k++;
        pl_place p;
        int appos, r;
        if (k == e || !name_word(f, k) || !(r = place_at(f, k, &end, &p, &appos))) return e;
        emit(f, k, end, appos ? PL_CUE_APPOSITION : PL_CUE_LIST, 0, r, &p);
        e = end;
    }
}

/* A cue word was just before a; the end of what was found, or 0. */
static size_t after_cue(finder *f, size_t a, int cue)
{
    for (int n = 0; n < 3 && a < f->to && in_list(norm(f, a), modifiers); n++) a++;
    size_t end;
    pl_place p;
    int appos, r;
    if (!name_word(f, a) || !(r = place_at(f, a, &end, &p, &appos))) return 0;
    emit(f, a, end, appos ? PL_CUE_APPOSITION : cue, 0, r, &p);
    return list_after(f, end);
}

/* "Washington said", "Beijing and Moscow have warned": the name before j is a subject. */
static int subject_of_verb(const finder *f, size_t j)
{
    while ((word_is(f, j, ",") || word_is(f, j, "and")) && name_word(f, j + 1))
        j = name_end(f, j + 1);
    for (int n = 0; n < 3 && j < f->to && in_list(norm(f, j), auxiliaries); n++) j++;
    return j < f->to && tok(f, j)->kind == PL_TOK_WORD && !(tok(f, j)->flags & PL_TF_CAP) &&
           action_verb(norm(f, j));
}

/* A capitalized name with no cue before it at a; returns where to go on. */
static size_t bare_name(finder *f, size_t a)
{
    size_t j = name_end(f, a), end;
    pl_place p;
    int appos, r;
    if (tight_hyphen(f, j) && word_is(f, j + 1, "based")) { /* "Tokyo-based" */
        if ((r = resolve_span(f, a, j, &p))) emit(f, a, j, PL_CUE_BASED, 0, r, &p);
        return j + 2;
    }
    if (!(r = place_at(f, a, &end, &p, &appos))) return j;
    if (appos) emit(f, a, end, PL_CUE_APPOSITION, 0, r, &p);
    else if (!word_is(f, end, "'s") && (p.kind != PL_PLACE_CITY || r == PL_GEO_BY_ALIAS ||
                                        (p.flags & PL_PLACE_CAPITAL)) &&
             subject_of_verb(f, end)) /* metonyms are capitals and countries, not "Obama" */
        emit(f, a, end, PL_CUE_SUBJECT, PL_GEO_METONYM, r, &p);
    return end;
}

size_t pl_geo_find(const pl_gazetteer *g, const pl_tokens *toks, size_t from, size_t to,
                   const char *const *context_iso3, size_t n, pl_geo_mention *out, size_t max)
{
    finder f = {g, toks, to < toks->n ? to : toks->n, context_iso3, n, out, max, 0};
    for (size_t i = from; i < f.to;) {
        const char *w = norm(&f, i);
        int cue = tok(&f, i)->kind != PL_TOK_WORD ? 0
                  : in_list(w, cue_preps)         ? PL_CUE_PREP
                  : in_list(w, visit_words)       ? PL_CUE_VISIT
                                                  : 0;
        size_t e = cue ? after_cue(&f, i + 1, cue) : 0;
        if (e) i = e;
        else if (!cue && name_word(&f, i)) i = bare_name(&f, i);
        else i++;
    }
    return f.count;
}
