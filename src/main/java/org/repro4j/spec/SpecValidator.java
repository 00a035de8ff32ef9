package org.repro4j.spec;

import org.repro4j.spec.NetworkSpec.LayerSpec;
import org.repro4j.spec.TrainingSpec.AugmentSpec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Semantic checks on a bound spec; each problem names its key and the reason. */
final class SpecValidator {
    private final List<String> problems = new ArrayList<>();

    private SpecValidator() {
    }

    static List<String> validate(ExperimentSpec s) {
        SpecValidator v = new SpecValidator();
        v.check(s);
        return v.problems;
    }

    private void check(ExperimentSpec s) {
        require(s.id() != null && !s.id().isBlank(), "id", "is required");
        require(s.title() != null && !s.title().isBlank(), "title", "is required");
        require(s.report() != null, "report", "is required (the report file name in shared/reports, without .txt)");
        require(s.reproduces() != null && !s.reproduces().isBlank(), "reproduces",
                "is required (which table or figure of the report, for the results page)");
        require(s.description() != null && !s.description().isBlank(), "description",
                "is required (what the experiment does, in our words, for the results page)");
        required(s.kind(), Kind.class, "kind");
        if (s.data() == null) {
            // The derivatives kind computes on its own example.
            require(s.kind() == Kind.DERIVATIVES, "data", "is required");
        } else {
            required(s.data().protocol(), Protocol.class, "data.protocol");
            oneOf(s.data().dtype(), Set.of("float", "double"), "data.dtype");
            if (s.data().digits() != null) {
                require(s.data().digits().size() == 2 && s.data().digits().stream().allMatch(d -> d != null && d >= 0 && d <= 9)
                        && !s.data().digits().get(0).equals(s.data().digits().get(1)),
                        "data.digits", "must be two different digits 0-9, got " + s.data().digits());
            }
        }
        if (s.network() == null) {
            problems.add("network: is required");
        } else {
            checkNetwork(s.network());
        }
        if (s.kind() == Kind.TRAIN) {
            if (s.training() == null) {
                problems.add("training: is required for kind 'train'");
            } else {
                checkTraining(s.training());
            }
        }
        if (s.kind() == Kind.GRADCHECK) {
            checkGradCheck(s.gradCheck());
        }
        if (s.kind() == Kind.DERIVATIVES) {
            problems.addAll(DerivativesValidator.validate(s.derivatives(), s.network()));
        }
        require(!s.seeds().isEmpty(), "seeds", "must list at least one seed");
        Set<String> names = new HashSet<>();
        for (int i = 0; i < s.runs().size(); i++) {
            String name = s.runs().get(i).name();
            require(name != null && !name.isBlank(), "runs[" + i + "].name", "is required");
            require(name == null || names.add(name), "runs[" + i + "].name", "'" + name + "' is used twice");
        }
        for (Split split : s.measure().splits()) {
            required(split, Split.class, "measure.splits");
        }
        if (s.measure().everySteps() != null) {
            require(s.measure().everySteps() >= 1, "measure.every_steps", "must be >= 1");
        }
        String running = s.measure().runningLoss();
        if (running != null) {
            require(running.equals(MeasureSpec.PER_EPOCH) || running.matches("[1-9][0-9]{0,8}"), "measure.running_loss",
                    "must be 'epoch' or a number of steps >= 1, got '" + running + "'");
        }
        for (Figure f : s.figures()) {
            required(f, Figure.class, "figures");
        }
        problems.addAll(referenceProblems(s.reference()));
        if (s.study() != null) {
            require(s.study().seeds() != null && s.study().seeds() >= 2, "study.seeds",
                    "must be at least 2 (a spread needs two runs), got " + s.study().seeds());
            require(s.study().reason() != null && !s.study().reason().isBlank(), "study.reason",
                    "is required: say why this experiment does not take the default of " + StudySpec.DEFAULT_SEEDS + " seeds");
        }
        for (int i = 0; i < s.tolerances().size(); i++) {
            checkTolerance(s.tolerances().get(i), "tolerances[" + i + "]");
        }
    }

    private void checkTolerance(ToleranceSpec t, String key) {
        require(t.measures() != null && !t.measures().isBlank(), key + ".measures",
                "is required: the measure keys it widens, '*' for any characters (e.g. '*.lambda=0,eta=0.1')");
        require(t.reason() != null && !t.reason().isBlank(), key + ".reason",
                "is required: why these measures move more than float rounding moves the others");
        require(t.accuracyPoints() != null || t.relative() != null || t.count() != null, key,
                "needs at least one of accuracy_points, relative, count");
        notNegative(t.accuracyPoints(), key + ".accuracy_points");
        notNegative(t.relative(), key + ".relative");
        notNegative(t.count(), key + ".count");
    }

    private void notNegative(Double amount, String key) {
        require(amount == null || (amount >= 0 && Double.isFinite(amount)), key, "must be >= 0, got " + amount);
    }

    /** What is wrong with a {@code reference:} section (bands, headline), as "key: reason"; shared with search specs. */
    static List<String> referenceProblems(ReferenceSpec reference) {
        List<String> out = new ArrayList<>();
        reference.measures().forEach((key, value) -> {
            if (value.band() != null && !(value.band().size() == 2 && value.band().get(0) <= value.band().get(1))) {
                out.add("reference.measures." + key + ".band: must be [lo, hi] with lo <= hi");
            }
            if (value.printed() != null && value.value() == null) {
                out.add("reference.measures." + key + ".printed: says how the report printed its value, but there is no value");
            } else if (value.printed() != null && value.printed() < 0) {
                out.add("reference.measures." + key + ".printed: the decimals the report printed, 0 or more, got "
                        + value.printed());
            }
        });
        if (reference.headline() != null && !reference.measures().containsKey(reference.headline())) {
            out.add("reference.headline: '" + reference.headline() + "' is not one of reference.measures");
        }
        return out;
    }

