# repro4j: every target builds what it needs first. 'make help' lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

MVN ?= mvn -B -ntp
# Maven without the backend profile, for targets that pick their own.
MVN_PLAIN := $(MVN)
# BACKEND=cpu (default: nd4j-native) or cuda (Maven profile cuda, nd4j-cuda-11.6); CUDA_REDIST=1 adds the
# JavaCPP CUDA redistributable. Each backend has its own class path file, read by bin/repro.
BACKEND ?= cpu
export BACKEND
comma := ,
ifeq ($(BACKEND),cuda)
  MVN += -Pcuda$(if $(CUDA_REDIST),$(comma)cuda-redist)
  CLASSPATH_FILE := target/classpath-cuda.txt
else ifeq ($(BACKEND),cpu)
  CLASSPATH_FILE := target/classpath.txt
else
  $(error BACKEND=$(BACKEND) is not a backend: use cpu (the default) or cuda)
endif
# EXECUTOR=spark MASTER=URL trains the trials of run targets on a Spark cluster, with the Spark build (Maven profile
# spark, built into target/spark so the default build never holds Spark's jars).
EXECUTOR ?= local
# bin/repro runs the Spark build's classes when EXECUTOR=spark (every command of a target, pages included).
export EXECUTOR
SPARK_MVN := $(MVN_PLAIN) -Pcpu,spark -Drepro.build.dir=$(CURDIR)/target/spark
ifeq ($(EXECUTOR),spark)
  ifneq ($(BACKEND),cpu)
    $(error EXECUTOR=spark runs the CPU backend; leave BACKEND unset)
  endif
  MVN := $(SPARK_MVN)
  CLASSPATH_FILE := target/spark/classpath-spark.txt
else ifneq ($(EXECUTOR),local)
  $(error EXECUTOR=$(EXECUTOR) is not an executor: use local (the default) or spark)
endif
DATA_DIR ?= $(CURDIR)/data
export DATA_DIR
# The native settings of bin/env.sh (OpenBLAS core type, one OpenMP thread) for Maven's JVMs too.
ENV := . bin/env.sh &&
# FORCE=1 trains every trial afresh instead of taking it from this machine's trial store (target/trials);
# AGAINST=DIR|REV compares the run with other results than the published ones (HEAD:results/).
RUN := bin/repro run $(if $(QUICK),--quick) $(if $(SEEDS),--seeds $(SEEDS)) $(if $(FORCE),--no-cache) $(if $(JOBS),--jobs $(JOBS)) \
	$(if $(AGAINST),--against $(AGAINST)) $(if $(filter spark,$(EXECUTOR)),--executor spark --master '$(MASTER)')

