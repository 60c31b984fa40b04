package dev.metatune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PeakResidentMemoryTest {

    @Test
    void readsTheHighWaterMarkInMebibytes() {
        List<String> status = List.of("Name:\tjava", "VmPeak:\t 9000000 kB", "VmHWM:\t  2097152 kB", "VmRSS:\t 1048576 kB");
        assertEquals(OptionalLong.of(2048), PeakResidentMemory.parse(status));
    }

    @Test
    void noHighWaterMarkLineGivesNothing() {
        assertEquals(OptionalLong.empty(), PeakResidentMemory.parse(List.of("Name:\tjava", "VmRSS:\t 1048576 kB")));
        assertEquals(OptionalLong.empty(), PeakResidentMemory.parse(List.of("VmHWM:\t lots kB")));
    }
}