    private void checkNetwork(NetworkSpec n) {
        require(n.inputs() >= 1, "network.inputs", "must be >= 1, got " + n.inputs());
        if (n.weightInit() == null) {
            problems.add("network.weight_init: is required");
        } else {
            required(n.weightInit().distribution(), Init.class, "network.weight_init.distribution");
            if (n.weightInit().distribution() == Init.NORMAL) {
                require(n.weightInit().std() != null && n.weightInit().std() > 0, "network.weight_init.std",
                        "must be > 0 for a normal distribution");
            }
        }
        require(!n.layers().isEmpty(), "network.layers", "must list at least the output layer");
        for (int i = 0; i < n.layers().size(); i++) {
            LayerSpec l = n.layers().get(i);
            String key = "network.layers[" + i + "]";
            boolean last = i == n.layers().size() - 1;
            LayerType expected = last ? LayerType.OUTPUT : LayerType.DENSE;
            require(l.type() == expected, key + ".type", (l.type() == null ? "is required" : "is '" + l.type() + "'")
                    + "; " + (last ? "the last layer must be '" : "every layer but the last must be '") + expected + "'");
            require(l.units() >= 1, key + ".units", "must be >= 1, got " + l.units());
            required(l.activation(), Activation.class, key + ".activation");
            if (last) {
                required(l.loss(), Loss.class, key + ".loss");
            } else {
                require(l.loss() == null, key + ".loss", "only the output layer has a loss");
            }
        }
    }

    private void checkTraining(TrainingSpec t) {
        oneOf(t.optimizer(), Set.of("sgd"), "training.optimizer");
        require(t.learningRate() > 0 && Double.isFinite(t.learningRate()), "training.learning_rate",
                "must be > 0, got " + t.learningRate());
        require(t.batchSize() >= 1, "training.batch_size", "must be >= 1, got " + t.batchSize());
        require(t.epochs() >= 1, "training.epochs", "must be >= 1, got " + t.epochs());
        required(t.schedule().type(), Schedule.class, "training.schedule.type");
        switch (t.schedule().type() == null ? Schedule.CONSTANT : t.schedule().type()) {
            case EXPONENTIAL -> require(t.schedule().gamma() != null && t.schedule().gamma() > 0 && t.schedule().gamma() <= 1,
                    "training.schedule.gamma", "must be in (0, 1]");
            case STEP -> {
                require(t.schedule().firstDrop() != null && t.schedule().firstDrop() >= 1, "training.schedule.first_drop", "must be >= 1");
                require(t.schedule().every() != null && t.schedule().every() >= 1, "training.schedule.every", "must be >= 1");
                require(t.schedule().factor() != null && t.schedule().factor() > 0 && t.schedule().factor() <= 1,
                        "training.schedule.factor", "must be in (0, 1]");
            }
            case CONSTANT -> {
            }
        }
        require(t.l2().lambda() >= 0 && Double.isFinite(t.l2().lambda()), "training.l2.lambda", "must be >= 0, got " + t.l2().lambda());
        for (int i = 0; i < t.augment().size(); i++) {
            AugmentSpec a = t.augment().get(i);
            String key = "training.augment[" + i + "]";
            required(a.type(), Augmentation.class, key + ".type");
            if (a.type() == null) {
                continue;
            }
            switch (a.type()) {
                case FLIP -> require(a.p() != null && a.p() >= 0 && a.p() <= 1, key + ".p", "must be in [0, 1]");
                case GAUSSIAN -> require(a.std() != null && a.std() > 0, key + ".std", "must be > 0");
                case SALT_PEPPER -> require(a.fraction() != null && a.fraction() > 0 && a.fraction() < 1,
                        key + ".fraction", "must be in (0, 1)");
            }
        }
        if (t.earlyStopping() != null) {
            require(t.earlyStopping().patience() >= 1, "training.early_stopping.patience", "must be >= 1");
            require(t.earlyStopping().checksPerEpoch() >= 1, "training.early_stopping.checks_per_epoch", "must be >= 1");
        }
    }

    private void checkGradCheck(GradCheckSpec g) {
        if (g == null) {
            problems.add("gradcheck: is required for kind 'gradcheck'");
            return;
        }
        require(g.examples() >= 1, "gradcheck.examples", "must be >= 1");
        require(g.initStd() > 0, "gradcheck.init_std", "must be > 0");
        require(g.h() > 0 && g.h() < 1, "gradcheck.h", "must be in (0, 1)");
        require(g.lambda() >= 0, "gradcheck.lambda", "must be >= 0");
        require(g.maxAbsDiff() > 0, "gradcheck.max_abs_diff", "must be > 0");
    }

    private void oneOf(String value, Set<String> allowed, String key) {
        require(value != null && allowed.contains(value), key,
                (value == null ? "is required" : "unknown value '" + value + "'") + "; expected one of " + new java.util.TreeSet<>(allowed));
    }

    /** A spec enum's value (Jackson refused any other) must be given. */
    private void required(Enum<?> value, Class<?> type, String key) {
        require(value != null, key, "is required; expected one of " + SpecNames.all(type));
    }

    private void require(boolean ok, String key, String reason) {
        if (!ok) {
            problems.add(key + ": " + reason);
        }
    }
}
