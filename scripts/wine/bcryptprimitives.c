/* Test-only stand-in for Windows' bcryptprimitives.dll, which Wine 8 lacks: Rust-built wheels (pydantic-core,
   rpds-py) import ProcessPrng from it.  Built by scripts/test-windows.sh with mingw-w64 into the Wine prefix's
   system32 only; never part of the product.  ProcessPrng fills the buffer from RtlGenRandom. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length); /* RtlGenRandom, advapi32 */

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG part = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, part))
            return FALSE;
        data += part;
        length -= part;
    }
    return TRUE;
}
