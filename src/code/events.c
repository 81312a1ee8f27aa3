/* events.c: the list of events a story yields, and its accessors. */
#include "code/events.h"

#include <stdlib.h>
#include <string.h>

parley_events *pl_events_new(void)
{
    parley_events *ev = calloc(1, sizeof *ev);
    if (ev) pl_arena_init(&ev->arena, 16 * 1024);
    return ev;
}

parley_event *pl_events_add(parley_events *ev)
{
    if (PL_GROW(ev->v, ev->cap, ev->n + 1)) return NULL;
    parley_event *e = &ev->v[ev->n++];
    memset(e, 0, sizeof *e);
    return e;
}

parley_stop *pl_stops_add(parley_events *ev)
{
    if (PL_GROW(ev->stops, ev->stops_cap, ev->nstops + 1)) return NULL;
    parley_stop *s = &ev->stops[ev->nstops++];
    memset(s, 0, sizeof *s);
    return s;
}

size_t parley_events_stops(const parley_events *events)
{
    return events ? events->nstops : 0;
}

const parley_stop *parley_events_stop(const parley_events *events, size_t i)
{
    return events && i < events->nstops ? &events->stops[i] : NULL;
}

size_t parley_events_count(const parley_events *events)
{
    return events ? events->n : 0;
}

const parley_event *parley_events_get(const parley_events *events, size_t i)
{
    return events && i < events->n ? &events->v[i] : NULL;
}

size_t parley_events_sentences(const parley_events *events)
{
    return events ? events->sentences : 0;
}

void parley_events_free(parley_events *events)
{
    if (!events) return;
    free(events->v);
    free(events->stops);
    pl_arena_free(&events->arena);
    free(events);
}
