/* validate_petrarch.c: reads PETRARCH's unit-test records (PETR.UnitTest.records.xml) with
 * libxml2: the <Environment> names the dictionaries; each <Sentence> holds <EventCoding>
 * expectations, the <Text> and a Penn Treebank <Parse>. */
#include "cli/validate.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int name_is(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

/* Element text with runs of white space made one space, trimmed; a new string. */
static char *element_text(const xmlNode *n)
{
    xmlChar *raw = xmlNodeGetContent(n);
    if (!raw) return strdup("");
    size_t len = strlen((const char *)raw);
    char *out = malloc(len + 1), *o = out;
    if (out) {
        int space = 0;
        for (const xmlChar *p = raw; *p; p++) {
            if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
                space = 1;
                continue;
            }
            if (space && o > out) *o++ = ' ';
            space = 0;
            *o++ = (char)*p;
        }
        *o = 0;
    }
    xmlFree(raw);
    return out;
}

static char *attr(const xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    if (!v) return NULL;
    char *s = strdup((const char *)v);
    xmlFree(v);
    return s;
}

static int read_coding(vrecord *r, const xmlNode *n)
{
    char *noev = attr(n, "noevents"), *error = attr(n, "error");
    char *src = attr(n, "sourcecode"), *tgt = attr(n, "targetcode"), *code = attr(n, "eventcode");
    int rc = 0;
    if (error) r->kind = VREC_EXPECTS_ERROR;
    else if (noev) {
        if (r->kind == VREC_UNCHECKED) r->kind = VREC_NO_EVENT;
    } else if (src && tgt && code) {
        rc = vrecord_add_expect(r, src, tgt, code);
        r->kind = VREC_EVENTS;
    }
    free(noev), free(error), free(src), free(tgt), free(code);
    return rc;
}

/* <Config option="require_dyad" value="false"> between records: the records after it code
 * events with one side unknown, until a Config turns it back on. */
static void read_config(const xmlNode *n, int *partial)
{
    char *option = attr(n, "option"), *value = attr(n, "value");
    if (option && value && !strcasecmp(option, "require_dyad"))
        *partial = !strcasecmp(value, "false");
    free(option), free(value);
}

static int read_sentence(vsuite *s, const xmlNode *n, int partial)
{
    vrecord *r = vsuite_add_record(s);
    if (!r) return -1;
    r->kind = VREC_UNCHECKED;
    r->partial = partial;
    r->line = xmlGetLineNo(n);
    r->id = attr(n, "id");
    char *date = attr(n, "date");
    if (date && strlen(date) == 8 && strspn(date, "0123456789") == 8)
        snprintf(r->date, sizeof r->date, "%.4s-%.2s-%.2s", date, date + 4, date + 6);
    free(date);
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (name_is(c, "EventCoding") && read_coding(r, c) < 0) return -1;
        else if (name_is(c, "Text")) {
            free(r->text);
            r->text = element_text(c);
        } else if (name_is(c, "Parse")) {
            free(r->parse);
            r->parse = element_text(c);
        }
    }
    if (!r->id) r->id = strdup("?");
    if (!r->text) r->text = strdup("");
    return r->id && r->text ? 0 : -1;
}

/* <Verbfile>, <Actorfile>, <Agentfile>, <Discardfile>, beside the records file. */
static int read_environment(vsuite *s, const xmlNode *env)
{
    static const char *const tags[] = {"Actorfile", "Verbfile", "Agentfile", "Discardfile"};
    size_t len = s->dict ? strlen(s->dict) : 0; /* a second <Environment> adds to the first */
    for (size_t t = 0; t < sizeof tags / sizeof *tags; t++) {
        for (const xmlNode *c = env->children; c; c = c->next) {
            if (!name_is(c, tags[t])) continue;
            char *name = element_text(c);
            if (name && !*name) { /* <Agentfile></Agentfile> names nothing */
                free(name);
                continue;
            }
            char *path = name ? vsuite_path_beside(s->file, name) : NULL;
            free(name);
            if (!path) return -1;
            char *d = realloc(s->dict, len + strlen(path) + 2);
            if (!d) { free(path); return -1; }
            s->dict = d;
            len += (size_t)sprintf(d + len, "%s%s", len ? ":" : "", path);
            free(path);
        }
    }
    return 0;
}

int vsuite_read_petrarch(vsuite *s, const char *path, char *err, size_t errlen)
{
    s->format = "PETRARCH";
    s->file = strdup(path);
    xmlDoc *doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
                                              XML_PARSE_NOWARNING);
    if (!doc) {
        const xmlError *e = xmlGetLastError();
        snprintf(err, errlen, "%s:%d: %s", path, e ? e->line : 0,
                 e && e->message ? e->message : "not well-formed XML\n");
        size_t n = strlen(err);
        if (n && err[n - 1] == '\n') err[n - 1] = 0;
        return -1;
    }
    int rc = 0, partial = 0;
    const xmlNode *root = xmlDocGetRootElement(doc);
    for (const xmlNode *c = root ? root->children : NULL; c && rc == 0; c = c->next) {
        if (name_is(c, "Environment")) rc = read_environment(s, c);
        else if (name_is(c, "Sentences"))
            for (const xmlNode *n = c->children; n && rc == 0; n = n->next) {
                if (name_is(n, "Config")) read_config(n, &partial);
                else if (name_is(n, "Sentence")) rc = read_sentence(s, n, partial);
            }
    }
    xmlFreeDoc(doc);
    if (rc < 0) snprintf(err, errlen, "%s: out of memory", path);
    else if (!s->nrecords) {
        snprintf(err, errlen, "%s: no <Sentences><Sentence> records", path);
        rc = -1;
    } else if (!s->dict) {
        snprintf(err, errlen, "%s: no <Environment> naming the dictionaries (use --dict)", path);
        rc = -1;
    }
    return rc;
}
