package org.repro4j.spec;

import org.repro4j.spec.NetworkSpec.LayerSpec;
import org.repro4j.spec.TrainingSpec.AugmentSpec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Semantic checks on a bound spec; each problem names its key and the reason. */
final class SpecValidator {
    static final Set<String> KINDS = Set.of("train", "gradcheck", "derivatives");
    static final Set<String> PROTOCOLS = Set.of("cifar-b1", "cifar-all-5k", "cifar-all-1k",
            "mnist-vu", "mnist-vu-final", "mnist-tdt", "synthetic-ellipse");
    static final Set<String> ACTIVATIONS = Set.of("identity", "sigmoid", "softmax", "relu", "tanh");
    static final Set<String> LOSSES = Set.of("mcxent", "xent", "mbce", "svm", "mse");
    static final Set<String> INITS = Set.of("normal", "zeros", "xavier");
    static final Set<String> SCHEDULES = Set.of("constant", "exponential", "step");
    static final Set<String> L2_CONVENTIONS = Set.of("sum-w2", "half-sum-w2");
    static final Set<String> AUGMENTS = Set.of("flip", "gaussian", "salt-pepper");
    static final Set<String> SPLITS = Set.of("train", "val", "test");
    static final Set<String> FIGURES = Set.of("curves", "weights", "losses", "true-class-histogram",
            "running-loss", "seed-band", "runs-accuracy", "weight-norm");
    static final Set<String> ENGINES = Set.of("fit", "lean");

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
        oneOf(s.kind(), KINDS, "kind");
        if (s.data() == null) {
            // The derivatives kind computes on its own example.
            require("derivatives".equals(s.kind()), "data", "is required");
        } else {
            oneOf(s.data().protocol(), PROTOCOLS, "data.protocol");
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
        if ("train".equals(s.kind())) {
            if (s.training() == null) {
                problems.add("training: is required for kind 'train'");
            } else {
                checkTraining(s.training());
            }
        }
        if ("gradcheck".equals(s.kind())) {
            checkGradCheck(s.gradCheck());
        }
        if ("derivatives".equals(s.kind())) {
            problems.addAll(DerivativesValidator.validate(s.derivatives(), s.network()));
        }
        require(!s.seeds().isEmpty(), "seeds", "must list at least one seed");
        Set<String> names = new HashSet<>();
        for (int i = 0; i < s.runs().size(); i++) {
            String name = s.runs().get(i).name();
            require(name != null && !name.isBlank(), "runs[" + i + "].name", "is required");
            require(name == null || names.add(name), "runs[" + i + "].name", "'" + name + "' is used twice");
        }
        for (String split : s.measure().splits()) {
            oneOf(split, SPLITS, "measure.splits");
        }
        if (s.measure().everySteps() != null) {
            require(s.measure().everySteps() >= 1, "measure.every_steps", "must be >= 1");
        }
        String running = s.measure().runningLoss();
        if (running != null) {
            require(running.equals(MeasureSpec.PER_EPOCH) || running.matches("[1-9][0-9]{0,8}"), "measure.running_loss",
                    "must be 'epoch' or a number of steps >= 1, got '" + running + "'");
        }
        for (String f : s.figures()) {
            oneOf(f, FIGURES, "figures");
        }
        problems.addAll(referenceProblems(s.reference()));
    }

    /** What is wrong with a {@code reference:} section (bands, headline), as "key: reason"; shared with search specs. */
    static List<String> referenceProblems(ReferenceSpec reference) {
        List<String> out = new ArrayList<>();
        reference.measures().forEach((key, value) -> {
            if (value.band() != null && !(value.band().size() == 2 && value.band().get(0) <= value.band().get(1))) {
                out.add("reference.measures." + key + ".band: must be [lo, hi] with lo <= hi");
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
            oneOf(n.weightInit().distribution(), INITS, "network.weight_init.distribution");
            if ("normal".equals(n.weightInit().distribution())) {
                require(n.weightInit().std() != null && n.weightInit().std() > 0, "network.weight_init.std",
                        "must be > 0 for a normal distribution");
            }
        }
        require(!n.layers().isEmpty(), "network.layers", "must list at least the output layer");
        for (int i = 0; i < n.layers().size(); i++) {
            LayerSpec l = n.layers().get(i);
            String key = "network.layers[" + i + "]";
            boolean last = i == n.layers().size() - 1;
            oneOf(l.type(), last ? Set.of("output") : Set.of("dense"), key + ".type");
            require(l.units() >= 1, key + ".units", "must be >= 1, got " + l.units());
            oneOf(l.activation(), ACTIVATIONS, key + ".activation");
            if (last) {
                oneOf(l.loss(), LOSSES, key + ".loss");
            } else {
                require(l.loss() == null, key + ".loss", "only the output layer has a loss");
            }
        }
    }

    private void checkTraining(TrainingSpec t) {
        oneOf(t.optimizer(), Set.of("sgd"), "training.optimizer");
        oneOf(t.engine(), ENGINES, "training.engine");
        require(t.learningRate() > 0 && Double.isFinite(t.learningRate()), "training.learning_rate",
                "must be > 0, got " + t.learningRate());
        require(t.batchSize() >= 1, "training.batch_size", "must be >= 1, got " + t.batchSize());
        require(t.epochs() >= 1, "training.epochs", "must be >= 1, got " + t.epochs());
        oneOf(t.schedule().type(), SCHEDULES, "training.schedule.type");
        switch (String.valueOf(t.schedule().type())) {
            case "exponential" -> require(t.schedule().gamma() != null && t.schedule().gamma() > 0 && t.schedule().gamma() <= 1,
                    "training.schedule.gamma", "must be in (0, 1]");
            case "step" -> {
                require(t.schedule().firstDrop() != null && t.schedule().firstDrop() >= 1, "training.schedule.first_drop", "must be >= 1");
                require(t.schedule().every() != null && t.schedule().every() >= 1, "training.schedule.every", "must be >= 1");
                require(t.schedule().factor() != null && t.schedule().factor() > 0 && t.schedule().factor() <= 1,
                        "training.schedule.factor", "must be in (0, 1]");
            }
            default -> {
            }
        }
        require(t.l2().lambda() >= 0 && Double.isFinite(t.l2().lambda()), "training.l2.lambda", "must be >= 0, got " + t.l2().lambda());
        oneOf(t.l2().convention(), L2_CONVENTIONS, "training.l2.convention");
        for (int i = 0; i < t.augment().size(); i++) {
            AugmentSpec a = t.augment().get(i);
            String key = "training.augment[" + i + "]";
            oneOf(a.type(), AUGMENTS, key + ".type");
            switch (String.valueOf(a.type())) {
                case "flip" -> require(a.p() != null && a.p() >= 0 && a.p() <= 1, key + ".p", "must be in [0, 1]");
                case "gaussian" -> require(a.std() != null && a.std() > 0, key + ".std", "must be > 0");
                case "salt-pepper" -> require(a.fraction() != null && a.fraction() > 0 && a.fraction() < 1,
                        key + ".fraction", "must be in (0, 1)");
                default -> {
                }
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

    private void require(boolean ok, String key, String reason) {
        if (!ok) {
            problems.add(key + ": " + reason);
        }
    }
}
