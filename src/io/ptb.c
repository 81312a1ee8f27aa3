/* ptb.c: reads Penn Treebank bracketings. A node is "(LABEL child...)"; a word is any run
 * of characters other than space and parentheses, a leaf of the node it stands in. */
#include "io/ptb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int add_word(pl_ptb *t, int32_t node, const char *w, size_t n)
{
    size_t cap = t->words_cap;
    if (PL_GROW(t->word_at, cap, t->nwords + 1) ||
        PL_GROW(t->word_node, t->words_cap, t->nwords + 1))
        return -2;
    t->word_node[t->nwords] = node;
    t->word_at[t->nwords++] = (uint32_t)t->words.len;
    if (pl_buf_append(&t->words, w, n) || pl_buf_putc(&t->words, '\0')) return -2;
    return 0;
}

static int open_node(pl_ptb *t, int32_t parent, const char *label, size_t n)
{
    if (PL_GROW(t->nodes, t->cap, t->n + 1)) return -2;
    pl_ptb_node *node = &t->nodes[t->n++];
    memset(node, 0, sizeof *node);
    if (n >= PL_PTB_LABEL) n = PL_PTB_LABEL - 1;
    memcpy(node->label, label, n);
    node->parent = parent;
    node->first = node->last = (uint32_t)t->nwords;
    if (parent >= 0 && !strcmp(node->label, "CC")) t->nodes[parent].coordinated = 1;
    return 0;
}

static int fail(char *err, size_t errlen, const char *what, size_t at)
{
    snprintf(err, errlen, "%s at byte %zu", what, at);
    return -1;
}

int pl_ptb_parse(pl_ptb *t, const char *s, size_t len, char *err, size_t errlen)
{
    t->n = t->nwords = 0;
    pl_buf_clear(&t->words);
    int32_t open = -1;       /* the innermost node not closed yet */
    size_t i = 0;
    while (i < len) {
        if (is_space(s[i])) {
            i++;
        } else if (s[i] == '(') {
            size_t a = ++i;
            while (i < len && !is_space(s[i]) && s[i] != '(' && s[i] != ')') i++;
            int rc = open_node(t, open, s + a, i - a);
            if (rc) return rc;
            open = (int32_t)(t->n - 1);
        } else if (s[i] == ')') {
            if (open < 0) return fail(err, errlen, "')' with no '(' open", i);
            t->nodes[open].last = (uint32_t)t->nwords;
            open = t->nodes[open].parent;
            i++;
        } else {
            size_t a = i;
            while (i < len && !is_space(s[i]) && s[i] != '(' && s[i] != ')') i++;
            if (open < 0) return fail(err, errlen, "a word outside every node", a);
            int rc = add_word(t, open, s + a, i - a);
            if (rc) return rc;
        }
    }
    if (open >= 0) return fail(err, errlen, "a node not closed at the end", len);
    if (t->n == 0) return fail(err, errlen, "no node", 0);
    return 0;
}

void pl_ptb_free(pl_ptb *t)
{
    free(t->nodes);
    free(t->word_at);
    free(t->word_node);
    pl_buf_free(&t->words);
    memset(t, 0, sizeof *t);
}
