/* reader_text.c: plain text, the whole input one story dated by the options. */
#include "io/reader_int.h"

parley_status pl_read_text(parley_reader *r, parley_story **story)
{
    if (r->started) return PARLEY_END;
    r->started = 1;
    long first_line;
    parley_status st = pl_read_block(r, 0, &first_line);
    if (st != PARLEY_OK) return st;
    if (r->raw.len == 0) return PARLEY_END;
    long bad_line = first_line;
    long bad = pl_repair_lines(&r->fixed, r->raw.data, r->raw.len, first_line, &bad_line);
    if (bad < 0) return pl_reader_enomem(r);
    pl_warn_utf8(r, bad, bad_line);
    const char *date = pl_missing_date(r, first_line);
    *story = pl_story_new_at(r->stem, date, NULL, r->fixed.data, r->fixed.len, NULL, r->file,
                             first_line);
    return *story ? PARLEY_OK : pl_reader_enomem(r);
}
