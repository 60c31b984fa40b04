package dev.metatune.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.cuda.CudaUtils;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.metatune.error.UserInputException;
import java.io.PrintWriter;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code metatune devices}: the engine and the libtorch it loaded (folder, version, flavor, whether it
 * was built with CUDA, the CUDA runtime's version), the GPUs PyTorch can use with their memory, and
 * one tiny forward/backward on each device ({@link DeviceCheck}) with pass/fail and its time. Exit 0
 * when every check passed, 1 when one failed, 2 when a libtorch brought with {@code METATUNE_LIBTORCH}
 * does not load or {@code --device} names a GPU PyTorch cannot use.
 *
 * <p>With {@code --json}, one JSON object a line: first {@code {"kind":"engine",...}} (keys engine,
 * version, djl_version, libtorch_path, libtorch_source, flavor, cuda_build, cudnn, cuda_runtime, gpus),
 * then one {@code {"kind":"gpu","device":"gpu0","compute_capability":"90","memory_total_bytes":...,
 * "memory_used_bytes":...}} a GPU, then one {@code {"kind":"check","device":"cpu","passed":true,
 * "millis":...,"max_error":...,"detail":""}} a device checked. When the brought libtorch does not
 * load, the only line is {@code {"kind":"engine","loaded":false,"libtorch_path":...,"flavor":...,"error":...}}.
 */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = {"Print the engine and libtorch loaded, the GPUs PyTorch sees, and check each device with one tiny"
                + " forward/backward.", "To run on a GPU, see README, \"Run on a GPU\" (METATUNE_LIBTORCH)."})
final class DevicesCommand implements Callable<Integer> {

