package dev.metatune.data.omniglot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.metatune.data.DataException;
import dev.metatune.data.DataOptions;
import dev.metatune.data.Dataset;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a local HTTP server on 127.0.0.1 serving small archives in the official layout. */
class OmniglotDownloadTest {

    @TempDir
    Path data;

    @TempDir
    Path cache;

    private HttpServer server;
    private final Map<String, byte[]> served = new HashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void serve() throws IOException {
        served.put("/python/images_background.zip",
                OmniglotFixture.zip(OmniglotFixture.members("images_background", OmniglotFixture.BACKGROUND)));
        served.put("/python/images_evaluation.zip",
                OmniglotFixture.zip(OmniglotFixture.members("images_evaluation", OmniglotFixture.EVALUATION)));
        served.put("/splits/train.txt", OmniglotFixture.splitText(OmniglotFixture.TRAIN).getBytes(StandardCharsets.UTF_8));
        served.put("/splits/val.txt", OmniglotFixture.splitText(OmniglotFixture.VAL).getBytes(StandardCharsets.UTF_8));
        served.put("/splits/trainval.txt", (OmniglotFixture.splitText(OmniglotFixture.TRAIN)
                + OmniglotFixture.splitText(OmniglotFixture.VAL)).getBytes(StandardCharsets.UTF_8));
        served.put("/splits/test.txt", OmniglotFixture.splitText(OmniglotFixture.TEST).getBytes(StandardCharsets.UTF_8));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = served.get(exchange.getRequestURI().getPath());
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI base(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static String md5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }

    private Dataset open(OmniglotDownload download, boolean allow) {
        return new OmniglotProvider(download).open(new DataOptions(data, cache, 0, allow));
    }

    private OmniglotDownload download(String backgroundMd5) throws Exception {
        return new OmniglotDownload(base("/python/"), base("/splits/"), Map.of(
                "images_background.zip", backgroundMd5,
                "images_evaluation.zip", md5(served.get("/python/images_evaluation.zip"))));
    }

    private List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Test
    void absentFilesAreDownloadedCheckedAndRenamedIntoPlace() throws Exception {
        Dataset omniglot = open(download(md5(served.get("/python/images_background.zip"))), true);
        assertEquals(12, omniglot.pool("test").classCount());
        Path dir = data.resolve("omniglot");
        assertEquals(List.of(dir.resolve("images_background.zip"), dir.resolve("images_evaluation.zip"),
                dir.resolve("splits/vinyals/test.txt"), dir.resolve("splits/vinyals/train.txt"),
                dir.resolve("splits/vinyals/trainval.txt"), dir.resolve("splits/vinyals/val.txt")), filesUnder(data));
        assertEquals(md5(served.get("/python/images_background.zip")),
                md5(Files.readAllBytes(dir.resolve("images_background.zip"))));
        int before = requests.get();
        assertEquals(16, open(download("0".repeat(32)), true).pool("trainval").classCount());
        assertEquals(before, requests.get(), "present files are not downloaded again");
    }

    @Test
    void nothingIsDownloadedUnlessAllowed() throws Exception {
        Dataset omniglot = open(download(md5(served.get("/python/images_background.zip"))), false);
        assertThrows(DataException.class, () -> omniglot.pool("train"));
        assertEquals(0, requests.get());
    }

    @Test
    void infoNeverDownloads() throws Exception {
        Dataset omniglot = open(download(md5(served.get("/python/images_background.zip"))), true);
        for (String split : omniglot.splits()) {
            assertFalse(omniglot.info(split).available(), split);
        }
        assertEquals(0, requests.get());
    }

    @Test
    void aWrongChecksumKeepsNothing() throws Exception {
        String wrong = "0123456789abcdef0123456789abcdef";
        DataException e = assertThrows(DataException.class, () -> open(download(wrong), true).pool("train"));
        assertTrue(e.getMessage().contains(wrong) && e.getMessage().contains("images_background.zip"), e.getMessage());
        assertFalse(Files.exists(data.resolve("omniglot").resolve("images_background.zip")));
        assertTrue(filesUnder(data).stream().noneMatch(p -> p.toString().endsWith(".part")), filesUnder(data).toString());
    }

    @Test
    void anUnreachableServerSaysWhatCouldNotBeFetchedAndHowToPlaceTheFiles() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + closedPort + "/python/");
        OmniglotDownload download = new OmniglotDownload(nowhere, nowhere, Map.of(
                "images_background.zip", "0".repeat(32), "images_evaluation.zip", "0".repeat(32)));
        DataException e = assertThrows(DataException.class, () -> open(download, true).pool("train"));
        assertTrue(e.getMessage().contains(nowhere.resolve("images_background.zip").toString())
                && e.getMessage().contains("by hand") && e.getMessage().contains("splits"), e.getMessage());
        assertEquals(List.of(), filesUnder(data));
    }

    @Test
    void aMissingFileOnTheServerIsNamed() throws Exception {
        served.remove("/splits/val.txt");
        DataException e = assertThrows(DataException.class,
                () -> open(download(md5(served.get("/python/images_background.zip"))), true).pool("train"));
        assertTrue(e.getMessage().contains("val.txt") && e.getMessage().contains("404"), e.getMessage());
        assertTrue(filesUnder(data).stream().noneMatch(p -> p.toString().endsWith(".part")));
    }
}
