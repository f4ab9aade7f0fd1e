// ntdll's RTL_OSVERSIONINFOEXW (same layout as OSVERSIONINFOEXW): 284 bytes on both x86 and x64.
package bindlab.agent.jna.windows;

import com.sun.jna.Structure;

/**
 * szCSDVersion is declared as short[] rather than char[]: JNA maps a Java char to the host's wchar_t, which is 4
 * bytes on Linux, while Windows WCHAR is always 2 bytes. short[] keeps the layout right everywhere.
 */
@Structure.FieldOrder({"dwOSVersionInfoSize", "dwMajorVersion", "dwMinorVersion", "dwBuildNumber", "dwPlatformId",
        "szCSDVersion", "wServicePackMajor", "wServicePackMinor", "wSuiteMask", "wProductType", "wReserved"})
public final class RtlOsVersionInfoExW extends Structure {
    public static final int CSD_VERSION_CHARS = 128;
    /** wProductType values. */
    public static final byte VER_NT_WORKSTATION = 1;
    public static final byte VER_NT_DOMAIN_CONTROLLER = 2;
    public static final byte VER_NT_SERVER = 3;

    public int dwOSVersionInfoSize;
    public int dwMajorVersion;
    public int dwMinorVersion;
    public int dwBuildNumber;
    public int dwPlatformId;
    public short[] szCSDVersion = new short[CSD_VERSION_CHARS];
    public short wServicePackMajor;
    public short wServicePackMinor;
    public short wSuiteMask;
    public byte wProductType;
    public byte wReserved;

    public RtlOsVersionInfoExW() {
        super(ALIGN_MSVC);
        dwOSVersionInfoSize = size();
    }

    public static CLayout layout(int pointerSize) {
        return CLayout.of("RTL_OSVERSIONINFOEXW", pointerSize)
                .u32("dwOSVersionInfoSize").u32("dwMajorVersion").u32("dwMinorVersion").u32("dwBuildNumber")
                .u32("dwPlatformId").array("szCSDVersion", 2, CSD_VERSION_CHARS)
                .u16("wServicePackMajor").u16("wServicePackMinor").u16("wSuiteMask")
                .u8("wProductType").u8("wReserved").build();
    }

    /** The service pack string ("Service Pack 1"), empty when none. */
    public String csdVersion() {
        StringBuilder s = new StringBuilder();
        for (short c : szCSDVersion) {
            if (c == 0) {
                break;
            }
            s.append((char) c);
        }
        return s.toString();
    }

    public boolean isServer() {
        return wProductType == VER_NT_SERVER || wProductType == VER_NT_DOMAIN_CONTROLLER;
    }

    public int offsetOf(String field) {
        return fieldOffset(field);
    }
}
