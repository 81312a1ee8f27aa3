/* events.h: the event list a coded story returns (parley_events). Internal. */
#ifndef PL_EVENTS_H
#define PL_EVENTS_H

#include "parley.h"
#include "util/util.h"

struct parley_events {
    pl_arena arena;          /* every string and place of every event */
    parley_event *v;
    size_t n, cap;
    size_t sentences;
    parley_stop *stops;
    size_t nstops, stops_cap;
};

parley_events *pl_events_new(void);
/* A zeroed event appended to the list, or NULL when out of memory. */
parley_event *pl_events_add(parley_events *ev);
/* A zeroed stop appended to the list, or NULL when out of memory. */
parley_stop *pl_stops_add(parley_events *ev);

#endif
