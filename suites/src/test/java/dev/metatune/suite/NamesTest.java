package dev.metatune.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void suggestsTheNearestNameWithinAFewEdits() {
        List<String> known = List.of("maml", "fomaml", "protonet", "baseline", "baseline-pp");
        assertEquals(Optional.of("maml"), Names.nearest("mamll", known));
        assertEquals(Optional.of("protonet"), Names.nearest("ProtoNet", known));
        assertEquals(Optional.of("baseline-pp"), Names.nearest("baselinepp", known));
        assertEquals(Optional.empty(), Names.nearest("xgboost", known));
        assertEquals("", Names.suggestion("xgboost", known));
    }

    @Test
    void levenshteinDistance() {
        assertEquals(0, Names.distance("tpe", "tpe"));
        assertEquals(3, Names.distance("kitten", "sitting"));
        assertEquals(4, Names.distance("", "asha"));
    }

    @Test
    void listsSortedOrNone() {
        assertEquals("a, b, c", Names.list(List.of("c", "a", "b")));
        assertEquals("(none)", Names.list(List.of()));
    }
}
