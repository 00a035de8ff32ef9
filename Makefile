# repro4j: every target builds what it needs first. 'make help' lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

MVN ?= mvn -B -ntp
DATA_DIR ?= $(CURDIR)/data
export DATA_DIR
# The native settings of bin/env.sh (OpenBLAS core type, one OpenMP thread) for Maven's JVMs too.
ENV := . bin/env.sh &&
RUN := bin/repro run $(if $(QUICK),--quick) $(if $(SEEDS),--seeds $(SEEDS))

# One target per experiment spec.
EXPERIMENTS := $(sort $(basename $(notdir $(wildcard experiments/*.yaml))))
SOURCES := $(shell find src/main -type f) pom.xml

.PHONY: help build data test verify list reproduce bench clean $(EXPERIMENTS)

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

reproduce: data ## Run every experiment into results/
	$(RUN) $(EXPERIMENTS)

bench: data ## Time training steps and epochs (fit vs lean, NumPy, floor) into results/bench.md
	bin/repro bench

$(EXPERIMENTS): data
	$(RUN) $@

clean: ## Remove build output (keeps data/ and results/)
	$(MVN) -q clean
