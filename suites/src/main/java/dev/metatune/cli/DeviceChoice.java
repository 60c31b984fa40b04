package dev.metatune.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.metatune.error.UserInputException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code --device} option: {@code cpu}, {@code gpu} (the first GPU) or {@code gpuN}. A GPU that
 * PyTorch cannot see is bad input with a message saying how to get CUDA natives.
 */
final class DeviceChoice {

    private static final Pattern GPU = Pattern.compile("gpu(\\d*)");

    private DeviceChoice() {
    }

    static Device parse(String text) {
        String value = text == null ? "cpu" : text.trim().toLowerCase(java.util.Locale.ROOT);
        if (value.equals("cpu")) {
            return Device.cpu();
        }
        Matcher m = GPU.matcher(value);
        if (!m.matches()) {
            throw new UserInputException("--device must be cpu, gpu or gpuN (e.g. gpu1), got '" + text + "'");
        }
        int index = m.group(1).isEmpty() ? 0 : Integer.parseInt(m.group(1));
        int visible = Engine.getInstance().getGpuCount();
        if (index >= visible) {
            throw new UserInputException("--device " + text + ": PyTorch sees " + visible + " GPU(s) here"
                    + (visible == 0 ? "; GPU runs need the CUDA build of libtorch (set PYTORCH_FLAVOR, e.g. cu124, on a machine"
                    + " with CUDA and network access, as DJL's PyTorch engine documents)" : ""));
        }
        return Device.gpu(index);
    }
}
