/* story.c: the story object and calendar-date validation. */
#include "io/io.h"
#include "time/time.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Copies s[0..len) and a NUL to *at, returns the copy and moves *at past it. */
static const char *put(char **at, const char *s, size_t len)
{
    char *p = *at;
    if (len) memcpy(p, s, len);
    p[len] = 0;
    *at = p + len + 1;
    return p;
}

/* Adds len + 1 (the NUL) to *total; 0, or -1 on overflow. */
static int add_size(size_t *total, size_t len)
{
    if (len > SIZE_MAX - 1 - *total) return -1;
    *total += len + 1;
    return 0;
}

parley_story *pl_story_new_at(const char *id, const char *date, const char *title,
                              const char *text, size_t len, const char *url, const char *file,
                              long line)
{
    if (!id) id = "";
    if (!title) title = "";
    if (!text) {
        text = "";
        len = 0;
    }
    size_t id_len = strlen(id), title_len = strlen(title);
    size_t date_len = date ? strlen(date) : 0, url_len = url ? strlen(url) : 0;
    size_t file_len = file ? strlen(file) : 0;
    size_t total = sizeof(parley_story);
    if (add_size(&total, id_len) || add_size(&total, date_len) ||
        add_size(&total, title_len) || add_size(&total, len) || add_size(&total, url_len) ||
        add_size(&total, file_len))
        return NULL;
    parley_story *s = malloc(total);
    if (!s) return NULL;
    char *at = s->data;
    s->id = put(&at, id, id_len);
    s->date = date ? put(&at, date, date_len) : NULL;
    s->title = put(&at, title, title_len);
    s->text = put(&at, text, len);
    s->text_len = len;
    s->url = url ? put(&at, url, url_len) : NULL;
    s->file = file ? put(&at, file, file_len) : NULL;
    s->line = line;
    return s;
}

parley_story *parley_story_new(const char *id, const char *date, const char *title,
                               const char *text, size_t text_len)
{
    return pl_story_new_at(id, date, title, text, text_len, NULL, NULL, 0);
}

void parley_story_free(parley_story *story)
{
    free(story);
}

const char *parley_story_id(const parley_story *story) { return story->id; }
const char *parley_story_date(const parley_story *story) { return story->date; }
const char *parley_story_title(const parley_story *story) { return story->title; }
const char *parley_story_text(const parley_story *story) { return story->text; }
size_t parley_story_text_len(const parley_story *story) { return story->text_len; }
const char *parley_story_url(const parley_story *story) { return story->url; }
const char *parley_story_file(const parley_story *story) { return story->file; }
long parley_story_line(const parley_story *story) { return story->line; }

int pl_date_valid(const char *s, size_t len)
{
    return pl_date_from_text(s, len) != PL_DATE_NONE;
}
