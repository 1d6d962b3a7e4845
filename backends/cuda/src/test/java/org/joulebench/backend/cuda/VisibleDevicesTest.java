package org.joulebench.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.joulebench.kernels.spi.DeviceInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VisibleDevicesTest {
    private static final VisibleDevices.Gpu A = new VisibleDevices.Gpu("0000:19:00.0", "NVIDIA H100", "GPU-aaaa1111");
    private static final VisibleDevices.Gpu B = new VisibleDevices.Gpu("0000:3b:00.0", "NVIDIA H100", "GPU-bbbb2222");
    private static final VisibleDevices.Gpu C = new VisibleDevices.Gpu("0000:5e:00.0", "NVIDIA H100", "GPU-aaaa3333");
    private static final List<VisibleDevices.Gpu> SAME = List.of(A, B, C);
    private static final VisibleDevices.Gpu L4 = new VisibleDevices.Gpu("0000:86:00.0", "NVIDIA L4", "GPU-cccc4444");

    @TempDir
    Path tmp;

    @Test
    void unsetShowsEveryGpuInBusOrder() {
        assertThat(VisibleDevices.select(SAME, null, null).visible()).containsExactly(A, B, C);
    }

    @Test
    void indicesPickAndReorderAsCudaNumbersThem() {
        assertThat(VisibleDevices.select(SAME, "2,0", null).visible()).containsExactly(C, A);
    }

    @Test
    void anInvalidOutOfRangeOrRepeatedEntryEndsTheListThere() {
        assertThat(VisibleDevices.select(SAME, "1,7,0", null).visible()).containsExactly(B);
        assertThat(VisibleDevices.select(SAME, "1,x,0", null).visible()).containsExactly(B);
        assertThat(VisibleDevices.select(SAME, "1,1,0", null).visible()).containsExactly(B);
        assertThat(VisibleDevices.select(SAME, "", null).visible()).isEmpty();
        assertThat(VisibleDevices.select(SAME, "-1", null).visible()).isEmpty();
    }

    @Test
    void uuidsByUniquePrefixAnAmbiguousOneEndsTheList() {
        assertThat(VisibleDevices.select(SAME, "GPU-bbbb,GPU-aaaa3", null).visible())
                .containsExactly(B, C);
        assertThat(VisibleDevices.select(SAME, "GPU-bbbb,GPU-aaaa", null).visible())
                .containsExactly(B);
    }

    @Test
    void indicesOnMixedModelsNeedPciBusOrder() {
        List<VisibleDevices.Gpu> mixed = List.of(A, L4);
        VisibleDevices.Selection s = VisibleDevices.select(mixed, "1", null);
        assertThat(s.refusal()).hasValueSatisfying(r -> assertThat(r).contains("CUDA_DEVICE_ORDER=PCI_BUS_ID"));
        assertThat(VisibleDevices.select(mixed, "1", "PCI_BUS_ID").visible()).containsExactly(L4);
        assertThat(VisibleDevices.select(mixed, "GPU-cccc", null).visible()).containsExactly(L4);
    }

    @Test
    void migInstancesAreRefusedWithTheReason() {
        assertThat(VisibleDevices.select(SAME, "MIG-1234", null).refusal())
                .hasValueSatisfying(r -> assertThat(r).contains("MIG instance"));
    }

    @Test
    void theProviderListsWhatCudaWillSeeNumberedByOrdinalAndIdentifiedByBusId() throws Exception {
        FakeMachine m =
                new FakeMachine(tmp).withOneGpu().gpu("0000:3b:00.0", "NVIDIA H200", "GPU-7777", "0000:3B:00.0");
        m.visibleDevices = "1";
        CudaBackendProvider provider = new CudaBackendProvider(m.env());
        assertThat(provider.devices()).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo("cuda:0");
            assertThat(d.hardwareId()).isEqualTo("0000:3b:00.0");
            assertThat(d.properties()).containsEntry(DeviceInfo.UUID, "GPU-7777");
        });
        m.visibleDevices = "";
        var a = new CudaBackendProvider(m.env()).availability();
        assertThat(a.available()).isFalse();
        assertThat(a.reason()).isEqualTo("CUDA_VISIBLE_DEVICES= hides every GPU (2 installed)");
    }
}
