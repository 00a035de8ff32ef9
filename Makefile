# repro4j: every target builds what it needs first. 'make help' lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

MVN ?= mvn -B -ntp
DATA_DIR ?= $(CURDIR)/data
export DATA_DIR
# The native settings of bin/env.sh (OpenBLAS core type, one OpenMP thread) for Maven's JVMs too.
ENV := . bin/env.sh &&
RUN := bin/repro run $(if $(QUICK),--quick) $(if $(SEEDS),--seeds $(SEEDS)) $(if $(FORCE),--force)

# One target per experiment spec.
EXPERIMENTS := $(sort $(basename $(notdir $(wildcard experiments/*.yaml))))
SOURCES := $(shell find src/main -type f) pom.xml

.PHONY: help build data test verify list reproduce pages reproduce-dd2424 verify-dd2424 reproduce-vu reproduce-tdt4265 clean $(EXPERIMENTS)

help: ## This list
	@grep -hE '^[a-z][a-zA-Z0-9_-]*:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 22
	@echo "Experiments (make <id>, QUICK=1 for a smoke run, SEEDS=n for more seeds):"
	@for e in $(EXPERIMENTS); do echo "  $$e"; done

build: target/classpath.txt ## Compile and resolve dependencies (Maven)

target/classpath.txt: $(SOURCES)
	$(MVN) -q package -DskipTests
	@touch $@

data: build ## Fetch MNIST and CIFAR-10 into $(DATA_DIR) (or copy from DATA_MIRROR), MD5-checked
	bin/repro data --data-dir "$(DATA_DIR)"

test: data ## Run the test suite (short budget; needs the data)
	$(ENV) $(MVN) test

verify: data ## Full-accuracy checks (long; tests tagged "full")
	$(ENV) $(MVN) test -Dtest.groups=full -Dtest.excludedGroups=none

list: build ## List the experiments
	@bin/repro list

reproduce: data ## Run every experiment into results/, then the report pages
	$(RUN) $(EXPERIMENTS)
	bin/repro page

pages: build ## Rewrite the report pages results/<report>.md from the experiments' results
	bin/repro page

DD2424 := $(filter dd2424-%,$(EXPERIMENTS))
reproduce-dd2424: data ## Run every DD2424 experiment, then the three DD2424 report pages
	$(RUN) $(DD2424)
	bin/repro page dd2424-abadi dd2424-bonus dd2424-hagglund

verify-dd2424: build ## Fail if a DD2424 result is outside its band without an explanation in its spec
	bin/repro check dd2424-

# Trainings that several ids share (e.g. vu-e1 is a seed of vu-e2) are trained once: the run cache.
VU := $(filter vu-%,$(EXPERIMENTS))
reproduce-vu: data ## Run every VU Deep Learning experiment, then results/vu-dl.md
	$(RUN) $(VU)
	bin/repro page vu-dl

TDT4265 := $(filter tdt-%,$(EXPERIMENTS))
reproduce-tdt4265: data ## Run every TDT4265 experiment, then results/tdt4265.md
	$(RUN) $(TDT4265)
	bin/repro page tdt4265

$(EXPERIMENTS): data
	$(RUN) $@

clean: ## Remove build output (keeps data/ and results/)
	$(MVN) -q clean
