package dev.metatune.algorithms.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Task workers run their jobs side by side, each engine-single-threaded, and change nothing outside. */
class TaskWorkersTest {

    private int engineThreadsBefore;

    @BeforeAll
    static void engine() {
        Engine.getEngine("PyTorch");
    }

    @BeforeEach
    void twoEngineThreads() {
        engineThreadsBefore = JniUtils.getNumThreads();
        JniUtils.setNumThreads(2);
    }

    @AfterEach
    void restoreEngineThreads() {
        JniUtils.setNumThreads(engineThreadsBefore);
    }

    @Test
    void oneWorkerPerEngineThreadEachRunningTheEngineSingleThreaded() throws InterruptedException {
        try (TaskWorkers workers = TaskWorkers.create(Device.cpu(), 32, "test")) {
            assertEquals(2, workers.parallelism());
            assertEquals(2, JniUtils.getNumThreads(), "the calling thread keeps its engine threads");
            Callable<String> probe = () -> Thread.currentThread().getName() + ":" + JniUtils.getNumThreads();
            assertEquals(List.of("test-task-worker-0:1", "test-task-worker-1:1"), workers.run(List.of(probe, probe)));
            // a thread started afterwards gets the engine's default, not the workers' 1
            int[] fresh = new int[1];
            Thread t = new Thread(() -> fresh[0] = JniUtils.getNumThreads());
            t.start();
            t.join();
            assertEquals(2, fresh[0]);
        }
    }

    @Test
    void noWorkersForOneThreadOrOneTaskOrAGpu() {
        try (TaskWorkers oneTask = TaskWorkers.create(Device.cpu(), 1, "test");
             TaskWorkers gpu = TaskWorkers.create(Device.gpu(), 32, "test")) {
            assertEquals(1, oneTask.parallelism());
            assertEquals(1, gpu.parallelism());
            String caller = Thread.currentThread().getName();
            assertEquals(List.of(caller), oneTask.run(List.of(() -> Thread.currentThread().getName())));
        }
        JniUtils.setNumThreads(1);
        try (TaskWorkers single = TaskWorkers.create(Device.cpu(), 32, "test")) {
            assertEquals(1, single.parallelism());
        }
    }

    @Test
    void aFailureIsThrownOnlyAfterEveryJobIsDone() {
        try (TaskWorkers workers = TaskWorkers.create(Device.cpu(), 2, "test")) {
            AtomicBoolean slowFinished = new AtomicBoolean();
            Callable<Integer> failing = () -> {
                throw new IllegalArgumentException("bad task");
            };
            Callable<Integer> slow = () -> {
                Thread.sleep(300);
                slowFinished.set(true);
                return 1;
            };
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> workers.run(List.of(failing, slow)));
            assertEquals("bad task", e.getMessage());
            assertTrue(slowFinished.get(), "run returned while a job was still computing");
            assertThrows(IllegalArgumentException.class, () -> workers.run(List.of(slow, slow, slow)));
            assertFalse(Thread.currentThread().isInterrupted());
        }
    }

    @Test
    void resultsComeBackInJobOrder() {
        try (TaskWorkers workers = TaskWorkers.create(Device.cpu(), 8, "test")) {
            Callable<Integer> slowFirst = () -> {
                Thread.sleep(200);
                return 0;
            };
            Callable<Integer> second = () -> 1;
            assertEquals(List.of(0, 1), workers.run(List.of(slowFirst, second)));
        }
    }
}
