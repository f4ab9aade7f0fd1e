/* bcryptprimitives.dll for a Wine lab on Wine 8, which has none: its one export, ProcessPrng (Windows 8 and later,
   Wine 9 and later), which the BoringSSL inside gRPC's netty-tcnative calls for random bytes. It forwards to
   RtlGenRandom (advapi32's SystemFunction036), the process CSPRNG Windows documented before ProcessPrng. With it the
   agent on a Java 8 older than 8u252 (no ALPN) can do mutual TLS under Wine, through the bundled BoringSSL, as it does
   on Windows 8 and later. Built with mingw-w64 by WineRuntime; never shipped to a Windows host. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size) {
    while (size > 0) {
        ULONG chunk = size > 0x40000000 ? 0x40000000 : (ULONG) size;
        if (!SystemFunction036(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        size -= chunk;
    }
    return TRUE;
}