    private static final Pattern CACHE_DIR_FLAVOR = Pattern.compile(".*-(cpu|cu\\d+)(-precxx11)?-[a-z]+-[a-z0-9_]+$");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "One JSON object a line instead of text.")
    boolean json;

    @Option(names = "--device", paramLabel = "DEVICE",
            description = "Check only this device: cpu, gpu or gpuN (exit 2 when PyTorch cannot use it). Default: the CPU"
                    + " and every GPU.")
    String device;

    @Override
    public Integer call() throws JsonProcessingException {
        PrintWriter out = spec.commandLine().getOut();
        ObjectMapper mapper = new ObjectMapper();
        Engine engine;
        try {
            engine = NativeEngine.load();
        } catch (UserInputException e) {
            if (json) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("kind", "engine");
                line.put("loaded", false);
                line.put("libtorch_path", NativeEngine.broughtLibtorch());
                line.put("flavor", flavor(null));
                line.put("error", NativeEngine.causeChain(e.getCause()));
                out.println(mapper.writeValueAsString(line));
                out.flush();
            }
            throw e;
        }
        List<Device> devices = new ArrayList<>();
        if (device != null) {
            devices.add(DeviceChoice.parse(device));
        }
        int gpus = NativeEngine.usableGpus(engine);
        if (device == null) {
            devices.add(Device.cpu());
            for (int i = 0; i < gpus; i++) {
                devices.add(Device.gpu(i));
            }
        }
        Map<String, Object> summary = engineSummary(engine, gpus);
        if (json) {
            out.println(mapper.writeValueAsString(summary));
        } else {
            out.printf(Locale.ROOT, "engine:   %s %s (DJL %s)%n", summary.get("engine"), summary.get("version"),
                    summary.get("djl_version"));
            out.printf(Locale.ROOT, "libtorch: %s (%s, flavor %s)%n", summary.get("libtorch_path"),
                    summary.get("libtorch_source"), summary.get("flavor"));
            out.printf(Locale.ROOT, "CUDA:     %s%n", Boolean.TRUE.equals(summary.get("cuda_build"))
                    ? "libtorch built with CUDA" + (Boolean.TRUE.equals(summary.get("cudnn")) ? " and cuDNN" : "")
                    + ", CUDA runtime " + summary.get("cuda_runtime")
                    : "none (a CPU-only libtorch; " + NativeEngine.GPU_STEPS + ")");
            out.printf(Locale.ROOT, "GPUs:     %d%n", gpus);
        }
        for (int i = 0; i < gpus; i++) {
            Map<String, Object> gpu = gpuSummary(i);
            if (json) {
                out.println(mapper.writeValueAsString(gpu));
            } else {
                out.printf(Locale.ROOT, "  %-6s compute capability %s, memory %.1f GiB, %.1f GiB in use%n", gpu.get("device"),
                        gpu.get("compute_capability"), gib(gpu.get("memory_total_bytes")), gib(gpu.get("memory_used_bytes")));
            }
        }
        boolean allPassed = true;
        for (Device d : devices) {
            DeviceCheck check = DeviceCheck.run(engine, d);
            allPassed &= check.passed();
            if (json) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("kind", "check");
                line.put("device", name(d));
                line.put("passed", check.passed());
                line.put("millis", Math.round(check.millis() * 10) / 10.0);
                line.put("max_error", Double.isFinite(check.maxError()) ? check.maxError() : null);
                line.put("detail", check.detail());
                out.println(mapper.writeValueAsString(line));
            } else {
                out.printf(Locale.ROOT, "check %-6s %s  %8.1f ms  forward/backward, max relative error %.2g%s%n", name(d),
                        check.passed() ? "pass" : "FAIL", check.millis(), check.maxError(),
                        check.detail().isEmpty() ? "" : "  " + check.detail());
            }
        }
        out.flush();
        return allPassed ? 0 : Main.EXIT_FAILURE;
    }

    private static Map<String, Object> engineSummary(Engine engine, int gpus) {
        String brought = NativeEngine.broughtLibtorch();
        String path = LibUtils.getLibtorchPath();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("kind", "engine");
        line.put("loaded", true);
        line.put("engine", engine.getEngineName());
        line.put("version", engine.getVersion());
        line.put("djl_version", Engine.getDjlVersion());
        line.put("libtorch_path", path);
        line.put("libtorch_source", brought != null ? "METATUNE_LIBTORCH" : "bundled CPU natives");
        line.put("flavor", flavor(path));
        boolean cuda = NativeEngine.cudaBuild(engine);
        line.put("cuda_build", cuda);
        line.put("cudnn", engine.hasCapability(StandardCapabilities.CUDNN));
        line.put("cuda_runtime", CudaUtils.hasCuda() ? CudaUtils.getCudaVersionString() : null);
        line.put("gpus_cuda_runtime_sees", CudaUtils.hasCuda() ? CudaUtils.getGpuCount() : 0);
        line.put("gpus", gpus);
        return line;
    }

    private static Map<String, Object> gpuSummary(int index) {
        Device gpu = Device.gpu(index);
        MemoryUsage memory = CudaUtils.getGpuMemory(gpu);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("kind", "gpu");
        line.put("device", name(gpu));
        line.put("compute_capability", CudaUtils.getComputeCapability(index));
        line.put("memory_total_bytes", memory.getMax());
        line.put("memory_used_bytes", memory.getCommitted());
        return line;
    }

    /** The flavor DJL was told (PYTORCH_FLAVOR), else the one in the name of DJL's cache folder. */
    static String flavor(String libtorchPath) {
        String told = System.getenv("PYTORCH_FLAVOR");
        if (told == null || told.isBlank()) {
            told = System.getProperty("PYTORCH_FLAVOR");
        }
        if (told != null && !told.isBlank()) {
            return told;
        }
        Matcher m = CACHE_DIR_FLAVOR.matcher(libtorchPath == null ? "" : libtorchPath);
        return m.matches() ? m.group(1) : "unknown";
    }

    private static String name(Device d) {
        return d.isGpu() ? "gpu" + d.getDeviceId() : "cpu";
    }

    private static double gib(Object bytes) {
        return ((Number) bytes).doubleValue() / (1L << 30);
    }
}
