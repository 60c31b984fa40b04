package dev.metatune.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.metatune.error.UserInputException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code --device} option: {@code cpu}, {@code gpu} (the first GPU) or {@code gpuN}. A GPU that
 * PyTorch cannot use (none there, or a CPU-only libtorch loaded) is bad input, exit 2, with the
 * steps that bring a CUDA libtorch ({@link NativeEngine#GPU_STEPS}).
 */
final class DeviceChoice {

    private static final Pattern GPU = Pattern.compile("gpu(\\d*)");

    private DeviceChoice() {
    }

    static Device parse(String text) {
        String value = text == null ? "cpu" : text.trim().toLowerCase(Locale.ROOT);
        if (value.equals("cpu")) {
            return Device.cpu();
        }
        Matcher m = GPU.matcher(value);
        if (!m.matches()) {
            throw new UserInputException("--device must be cpu, gpu or gpuN (e.g. gpu1), got '" + text + "'");
        }
        int index = m.group(1).isEmpty() ? 0 : Integer.parseInt(m.group(1));
        Engine engine = NativeEngine.load();
        if (!NativeEngine.cudaBuild(engine)) {
            String brought = NativeEngine.broughtLibtorch();
            throw new UserInputException("--device " + text + ": the libtorch loaded ("
                    + (brought == null ? "the bundled CPU natives" : brought) + ") has no CUDA; " + NativeEngine.GPU_STEPS);
        }
        int visible = engine.getGpuCount();
        if (index >= visible) {
            throw new UserInputException("--device " + text + ": PyTorch sees " + visible + " GPU(s) here"
                    + (visible == 0 ? " (the CUDA runtime found none: is the NVIDIA driver there, and"
                    + " CUDA_VISIBLE_DEVICES not empty?); " + NativeEngine.GPU_STEPS
                    : "; GPUs are numbered from gpu0 to gpu" + (visible - 1)));
        }
        return Device.gpu(index);
    }
}
