/* commas.c: TABARI's comma-delimited clauses (its COMMA option, parley_code_opts.commas).
 * TABARI drops an aside set off by commas before it codes, when the aside is as long as
 * the option says: an opening clause ("Late on Sunday, ..."), one between two commas
 * ("Gollum, the centre of a row, called ..."), or a closing one ("..., officials said").
 * A comma inside a list of actors ("Arnor, Bree and Gondor") sets nothing off. The words
 * dropped are taken out of the sentence's tokens and the sentence is analysed again, so
 * that what stood on either side of the aside is read as adjacent. */
#include "code/code.h"

static int in_range(size_t words, unsigned min, unsigned max)
{
    return max > 0 && words >= min && words <= max;
}

static int is_word(const pl_sentence *s, size_t i)
{
    const pl_token *t = &s->toks.v[i];
    return (t->kind == PL_TOK_WORD || t->kind == PL_TOK_NUMBER) && !(t->flags & PL_TF_POSS);
}

/* The list goes on from chunk k to a member joined by "and" or "or" (a list TABARI knows
 * as a compound, not a phrase and its apposition). A bounded walk: lists are short. */
static int closed_by_and(const pl_sentence *s, int32_t k)
{
    for (int hops = 0; s->chunks[k].next >= 0 && hops < 64; hops++) {
        int32_t n = s->chunks[k].next;
        for (size_t i = s->chunks[k].end; i < s->chunks[n].start; i++)
            if (s->cls[i] == PL_C_AND) return 1;
        k = n;
    }
    return 0;
}

/* A comma between two members of one list of actors: "Arnor, Bree and Gondor", "Arnor,
 * the evil Bree, and Gondor". */
static int list_comma(const pl_sentence *s, size_t i)
{
    size_t end = s->first + s->n, k = i + 1;
    if (i == s->first || s->chunk_ending[i - 1] < 0) return 0;
    while (k < end && k < i + 4 && s->chunk_at[k] < 0 &&
           (s->cls[k] == PL_C_AND || s->cls[k] == PL_C_DET || s->cls[k] == PL_C_WORD))
        k++;
    int32_t before = s->chunk_ending[i - 1];
    return k < end && s->chunk_at[k] >= 0 && s->chunks[before].next == s->chunk_at[k] &&
           closed_by_and(s, before);
}

/* The next comma from token i on that sets a clause off, or the sentence's end. */
static size_t next_comma(const pl_sentence *s, size_t i)
{
    size_t end = s->first + s->n;
    while (i < end && (s->cls[i] != PL_C_COMMA || list_comma(s, i))) i++;
    return i;
}

/* Marks tokens [a, b) dropped. */
static void drop(uint8_t *dropped, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++) dropped[i] = 1;
}

/* TABARI's scan: the opening clause, up to the first comma; then at each comma the clause
 * up to the next comma, whose closing comma goes with it, or to the end. Returns how many
 * tokens it marks. */
static size_t mark_clauses(const pl_sentence *s, const parley_comma_clauses *c, uint8_t *dropped)
{
    size_t end = s->first + s->n, last = end, marked = 0, opening = 0;
    size_t i = next_comma(s, s->first);
    while (last > s->first && s->toks.v[last - 1].kind == PL_TOK_PUNCT) last--;
    for (size_t k = s->first; k < i; k++) opening += (size_t)is_word(s, k);
    if (i < end && in_range(opening, c->begin_min, c->begin_max))
        drop(dropped, s->first, i), marked += i - s->first;
    while (i < end) {
        size_t j = next_comma(s, i + 1), words = 0;
        for (size_t k = i + 1; k < j; k++) words += (size_t)is_word(s, k);
        if (j == end) {
            if (in_range(words, c->end_min, c->end_max) && last > i)
                drop(dropped, i, last), marked += last - i;
            break;
        }
        if (in_range(words, c->min, c->max)) drop(dropped, i, j + 1), marked += j + 1 - i;
        i = next_comma(s, j + 1);
    }
    return marked;
}

int pl_drop_comma_clauses(const parley_ctx *ctx, pl_story_state *st, pl_sentence *s,
                          const parley_comma_clauses *c, uint8_t *dropped)
{
    size_t end = s->first + s->n;
    for (size_t i = s->first; i < end; i++) dropped[i] = 0;
    if (!mark_clauses(s, c, dropped)) return 0;
    size_t n = s->first;
    for (size_t i = s->first; i < end; i++)
        if (!dropped[i]) s->toks.v[n++] = s->toks.v[i];
    s->toks.n = n;
    s->n = n - s->first;
    return pl_analyse_sentence(ctx, st, s);
}
