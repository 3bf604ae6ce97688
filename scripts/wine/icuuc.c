/* Test-only stand-in for Windows' system ICU (icuuc.dll), which Wine 8 lacks: Qt6Core imports the ucnv_*
   converter functions from it.  Every converter open fails with U_UNSUPPORTED_ERROR, so Qt keeps to its own
   UTF-8/UTF-16/Latin-1 codecs.  Built by scripts/test-windows.sh with mingw-w64 into the Wine prefix's system32
   only; never part of the product. */
#include <stddef.h>
#include <stdint.h>

#define EXPORT __declspec(dllexport)
#define U_UNSUPPORTED_ERROR 16

static void fail(int *err) { if (err != NULL && *err <= 0) *err = U_UNSUPPORTED_ERROR; }

EXPORT void *ucnv_open(const char *name, int *err) { (void)name; fail(err); return NULL; }
EXPORT void ucnv_close(void *cnv) { (void)cnv; }
EXPORT void ucnv_reset(void *cnv) { (void)cnv; }
EXPORT int8_t ucnv_getMaxCharSize(const void *cnv) { (void)cnv; return 1; }
EXPORT const char *ucnv_getName(const void *cnv, int *err) { (void)cnv; fail(err); return NULL; }
EXPORT void ucnv_getToUCallBack(const void *cnv, void **action, const void **context)
{ (void)cnv; if (action) *action = NULL; if (context) *context = NULL; }
EXPORT void ucnv_getFromUCallBack(const void *cnv, void **action, const void **context)
{ (void)cnv; if (action) *action = NULL; if (context) *context = NULL; }
EXPORT void ucnv_setToUCallBack(void *cnv, void *a, const void *c, void **oa, const void **oc, int *err)
{ (void)cnv; (void)a; (void)c; (void)oa; (void)oc; fail(err); }
EXPORT void ucnv_setFromUCallBack(void *cnv, void *a, const void *c, void **oa, const void **oc, int *err)
{ (void)cnv; (void)a; (void)c; (void)oa; (void)oc; fail(err); }
EXPORT void ucnv_toUnicode(void *cnv, void **t, const void *tl, const char **s, const char *sl, int32_t *o,
                           int8_t flush, int *err)
{ (void)cnv; (void)t; (void)tl; (void)s; (void)sl; (void)o; (void)flush; fail(err); }
EXPORT void ucnv_fromUnicode(void *cnv, char **t, const char *tl, const void **s, const void *sl, int32_t *o,
                             int8_t flush, int *err)
{ (void)cnv; (void)t; (void)tl; (void)s; (void)sl; (void)o; (void)flush; fail(err); }
EXPORT void ucnv_cbToUWriteUChars(void *args, const void *src, int32_t len, int32_t off, int *err)
{ (void)args; (void)src; (void)len; (void)off; fail(err); }
EXPORT void ucnv_cbFromUWriteUChars(void *args, const void **s, const void *sl, int32_t off, int *err)
{ (void)args; (void)s; (void)sl; (void)off; fail(err); }
EXPORT int32_t ucnv_toUCountPending(const void *cnv, int *err) { (void)cnv; fail(err); return 0; }
EXPORT int32_t ucnv_fromUCountPending(const void *cnv, int *err) { (void)cnv; fail(err); return 0; }
EXPORT const char *ucnv_getStandardName(const char *name, const char *standard, int *err)
{ (void)name; (void)standard; fail(err); return NULL; }
EXPORT const char *ucnv_getAvailableName(int32_t n) { (void)n; return NULL; }
EXPORT int32_t ucnv_countAvailable(void) { return 0; }
EXPORT void UCNV_FROM_U_CALLBACK_SUBSTITUTE(const void *c, void *a, const void *u, int32_t l, int32_t cp,
                                            int reason, int *err)
{ (void)c; (void)a; (void)u; (void)l; (void)cp; (void)reason; fail(err); }
EXPORT void UCNV_TO_U_CALLBACK_SUBSTITUTE(const void *c, void *a, const char *b, int32_t l, int reason, int *err)
{ (void)c; (void)a; (void)b; (void)l; (void)reason; fail(err); }
