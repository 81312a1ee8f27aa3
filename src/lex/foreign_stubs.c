/* foreign_stubs.c: placeholders for the foreign readers until they land; each reports the
 * file as not supported. */
#include "lex/lex.h"

#define STUB(fn)                                                                             \
    int fn(pl_dict_source *src, const char *text, size_t len)                                \
    {                                                                                        \
        (void)text;                                                                          \
        (void)len;                                                                           \
        pl_dict_unsupported(src, "this format is not read yet");                             \
        return 0;                                                                            \
    }

STUB(pl_tabari_read_actors)
STUB(pl_tabari_read_agents)
STUB(pl_tabari_read_verbs)
STUB(pl_tabari_read_discards)
STUB(pl_petrarch_read_actors)
STUB(pl_petrarch_read_agents)
STUB(pl_petrarch_read_verbs)
STUB(pl_petrarch_read_discards)
