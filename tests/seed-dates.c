/* seed-dates: checks the temporal expressions of a seed story against the "dates" list of
 * its expected file, with the library's time stage (src/time).
 *
 *     seed-dates EXPECTED.json STORY.txt
 *
 * STORY.txt is a news record ("date YYYY-MM-DD title", then the body). Each item of
 * "dates" is {"text", "value"}: the text is found in the body, and
 *   - value null: no date may be recognized there;
 *   - a note saying the year is a name: what is recognized there must be flagged a name;
 *   - otherwise some expression there must have that value ("2021-08-31/2021-09-03").
 * Prints one line a check and "seed dates: N passed, M failed"; exit 0, 1 when a check
 * failed, 2 when the files cannot be read. */
#include "time/time.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = NULL;
    size_t len = 0;
    if (getdelim(&buf, &len, '\0', f) < 0) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    return buf;
}

/* 1 passed, 0 failed */
static int check_item(const char *body, size_t len, const pl_timex *tx, size_t n, json_t *item)
{
    const char *text = json_string_value(json_object_get(item, "text"));
    json_t *value = json_object_get(item, "value");
    const char *note = json_string_value(json_object_get(item, "note"));
    const char *at = text ? strstr(body, text) : NULL;
    if (!at) {
        printf("  FAIL     \"%s\": not in the story\n", text ? text : "?");
        return 0;
    }
    size_t a = (size_t)(at - body), b = a + strlen(text);
    int name = note && strstr(note, "name");
    const pl_timex *hit = NULL;
    for (size_t i = 0; i < n && !hit; i++)
        if (tx[i].start < b && tx[i].end > a && (name || !(tx[i].flags & PL_TIMEX_NAME)))
            hit = &tx[i];
    int ok;
    if (json_is_null(value)) ok = !hit;
    else if (name) ok = !hit || (hit->flags & PL_TIMEX_NAME);
    else ok = hit && !strcmp(hit->value, json_string_value(value));
    printf("  %-8s \"%s\": want %s%s, found %s\n", ok ? "ok" : "FAIL", text,
           json_is_null(value) ? "no date" : json_string_value(value), name ? " (a name)" : "",
           hit ? hit->value : "nothing");
    (void)len;
    return ok;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: seed-dates EXPECTED.json STORY.txt\n");
        return 2;
    }
    json_error_t err;
    json_t *exp = json_load_file(argv[1], 0, &err);
    char *story = read_file(argv[2]);
    json_t *dates = exp ? json_object_get(exp, "dates") : NULL;
    const char *head = story;
    while (head && (*head == ' ' || *head == '\t' || *head == '\n' || *head == '\r')) head++;
    const char *body = head ? strchr(head, '\n') : NULL;
    if (!exp || !story || !json_is_array(dates) || !body || strncmp(head, "date ", 5)) {
        fprintf(stderr, "seed-dates: cannot read %s or %s\n", argv[1], argv[2]);
        json_decref(exp);
        free(story);
        return 2;
    }
    body++;
    int32_t day = pl_date_from_text(head + 5, 10);
    size_t len = strlen(body);
    pl_timex tx[64];
    size_t n = pl_time_scan(body, len, day, PL_TENSE_UNKNOWN, tx, 64);
    if (n > 64) n = 64;
    int passed = 0, failed = 0;
    size_t i;
    json_t *item;
    printf("seed-dates: %s against %s\n", argv[2], argv[1]);
    json_array_foreach(dates, i, item) {
        if (check_item(body, len, tx, n, item)) passed++;
        else failed++;
    }
    printf("seed dates: %d passed, %d failed\n", passed, failed);
    json_decref(exp);
    free(story);
    return failed ? 1 : 0;
}
