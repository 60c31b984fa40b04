package dev.metatune.hpo.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.metatune.space.Distribution;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Distributions in Optuna's JSON, Optuna's older distribution names, and Metatune's earlier form. */
class DistributionCodecTest {

    @Test
    void distributionsAreWrittenInOptunasJson() {
        assertEquals("{\"name\":\"FloatDistribution\",\"attributes\":{\"step\":null,\"low\":1.0E-5,\"high\":1.0,\"log\":true}}",
                DistributionCodec.toJson(Distribution.FloatRange.logScale(1e-5, 1)));
        assertEquals("{\"name\":\"FloatDistribution\",\"attributes\":{\"step\":0.25,\"low\":0.0,\"high\":1.0,\"log\":false}}",
                DistributionCodec.toJson(new Distribution.FloatRange(0, 1, false, 0.25)));
        assertEquals("{\"name\":\"IntDistribution\",\"attributes\":{\"log\":false,\"step\":2,\"low\":1,\"high\":9}}",
                DistributionCodec.toJson(new Distribution.IntRange(1, 9, 2, false)));
        assertEquals("{\"name\":\"CategoricalDistribution\",\"attributes\":{\"choices\":[\"a\",3,true]}}",
                DistributionCodec.toJson(new Distribution.Categorical(List.of("a", 3, true))));
    }

    @Test
    void everyFormRoundTripsAndOlderFormsAreRead() {
        for (Distribution d : List.of(Distribution.FloatRange.linear(-1, 1), Distribution.FloatRange.logScale(1e-4, 1),
                new Distribution.FloatRange(0, 1, false, 0.1), Distribution.IntRange.of(0, 5),
                new Distribution.IntRange(1, 64, 1, true), new Distribution.Categorical(List.of("adam", "sgd")))) {
            assertEquals(d, DistributionCodec.fromJson(DistributionCodec.toJson(d)), d.toString());
        }
        // Python's json.dumps, with spaces and another key order
        assertEquals(new Distribution.IntRange(1, 9, 2, false), DistributionCodec.fromJson(
                "{\"name\": \"IntDistribution\", \"attributes\": {\"log\": false, \"step\": 2, \"low\": 1, \"high\": 9}}"));
        assertEquals(Distribution.FloatRange.linear(0, 2),
                DistributionCodec.fromJson("{\"name\": \"UniformDistribution\", \"attributes\": {\"low\": 0.0, \"high\": 2.0}}"));
        assertEquals(Distribution.FloatRange.logScale(0.001, 1),
                DistributionCodec.fromJson("{\"name\": \"LogUniformDistribution\", \"attributes\": {\"low\": 0.001, \"high\": 1}}"));
        assertEquals(new Distribution.FloatRange(0, 1, false, 0.5), DistributionCodec.fromJson(
                "{\"name\": \"DiscreteUniformDistribution\", \"attributes\": {\"low\": 0, \"high\": 1, \"q\": 0.5}}"));
        assertEquals(new Distribution.IntRange(2, 10, 2, false), DistributionCodec.fromJson(
                "{\"name\": \"IntUniformDistribution\", \"attributes\": {\"low\": 2, \"high\": 10, \"step\": 2}}"));
        assertEquals(new Distribution.IntRange(1, 100, 1, true), DistributionCodec.fromJson(
                "{\"name\": \"IntLogUniformDistribution\", \"attributes\": {\"low\": 1, \"high\": 100, \"step\": 1}}"));
        assertEquals(new Distribution.FloatRange(0, 1, false, 0.25), DistributionCodec.fromJson(
                "{\"type\":\"float\",\"low\":0.0,\"high\":1.0,\"log\":false,\"step\":0.25}"), "Metatune's schema 1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DistributionCodec.fromJson("{\"name\": \"GammaDistribution\", \"attributes\": {}}"));
        assertEquals(true, e.getMessage().contains("GammaDistribution"), e.getMessage());
    }
}
