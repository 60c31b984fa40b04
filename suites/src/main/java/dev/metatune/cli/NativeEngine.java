package dev.metatune.cli;

import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import dev.metatune.error.UserInputException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Loads DJL's PyTorch engine for the command line and says, in one place, how to get a GPU-capable
 * libtorch: the steps that {@code metatune devices} and {@code --device gpu} print when there is none.
 * A libtorch the user brought ({@code METATUNE_LIBTORCH}, which the launcher turns into DJL's
 * {@code PYTORCH_LIBRARY_PATH}) that does not load is bad input (exit 2) with DJL's own error;
 * the bundled CPU natives failing to load is a failure (exit 1).
 */
final class NativeEngine {

    /** The libtorch version the JNI in the {@code pytorch-jni} jar was built against. */
    static final String LIBTORCH_VERSION = "2.7.1";

    /** What to do to run on a GPU, for messages (README "Run on a GPU" says the same). */
    static final String GPU_STEPS = "to run on a GPU, bring a libtorch " + LIBTORCH_VERSION + " built for CUDA 12.8 and"
            + " set METATUNE_LIBTORCH to its lib folder: either 'pip install torch==" + LIBTORCH_VERSION + "' from"
            + " PyTorch's CUDA 12.8 wheel index (the --index-url ending in /whl/cu128) into a virtual environment and use"
            + " its site-packages/torch/lib, or unpack the libtorch " + LIBTORCH_VERSION + " cu128 archive and use its"
            + " libtorch/lib; the machine needs an NVIDIA driver for CUDA 12.8. Then check with"
            + " 'METATUNE_LIBTORCH=<that folder> ./metatune devices' (README, \"Run on a GPU\")";

    private NativeEngine() {
    }

    /** The libtorch folder the user brought, or null when the bundled natives are used. */
    static String broughtLibtorch() {
        String path = System.getenv("PYTORCH_LIBRARY_PATH");
        if (path == null || path.isBlank()) {
            path = System.getProperty("PYTORCH_LIBRARY_PATH");
        }
        return path == null || path.isBlank() ? null : path;
    }

    /**
     * The PyTorch engine, loaded on first use.
     *
     * @throws UserInputException when the libtorch in {@code PYTORCH_LIBRARY_PATH} does not load
     */
    static Engine load() {
        try {
            return Engine.getInstance();
        } catch (RuntimeException | LinkageError e) {
            String brought = broughtLibtorch();
            if (brought == null) {
                throw e;
            }
            throw new UserInputException("the libtorch in " + brought + " (METATUNE_LIBTORCH) does not load: "
                    + causeChain(e) + ". Metatune's PyTorch JNI loads only libtorch " + LIBTORCH_VERSION
                    + " (cpu or CUDA 12.8 builds); " + GPU_STEPS, e);
        }
    }

    /** Whether the loaded libtorch was built with CUDA. */
    static boolean cudaBuild(Engine engine) {
        return engine.hasCapability(StandardCapabilities.CUDA);
    }

    /** How many GPUs PyTorch can use: those the CUDA runtime sees, and none with a CPU-only libtorch. */
    static int usableGpus(Engine engine) {
        return cudaBuild(engine) ? engine.getGpuCount() : 0;
    }

    /** Every distinct message along the cause chain, joined with ": ". */
    static String causeChain(Throwable e) {
        Set<String> parts = new LinkedHashSet<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            parts.add(message == null || message.isBlank() ? t.getClass().getSimpleName()
                    : t.getClass().getSimpleName() + ": " + message.strip());
        }
        return String.join(": ", parts);
    }
}
