/* context.c: parley_ctx, the loaded dictionaries and the grammar the coder shares. */
#include "code/code.h"
#include "code/tools.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *parley_version(void)
{
    return PARLEY_VERSION_STRING;
}

const char *parley_status_str(parley_status status)
{
    switch (status) {
    case PARLEY_OK: return "ok";
    case PARLEY_END: return "end of input";
    case PARLEY_ENOMEM: return "out of memory";
    case PARLEY_EIO: return "input/output error";
    case PARLEY_EPARSE: return "malformed input";
    case PARLEY_EINVAL: return "invalid argument";
    case PARLEY_EDICT: return "dictionaries unusable";
    }
    return "unknown status";
}

parley_ctx *parley_ctx_new(void)
{
    parley_ctx *ctx = calloc(1, sizeof *ctx);
    if (!ctx) return NULL;
    if (pl_dict_init(&ctx->dict)) {
        pl_dict_free(&ctx->dict);
        free(ctx);
        return NULL;
    }
    return ctx;
}

void parley_ctx_free(parley_ctx *ctx)
{
    if (!ctx) return;
    pl_dict_free(&ctx->dict);
    pl_grammar_free(&ctx->grammar);
    pl_buf_free(&ctx->err);
    pl_sources_free(ctx->sources);
    pl_gazetteer_close(ctx->gaz);
    free(ctx);
}

parley_status parley_ctx_load_gazetteer(parley_ctx *ctx, const char *path)
{
    if (!ctx || !path) return PARLEY_EINVAL;
    pl_buf_clear(&ctx->err);
    char err[512];
    pl_gazetteer *g = pl_gazetteer_open(path, err, sizeof err);
    if (!g) {
        pl_buf_printf(&ctx->err, "%s", err);
        FILE *f = fopen(path, "rb");
        if (f) fclose(f);
        return f ? PARLEY_EDICT : PARLEY_EIO;
    }
    pl_gazetteer_close(ctx->gaz);
    ctx->gaz = g;
    return PARLEY_OK;
}

void parley_ctx_set_diag(parley_ctx *ctx, parley_diag_fn fn, void *user)
{
    ctx->diag = fn;
    ctx->diag_user = user;
    ctx->dict.diag = fn;
    ctx->dict.diag_user = user;
}

parley_status parley_ctx_load_dict(parley_ctx *ctx, const char *path)
{
    if (!ctx || !path) return PARLEY_EINVAL;
    pl_buf_clear(&ctx->err);
    if (pl_sources_add(&ctx->sources, path, NULL, 0)) return PARLEY_ENOMEM;
    return pl_dict_load_path(&ctx->dict, path, &ctx->err);
}

parley_status parley_ctx_load_dict_text(parley_ctx *ctx, const char *name, const char *text,
                                        size_t len)
{
    if (!ctx || !name || (!text && len)) return PARLEY_EINVAL;
    pl_buf_clear(&ctx->err);
    if (pl_sources_add(&ctx->sources, name, text ? text : "", len)) return PARLEY_ENOMEM;
    return pl_dict_load_text(&ctx->dict, name, text ? text : "", len, &ctx->err);
}

parley_status parley_ctx_compile(parley_ctx *ctx)
{
    if (!ctx) return PARLEY_EINVAL;
    if (ctx->ready) return PARLEY_OK;
    pl_buf_clear(&ctx->err);
    if (!ctx->dict.from_compiled && !pl_dict_lemmatizer(&ctx->dict)) {
        pl_buf_printf(&ctx->err, "WordNet's data could not be opened (install wordnet-base)");
        return PARLEY_EDICT;
    }
    if (pl_grammar_init(&ctx->grammar, &ctx->dict)) return PARLEY_ENOMEM;
    parley_status rc = pl_dict_compile(&ctx->dict, &ctx->err);
    ctx->ready = rc == PARLEY_OK;
    return rc;
}

parley_status parley_ctx_save_dict(parley_ctx *ctx, const char *path)
{
    if (!ctx || !path) return PARLEY_EINVAL;
    parley_status rc = parley_ctx_compile(ctx);
    if (rc != PARLEY_OK) return rc;
    pl_buf_clear(&ctx->err);
    return pl_dict_save(&ctx->dict, path, &ctx->err);
}

const char *parley_ctx_dict_hash(const parley_ctx *ctx)
{
    return ctx && ctx->dict.compiled ? ctx->dict.hash_hex : "";
}

const char *parley_errmsg(const parley_ctx *ctx)
{
    return ctx && ctx->err.data ? ctx->err.data : "";
}

void parley_ctx_dict_stats(const parley_ctx *ctx, parley_dict_stats *out)
{
    const pl_dict *d = &ctx->dict;
    memset(out, 0, sizeof *out);
    out->actors = d->nactors;
    out->agents = d->nagents;
    out->verb_patterns = d->nverbs;
    out->verb_roots = d->nroots;
    out->discards = d->discards;
    out->event_codes = d->nevents;
    out->warnings = d->warnings;
    out->errors = d->errors;
    out->plover_maps = d->plover_maps;
    out->unsupported = d->unsupported;
    for (size_t p = 1; p < d->nphrases; p++) {
        uint8_t k = d->phrases[p].kind;
        if (k >= PL_PH_NAME && k <= PL_PH_PLACE) out->actor_names++;
        else if (k == PL_PH_AGENT) out->agent_names++;
    }
    pl_count_entries(d, out);
}
