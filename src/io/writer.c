/* writer.c: events out, as JSON Lines (docs/events.md) or an aligned table for people. */
#include "io/io.h"
#include "util/util.h"

#include <stdio.h>
#include <string.h>

/* Appends a string literal; its length is counted by the compiler, not by hand. */
#define PUT(b, lit) pl_buf_append((b), (lit), sizeof(lit) - 1)

static void json_string(pl_buf *b, const char *s)
{
    if (!s) {
        PUT(b, "null");
        return;
    }
    pl_buf_putc(b, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': PUT(b, "\\\""); break;
        case '\\': PUT(b, "\\\\"); break;
        case '\n': PUT(b, "\\n"); break;
        case '\r': PUT(b, "\\r"); break;
        case '\t': PUT(b, "\\t"); break;
        default:
            if (*p < 0x20) pl_buf_printf(b, "\\u%04x", *p);
            else pl_buf_putc(b, (char)*p);
        }
    }
    pl_buf_putc(b, '"');
}

static void json_actor(pl_buf *b, const parley_actor *a)
{
    PUT(b, "{\"text\":");
    json_string(b, a->text);
    PUT(b, ",\"code\":");
    json_string(b, a->code);
    PUT(b, ",\"country\":");
    json_string(b, a->country);
    PUT(b, ",\"agent\":");
    json_string(b, a->agent);
    PUT(b, ",\"actor\":");
    json_string(b, a->actor);
    pl_buf_printf(b, ",\"inferred\":%s}", a->inferred ? "true" : "false");
}

static void json_place(pl_buf *b, const parley_place *p)
{
    if (!p) {
        PUT(b, "null");
        return;
    }
    PUT(b, "{\"name\":");
    json_string(b, p->name);
    PUT(b, ",\"country\":");
    json_string(b, p->country);
    if (p->has_coords) pl_buf_printf(b, ",\"lat\":%.5f,\"lon\":%.5f}", p->lat, p->lon);
    else PUT(b, ",\"lat\":null,\"lon\":null}");
}

static void json_plover(pl_buf *b, const parley_event *e)
{
    if (!e->plover) {
        PUT(b, ",\"plover\":null");
        return;
    }
    PUT(b, ",\"plover\":{\"type\":");
    json_string(b, e->plover);
    PUT(b, ",\"mode\":");
    json_string(b, e->plover_mode);
    pl_buf_putc(b, '}');
}

static void json_event(pl_buf *b, unsigned flags, const parley_story *story,
                       const parley_event *e)
{
    PUT(b, "{\"story\":");
    json_string(b, parley_story_id(story));
    pl_buf_printf(b, ",\"sentence\":%u,\"story_date\":", e->sentence);
    json_string(b, parley_story_date(story));
    PUT(b, ",\"date\":");
    json_string(b, e->date);
    PUT(b, ",\"date_end\":");
    json_string(b, e->date_end);
    PUT(b, ",\"date_precision\":");
    json_string(b, e->date_precision);
    PUT(b, ",\"date_basis\":");
    json_string(b, e->date_basis);
    PUT(b, ",\"date_text\":");
    json_string(b, e->date_text);
    PUT(b, ",\"source\":");
    json_actor(b, &e->source);
    PUT(b, ",\"target\":");
    json_actor(b, &e->target);
    PUT(b, ",\"code\":");
    json_string(b, e->code);
    PUT(b, ",\"root\":");
    json_string(b, e->root);
    if (e->quad_class) pl_buf_printf(b, ",\"quad_class\":%d", e->quad_class);
    else PUT(b, ",\"quad_class\":null");
    if (e->has_goldstein) pl_buf_printf(b, ",\"goldstein\":%.1f", e->goldstein);
    else PUT(b, ",\"goldstein\":null");
    PUT(b, ",\"place\":");
    json_place(b, e->place);
    if (flags & PARLEY_WRITE_PLOVER) json_plover(b, e);
    PUT(b, ",\"pattern\":");
    json_string(b, e->pattern);
    PUT(b, ",\"dict\":");
    json_string(b, e->dict_hash);
    pl_buf_printf(b, ",\"span\":[%zu,%zu]}\n", e->span_start, e->span_end);
}

/* Pads or cuts s to `width` display columns (counting UTF-8 characters, not bytes). */
static void table_cell(pl_buf *b, const char *s, int width)
{
    int cols = 0;
    if (!s) s = "-";
    const unsigned char *p = (const unsigned char *)s;
    while (*p && cols < width) {
        const unsigned char *q = p + 1;
        while ((*q & 0xC0) == 0x80) q++;
        /* Keep one column for the cut mark when the text is longer than the cell. */
        if (cols == width - 1 && *q) {
            PUT(b, "~");
            cols++;
            break;
        }
        pl_buf_append(b, (const char *)p, (size_t)(q - p));
        p = q;
        cols++;
    }
    while (cols++ < width) pl_buf_putc(b, ' ');
    pl_buf_putc(b, ' ');
}

static void table_event(pl_buf *b, unsigned flags, const parley_story *story,
                        const parley_event *e)
{
    char sent[16];
    snprintf(sent, sizeof sent, "%u", e->sentence);
    table_cell(b, parley_story_id(story), 20);
    table_cell(b, sent, 4);
    table_cell(b, e->date, 10);
    table_cell(b, e->source.code, 12);
    table_cell(b, e->target.code, 12);
    table_cell(b, e->code, 4);
    table_cell(b, (flags & PARLEY_WRITE_PLOVER) ? e->plover : e->code_name, 24);
    table_cell(b, e->place ? e->place->name : NULL, 12);
    pl_buf_printf(b, "%s -> %s\n", e->source.text ? e->source.text : "-",
                  e->target.text ? e->target.text : "-");
}

parley_status parley_write_header(FILE *out, parley_output format)
{
    if (format != PARLEY_OUTPUT_TABLE) return PARLEY_OK;
    pl_buf b = {0};
    table_cell(&b, "STORY", 20);
    table_cell(&b, "SENT", 4);
    table_cell(&b, "DATE", 10);
    table_cell(&b, "SOURCE", 12);
    table_cell(&b, "TARGET", 12);
    table_cell(&b, "CODE", 4);
    table_cell(&b, "EVENT", 24);
    table_cell(&b, "PLACE", 12);
    pl_buf_printf(&b, "WORDS\n");
    int ok = b.data && fwrite(b.data, 1, b.len, out) == b.len;
    pl_buf_free(&b);
    return ok ? PARLEY_OK : PARLEY_EIO;
}

parley_status parley_write_events(FILE *out, parley_output format, const parley_story *story,
                                  const parley_events *events)
{
    return parley_write_events_with(out, format, 0, story, events);
}

parley_status parley_write_events_with(FILE *out, parley_output format, unsigned flags,
                                       const parley_story *story, const parley_events *events)
{
    pl_buf b = {0};
    size_t n = parley_events_count(events);
    for (size_t i = 0; i < n; i++) {
        const parley_event *e = parley_events_get(events, i);
        if (format == PARLEY_OUTPUT_TABLE) table_event(&b, flags, story, e);
        else json_event(&b, flags, story, e);
    }
    if (n && !b.data) return PARLEY_ENOMEM;
    int ok = !n || fwrite(b.data, 1, b.len, out) == b.len;
    pl_buf_free(&b);
    return ok ? PARLEY_OK : PARLEY_EIO;
}
