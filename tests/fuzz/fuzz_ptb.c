/* fuzz_ptb.c: libFuzzer target for the Penn Treebank reader (src/io/ptb.c), which reads the
 * parses of `parley validate --use-parse` and parley_code_opts.parse.
 *
 * Reads the input as a bracketing; a success must keep the tree's promises (parents before
 * their children, every node's words inside its parent's and inside the sentence, words
 * NUL-ended inside the word buffer), a failure must say where. Then codes a one-line story
 * with the input as its parse through the library, which must not crash: the parse and the
 * story's words need not agree. Built by tests/fuzz/fuzz.mk (`make fuzz`). */
#include "io/ptb.h"
#include "parley.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what)
{
    fprintf(stderr, "fuzz_ptb: %s\n", what);
    abort();
}

static void check_tree(const pl_ptb *t)
{
    for (size_t i = 0; i < t->n; i++) {
        const pl_ptb_node *n = &t->nodes[i];
        if (n->first > n->last || n->last > t->nwords) fail("a node's words out of range");
        if (n->parent >= (int32_t)i) fail("a parent after its child");
        if (n->parent >= 0) {
            const pl_ptb_node *p = &t->nodes[n->parent];
            if (n->first < p->first || n->last > p->last) fail("a child outside its parent");
        }
        if (!memchr(n->label, '\0', sizeof n->label)) fail("a label not NUL-ended");
    }
    for (size_t w = 0; w < t->nwords; w++)
        if (t->word_at[w] >= t->words.len || pl_ptb_word(t, w)[strlen(pl_ptb_word(t, w))] != 0)
            fail("a word outside the buffer");
}

static parley_ctx *ctx;

static void code_with(const char *parse)
{
    if (!ctx) {
        static const char verbs[] = "111  $ condemn +\n040  $ meet +\n";
        static const char actors[] = "= ZED\n  type: country\n  code: ZED\n  name: Zedland\n"
                                     "= WYL\n  type: country\n  code: WYL\n  name: Wyland\n";
        ctx = parley_ctx_new();
        if (!ctx || parley_ctx_load_dict_text(ctx, "f.verbs", verbs, sizeof verbs - 1) ||
            parley_ctx_load_dict_text(ctx, "f.actors", actors, sizeof actors - 1) ||
            parley_ctx_compile(ctx))
            fail("cannot set up a context");
    }
    static const char text[] = "Zedland met Wyland and condemned Wyland.";
    parley_story *story = parley_story_new("f", "2021-09-01", "", text, sizeof text - 1);
    parley_events *ev = NULL;
    parley_code_opts opts = {.parse = parse};
    parley_status rc = parley_code_with(ctx, story, &opts, &ev);
    if (rc != PARLEY_OK && rc != PARLEY_EPARSE) fail("coding with a parse failed otherwise");
    if (rc == PARLEY_EPARSE && ev) fail("a refused parse left events");
    parley_events_free(ev);
    parley_story_free(story);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s) return 0;
    memcpy(s, data, size);
    s[size] = 0;
    pl_ptb t = {0};
    char err[128] = "";
    int rc = pl_ptb_parse(&t, s, size, err, sizeof err);
    if (rc == 0) check_tree(&t);
    else if (rc == -1 && !strstr(err, " at byte ")) fail("a refusal that says not where");
    pl_ptb_free(&t);
    if (!memchr(s, '\0', size)) code_with(s);
    free(s);
    return 0;
}
