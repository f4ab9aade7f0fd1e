// Checks every JNA structure and native layout the Windows backend declares against the documented sizes and offsets.
package bindlab.agent.jna.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Native;
import com.sun.jna.Structure;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;

/**
 * Two kinds of check, kept apart on purpose. (1) The CLayout descriptions are evaluated for pointer sizes 4 and 8 and
 * compared with the sizes and offsets the Windows headers document: this covers x86 and x64 layouts. (2) Each JNA
 * Structure, built in this JVM, is compared field by field with the description at this JVM's pointer size: on
 * this 64-bit machine that proves the x64 JNA layout only; the x86 JNA layout is not exercised here.
 */
class StructLayoutTest {

    @Test
    void clayoutPadsMembersAndTailAsMsvcDoes() {
        CLayout l = CLayout.of("example", 8).u8("a").u32("b").u16("c").pointer("d").u8("e").build();
        assertThat(l.offset("b")).isEqualTo(4);
        assertThat(l.offset("c")).isEqualTo(8);
        assertThat(l.offset("d")).isEqualTo(16);
        assertThat(l.offset("e")).isEqualTo(24);
        assertThat(l.size()).isEqualTo(32);
        assertThat(l.alignment()).isEqualTo(8);
        assertThat(CLayout.of("example", 4).u8("a").pointer("d").build().size()).isEqualTo(8);
    }

