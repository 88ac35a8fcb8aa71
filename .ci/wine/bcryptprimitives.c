/*
 * bcryptprimitives.dll for Wine 8.0 (Debian 12), which lacks it. The Go
 * runtime (since Go 1.24) loads ProcessPrng from this DLL in System32 for
 * its random numbers and stops at start when the DLL is missing. This one
 * gives ProcessPrng over RtlGenRandom (SystemFunction036 of advapi32.dll),
 * which Wine has. Used only by .ci/wine-test.sh, in its own Wine prefix.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG n = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, n))
            return FALSE;
        data += n;
        length -= n;
    }
    return TRUE;
}
