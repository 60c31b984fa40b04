package dev.metatune.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;

/**
 * The devices of {@code metatune run --workers}: one {@code --device} value for each worker
 * process. {@code gpu0,gpu1,...} names one process per GPU, {@code all-gpus} one per GPU that
 * PyTorch sees; a single device ({@code cpu}, {@code gpu}, {@code gpuN}) is shared by all workers.
 * Each value is checked again by the worker itself ({@link DeviceChoice}).
 */
final class WorkerDevices {

    private static final Pattern GPU = Pattern.compile("gpu\\d+");

    private WorkerDevices() {
    }

    /** Whether {@code device} names several GPUs (a list or {@code all-gpus}), so that it sets the number of workers. */
    static boolean namesGpus(String device) {
        String d = normalise(device);
        return d.equals("all-gpus") || d.contains(",");
    }

    /**
     * The device of each worker.
     *
     * @param device  the {@code --device} value (null: cpu)
     * @param workers the {@code --workers} value, or null when not given
     * @param gpus    how many GPUs PyTorch sees (asked only for {@code all-gpus})
     */
    static List<String> of(String device, Integer workers, IntSupplier gpus) {
        if (workers != null && workers < 1) {
            throw new IllegalArgumentException("--workers must be at least 1, got " + workers);
        }
        String d = normalise(device);
        if (!namesGpus(d)) {
            return Collections.nCopies(workers == null ? 1 : workers, d);
        }
        List<String> list = new ArrayList<>();
        if (d.equals("all-gpus")) {
            int n = gpus.getAsInt();
            if (n == 0) {
                throw new IllegalArgumentException("--device all-gpus: PyTorch sees no GPU here; run 'metatune devices' to see"
                        + " why, or use --device cpu");
            }
            for (int i = 0; i < n; i++) {
                list.add("gpu" + i);
            }
        } else {
            for (String part : d.split(",", -1)) {
                String g = part.trim();
                if (!GPU.matcher(g).matches()) {
                    throw new IllegalArgumentException("--device " + device + ": each entry of a list must be gpuN (e.g."
                            + " gpu0,gpu1), got '" + part + "'");
                }
                if (list.contains(g)) {
                    throw new IllegalArgumentException("--device " + device + " names " + g + " twice");
                }
                list.add(g);
            }
        }
        if (workers != null && workers != list.size()) {
            throw new IllegalArgumentException("--workers " + workers + " disagrees with --device " + device + ", which names "
                    + list.size() + " GPU(s): one worker runs on each; leave --workers out");
        }
        return List.copyOf(list);
    }

    /** PyTorch threads for each of {@code workers} CPU workers sharing {@code threads}: at least one each. */
    static int threadsEach(int threads, int workers) {
        return Math.max(1, threads / workers);
    }

    private static String normalise(String device) {
        return device == null ? "cpu" : device.trim().toLowerCase(Locale.ROOT);
    }
}