    @Test
    void clayoutRejectsNonsense() {
        assertThatThrownBy(() -> CLayout.of("x", 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CLayout.of("x", 8).u8("a").u8("a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CLayout.of("x", 8).u8("a").build().offset("b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no field b");
    }

    @Test
    void lingerIsTwoUnsignedShorts() {
        for (int ptr : new int[] {4, 8}) {
            CLayout l = Linger.layout(ptr);
            assertThat(l.size()).isEqualTo(4);
            assertThat(l.offset("l_linger")).isEqualTo(2);
        }
        Linger linger = new Linger(true, 65535);
        assertMatches(linger, Linger.layout(Native.POINTER_SIZE), linger::offsetOf);
        assertThat(linger.l_linger & 0xffff).isEqualTo(65535);
    }

    @Test
    void wsadataX64PutsCountsAndPointerBeforeTheStrings() {
        CLayout x64 = WsaData.layout(8);
        assertThat(x64.size()).isEqualTo(408);
        assertThat(x64.offset("iMaxSockets")).isEqualTo(4);
        assertThat(x64.offset("iMaxUdpDg")).isEqualTo(6);
        assertThat(x64.offset("lpVendorInfo")).isEqualTo(8);
        assertThat(x64.offset("szDescription")).isEqualTo(16);
        assertThat(x64.offset("szSystemStatus")).isEqualTo(16 + 257);
    }

    @Test
    void wsadataX86PutsTheStringsFirst() {
        CLayout x86 = WsaData.layout(4);
        assertThat(x86.size()).isEqualTo(400);
        assertThat(x86.offset("szDescription")).isEqualTo(4);
        assertThat(x86.offset("szSystemStatus")).isEqualTo(4 + 257);
        assertThat(x86.offset("iMaxSockets")).isEqualTo(390);
        assertThat(x86.offset("iMaxUdpDg")).isEqualTo(392);
        assertThat(x86.offset("lpVendorInfo")).isEqualTo(396);
    }

    @Test
    void wsadataJnaStructureFollowsTheLayoutForThisJvm() {
        WsaData data = new WsaData();
        assertMatches(data, WsaData.layout(Native.POINTER_SIZE), data::offsetOf);
        assertThat(data.size()).isGreaterThanOrEqualTo(Native.POINTER_SIZE == 8 ? 408 : 400);
    }

    @Test
    void wsapollfdIs16BytesOnX64And8OnX86() {
        CLayout x64 = WsaPollFd.layout(8);
        assertThat(x64.size()).isEqualTo(16);
        assertThat(x64.offset("events")).isEqualTo(8);
        assertThat(x64.offset("revents")).isEqualTo(10);
        CLayout x86 = WsaPollFd.layout(4);
        assertThat(x86.size()).isEqualTo(8);
        assertThat(x86.offset("events")).isEqualTo(4);
        assertThat(x86.offset("revents")).isEqualTo(6);
        WsaPollFd fd = new WsaPollFd(new SocketHandle(7), Ws2_32.POLLRDNORM);
        assertMatches(fd, WsaPollFd.layout(Native.POINTER_SIZE), fd::offsetOf);
    }

    @Test
    void rtlOsVersionInfoExWIs284BytesEverywhere() {
        for (int ptr : new int[] {4, 8}) {
            CLayout l = RtlOsVersionInfoExW.layout(ptr);
            assertThat(l.size()).isEqualTo(284);
            assertThat(l.offset("szCSDVersion")).isEqualTo(20);
            assertThat(l.offset("wServicePackMajor")).isEqualTo(276);
            assertThat(l.offset("wSuiteMask")).isEqualTo(280);
            assertThat(l.offset("wProductType")).isEqualTo(282);
            assertThat(l.offset("wReserved")).isEqualTo(283);
        }
        RtlOsVersionInfoExW info = new RtlOsVersionInfoExW();
        assertMatches(info, RtlOsVersionInfoExW.layout(Native.POINTER_SIZE), info::offsetOf);
        assertThat(info.dwOSVersionInfoSize).as("the size RtlGetVersion is told").isEqualTo(284);
    }

    @Test
    void rtlOsVersionInfoDecodesTheServicePackString() {
        RtlOsVersionInfoExW info = new RtlOsVersionInfoExW();
        assertThat(info.csdVersion()).isEmpty();
        String sp = "Service Pack 1";
        for (int i = 0; i < sp.length(); i++) {
            info.szCSDVersion[i] = (short) sp.charAt(i);
        }
        assertThat(info.csdVersion()).isEqualTo(sp);
        info.wProductType = RtlOsVersionInfoExW.VER_NT_SERVER;
        assertThat(info.isServer()).isTrue();
        info.wProductType = RtlOsVersionInfoExW.VER_NT_WORKSTATION;
        assertThat(info.isServer()).isFalse();
    }

    @Test
    void fdSetIsACountedArrayOf64Sockets() {
        assertThat(FdSet.layout(8).size()).isEqualTo(520);
        assertThat(FdSet.layout(8).offset("fd_array")).isEqualTo(8);
        assertThat(FdSet.layout(4).size()).isEqualTo(260);
        assertThat(FdSet.layout(4).offset("fd_array")).isEqualTo(4);
    }

    @Test
    void fdSetHoldingOneSocketIsReadyUntilSelectClearsIt() {
        com.sun.jna.Memory set = FdSet.holding(new SocketHandle(0x1234));
        CLayout l = FdSet.layout(Native.POINTER_SIZE);
        assertThat(set.size()).isEqualTo(l.size());
        assertThat(set.getInt(0)).isEqualTo(1);
        long slot = Native.POINTER_SIZE == 8 ? set.getLong(l.offset("fd_array")) : set.getInt(l.offset("fd_array"));
        assertThat(slot).isEqualTo(0x1234);
        assertThat(FdSet.isReady(set)).isTrue();
        set.setInt(0, 0); // what select() writes when the socket is not ready
        assertThat(FdSet.isReady(set)).isFalse();
    }

    /** Same field order, same offsets, same total size as the description. */
    private static void assertMatches(Structure s, CLayout layout, ToIntFunction<String> offsetOf) {
        assertThat(s.size()).as(layout.name() + " size").isEqualTo(layout.size());
        for (String field : layout.fieldNames()) {
            assertThat(offsetOf.applyAsInt(field)).as(layout.name() + "." + field).isEqualTo(layout.offset(field));
        }
    }
}
