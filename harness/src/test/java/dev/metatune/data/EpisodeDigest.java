package dev.metatune.data;

import dev.metatune.task.Episode;
import dev.metatune.task.Examples;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A SHA-256 of everything an episode holds (inputs, labels or targets, class ids), for comparisons. */
public final class EpisodeDigest {

    private EpisodeDigest() {
    }

    public static String of(Episode episode) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(ByteBuffer.allocate(8).putLong(episode.index()).array());
            add(md, episode.support());
            add(md, episode.query());
            for (int c : episode.classIds()) {
                md.update(ByteBuffer.allocate(4).putInt(c).array());
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void add(MessageDigest md, Examples examples) {
        ByteBuffer b = ByteBuffer.allocate(4 * examples.inputs().length);
        for (float v : examples.inputs()) {
            b.putFloat(v);
        }
        md.update(b.array());
        if (examples.labels() != null) {
            ByteBuffer l = ByteBuffer.allocate(4 * examples.labels().length);
            for (int v : examples.labels()) {
                l.putInt(v);
            }
            md.update(l.array());
        } else {
            ByteBuffer t = ByteBuffer.allocate(4 * examples.targets().length);
            for (float v : examples.targets()) {
                t.putFloat(v);
            }
            md.update(t.array());
        }
    }
}
