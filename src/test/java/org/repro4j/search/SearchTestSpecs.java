package org.repro4j.search;

/** Search specs for the tests: a small valid experiment, the search settings and parameters given. */
public final class SearchTestSpecs {
    private SearchTestSpecs() {
    }

    /**
     * @param settings   extra lines under {@code search:} (two-space indented keys, without the indent)
     * @param parameters the {@code parameters:} block's lines, indented by two spaces
     */
    public static String search(String name, String generator, String settings, String parameters) {
        return """
                name: %s
                title: A test search
                report: tdt4265-a1-utne
                reproduces: nothing in particular
                description: A small search over a synthetic objective.
                experiment:
                  data: {protocol: mnist-tdt}
                  network:
                    inputs: 784
                    weight_init: {distribution: zeros}
                    layers:
                      - {type: output, units: 10, activation: softmax, loss: mcxent}
                  training:
                    learning_rate: 0.01
                    batch_size: 128
                    epochs: 2
                search:
                  generator: %s
                %s
                parameters:
                %s""".formatted(name, generator, settings.lines().map(l -> "  " + l).reduce((a, b) -> a + "\n" + b).orElse(""),
                parameters.stripTrailing());
    }
}