# One target per experiment spec.
EXPERIMENTS := $(sort $(basename $(notdir $(wildcard experiments/*.yaml))))
SEARCHES := $(sort $(wildcard experiments/search/*.yaml))
SOURCES := $(shell find src/main $(if $(filter spark,$(EXECUTOR)),src/spark) -type f) pom.xml

.PHONY: help build data test test-spark verify test-full list reproduce pages reproduce-dd2424 verify-dd2424 reproduce-vu reproduce-tdt4265 \
	search study status backend cuda-check cuda-compile bench clean spark-app $(EXPERIMENTS)

help: ## This list
	@grep -hE '^[a-z][a-zA-Z0-9_-]*:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 22
	@echo "Experiments (make <id>, QUICK=1 for a smoke run, SEEDS=n for more seeds):"
	@for e in $(EXPERIMENTS); do echo "  $$e"; done

build: $(CLASSPATH_FILE) ## Compile and resolve dependencies (Maven); BACKEND=cuda for the GPU

$(CLASSPATH_FILE): $(SOURCES) | $(if $(filter cuda,$(BACKEND)),cuda-check)
	$(MVN) -q package -DskipTests
	@touch $@

# Before Maven fetches the CUDA jars: is there a GPU, a driver, CUDA 11 and a supported compute capability?
# Only the JDK is needed, so this runs on a fresh checkout and fails fast with what is missing.
cuda-check: ## Check this machine for the CUDA backend (run by every BACKEND=cuda build)
	@mkdir -p target/backend-check
	@javac -d target/backend-check -sourcepath src/main/java src/main/java/org/repro4j/backend/BackendCheck.java
	@java -cp target/backend-check org.repro4j.backend.BackendCheck $(if $(CUDA_REDIST),--redist)

# The CUDA build's class path without its natives (profile cuda-classes: class jars of a few MB, no GPU needed), into
# target/cuda-compile so the CPU build's classes are untouched. Fails if src/main or the tests use CPU-only classes
# such as OpenBLAS's; those belong in src/cpu/java, which only the CPU build compiles.
cuda-compile: ## Compile src/main and the tests as the CUDA build does (no GPU or natives needed; run by make test)
	$(MVN_PLAIN) -q -Pcuda-classes -Drepro.build.dir=$(CURDIR)/target/cuda-compile test-compile

backend: build ## Show the ND4J backend, device and BLAS this build runs on
	bin/repro backend

data: build ## Fetch MNIST and CIFAR-10 into $(DATA_DIR) (or copy from DATA_MIRROR), MD5-checked
	bin/repro data --data-dir "$(DATA_DIR)"

test: data cuda-compile ## Run the test suite (short budget; needs the data), after compiling the CUDA build
	$(ENV) $(MVN) test

# The application jar for spark-submit: this project, DL4J, ND4J and its Linux x86-64 natives, without Spark (README,
# "On a Spark cluster"). It also runs alone: java -jar target/spark/repro4j-spark-app.jar run ID.
APP_JAR := target/spark/repro4j-spark-app.jar
spark-app: $(APP_JAR) ## Build the application jar for spark-submit, target/spark/repro4j-spark-app.jar (about 160 MB)

$(APP_JAR): $(shell find src/main src/cpu src/spark -type f) pom.xml
	$(SPARK_MVN) -Pspark-app -q package -DskipTests
	@touch $@

# A Spark standalone cluster on 127.0.0.1 (a master and a worker JVM from the Maven jars), a QUICK multi-seed experiment
# trained on it and compared with the local executor; everything it starts is stopped by process id.
test-spark: data spark-app ## Build the Spark executor (about 180 MB of jars) and test it on a local standalone cluster
	$(ENV) $(SPARK_MVN) test -Dtest.groups=spark -Dtest.excludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false \
		"-Dtest.jvm.extra=$$SPARK_JAVA_OPTS"

# Full (not QUICK) runs of a few short experiments with bands, with their specs' seeds, into a folder of their own:
# never results/, never results from before (the folder is emptied, --no-cache makes every run train),
# then every banded measure against its band. --strict: a note in the spec does not excuse a value outside its band
# (several notes only say how the band was chosen); every measure here is inside its band. Fails on such a value or
# on missing results. Three trainings (MNIST logistic regression with early stopping, the VU MLP, the four DD2424
# softmax settings x 3 seeds), the full-size gradient check, the VU derivatives and the TDT4265 softmax regression.
VERIFY_IDS := tdt-t2-logistic vu-e1 dd2424-hagglund-ce dd2424-gradcheck vu-q3 tdt-t3-softmax
VERIFY_RESULTS := target/verify-results
verify: data ## Full runs of six short experiments into target/verify-results; every band checked, strictly (~2-3 min)
	rm -rf $(VERIFY_RESULTS)
	bin/repro run --no-cache --results $(VERIFY_RESULTS) $(VERIFY_IDS)
	bin/repro check --strict --results $(VERIFY_RESULTS) $(VERIFY_IDS)

test-full: data ## Long tests: gradient check at full size, data split sizes, iterator and benchmark smoke runs ("full" tag)
	$(ENV) $(MVN) test -Dtest.groups=full -Dtest.excludedGroups=none

list: build ## List the experiments
	@bin/repro list

# A run that ends unverified (exit 1: a measure drifted, or outside its band unexplained) still gets its report
# pages; the target then fails with the run's status.
reproduce: data ## Run every experiment into results/, verify it against the published results, write the pages
	status=0; $(RUN) $(EXPERIMENTS) || status=$$?; bin/repro page && exit $$status

# The seed study: each experiment that trains and has numbers of its report, over its spec's study seeds (else 20),
# every reported number judged against the spread of those runs (results/study/), then the report pages, which show
# the verdicts. Trials make reproduce trained come from the trial store. Fails when a number is outside, unexplained.
study: data ## The seed study: many seeds per experiment, every reported number judged (results/study/, ~30 min)
	status=0; bin/repro study $(if $(SEEDS),--seeds $(SEEDS)) $(if $(FORCE),--no-cache) $(if $(JOBS),--jobs $(JOBS)) \
		$(if $(filter spark,$(EXECUTOR)),--executor spark --master '$(MASTER)') $(IDS) || status=$$?; bin/repro page && exit $$status

status: build ## Are the results current for today's specs and code, and what would make reproduce train here? (exit 1: stale)
	bin/repro status

pages: build ## Rewrite the report pages results/<report>.md from the experiments' results
	bin/repro page

DD2424 := $(filter dd2424-%,$(EXPERIMENTS))
reproduce-dd2424: data ## Run and verify every DD2424 experiment, then the three DD2424 report pages
	status=0; $(RUN) $(DD2424) || status=$$?; bin/repro page dd2424-abadi dd2424-bonus dd2424-hagglund && exit $$status

verify-dd2424: build ## Fail if a DD2424 result is outside its band without an explanation in its spec
	bin/repro check dd2424-

bench: data ## Time training steps and epochs (fit vs lean, NumPy, floor), and the whole suite against its floor, into results/bench.md
	bin/repro bench

# Trainings that several ids share (e.g. vu-e1 is a seed of vu-e2) are trained once: the trial store (target/trials).
VU := $(filter vu-%,$(EXPERIMENTS))
reproduce-vu: data ## Run and verify every VU Deep Learning experiment, then results/vu-dl.md
	status=0; $(RUN) $(VU) || status=$$?; bin/repro page vu-dl && exit $$status

TDT4265 := $(filter tdt-%,$(EXPERIMENTS))
reproduce-tdt4265: data ## Run and verify every TDT4265 experiment, then results/tdt4265.md
	status=0; $(RUN) $(TDT4265) || status=$$?; bin/repro page tdt4265 && exit $$status

$(EXPERIMENTS): data
	$(RUN) $@

search: data ## Hyperparameter searches: SPEC=experiments/search/<name>.yaml (default: all), QUICK=1, FRESH=1
	bin/repro search $(if $(QUICK),--quick) $(if $(FRESH),--fresh) $(if $(filter spark,$(EXECUTOR)),--executor spark --master '$(MASTER)') \
		$(or $(SPEC),$(SEARCHES))

clean: ## Remove build output (keeps data/ and results/)
	$(MVN) -q clean
