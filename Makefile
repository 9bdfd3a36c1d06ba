# Build of the Lambda artifacts for `sam build` (every function has CodeUri . and Metadata BuildMethod makefile).
#
#   .venv/bin/sam build --build-in-source          (samconfig.toml sets build_in_source, so `sam build` does too)
#
# SAM runs `make build-<LogicalId>` once per function with ARTIFACTS_DIR=<build dir>/<LogicalId>.
# SAM's own Maven builder cannot build one module of a multi-module reactor (it copies CodeUri alone to a scratch
# dir), and without --build-in-source the makefile workflow copies the whole checkout (.venv included) per
# function. So: the first target builds the reactor once, the others reuse it (a stamp in the build dir, under a
# lock for `sam build --parallel`), and each target copies its module's classes to the artifact root and the
# module's runtime jars to lib/ (the Java runtime puts both on the classpath).
#
# EVENTFLOW_REACTOR_DIR=/some/dir builds a staged copy of the sources there instead of the checkout itself
# (keeps target/ dirs of a busy checkout untouched; template-checks' SamBuildIT uses it).
# Needs JAVA_HOME = a JDK >= 21 (or such a `java` on PATH) and mvn.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
MVN ?= mvn
# Packaging only: style (spotless, Checkstyle) is checked by the project's own build, and a staged reactor
# (EVENTFLOW_REACTOR_DIR) has no config/ for it.
MVN_FLAGS ?= -B -q -ntp -Dcheckstyle.skip -Dspotless.check.skip=true
SAM ?= $(ROOT)/.venv/bin/sam
JAVA := $(if $(JAVA_HOME),$(JAVA_HOME)/bin/java,java)
REACTOR_DIR := $(if $(EVENTFLOW_REACTOR_DIR),$(abspath $(EVENTFLOW_REACTOR_DIR)),$(ROOT))

# Logical id (template.yaml) -> Maven module, as in docs/ARCHITECTURE.md and template Metadata Eventflow.Modules.
MODULE_OrderApiFunction    := functions/order-api
MODULE_EventRelayFunction  := functions/event-relay
MODULE_ProjectorFunction   := functions/projector
MODULE_ProjectorRepairFunction := functions/projector
MODULE_InventoryFunction   := functions/inventory
MODULE_PaymentFunction     := functions/payment
MODULE_OrderSagaFunction   := functions/order-saga
MODULE_ShippingFunction    := functions/shipping
MODULE_NotifierFunction    := functions/notifier
MODULE_EmailSenderFunction := functions/email-sender
MODULE_SmsSenderFunction   := functions/sms-sender
MODULE_ReplayFunction      := functions/replay
MODULE_DlqRedriveFunction  := functions/dlq-redrive
FUNCTIONS := OrderApiFunction EventRelayFunction ProjectorFunction ProjectorRepairFunction InventoryFunction PaymentFunction \
             OrderSagaFunction ShippingFunction NotifierFunction EmailSenderFunction SmsSenderFunction \
             ReplayFunction DlqRedriveFunction
# One entry per module (ProjectorFunction and ProjectorRepairFunction share functions/projector).
MODULES := $(sort $(foreach f,$(FUNCTIONS),$(MODULE_$(f))))
comma := ,
empty :=
space := $(empty) $(empty)

# One reactor build per `sam build` run: SAM starts from an empty build dir, the parent of every ARTIFACTS_DIR.
BUILD_DIR = $(abspath $(ARTIFACTS_DIR)/..)
STAMP = $(BUILD_DIR)/.eventflow-reactor.stamp

.PHONY: help sam-build check-java check-artifacts-dir reactor $(addprefix build-,$(FUNCTIONS))

help:
	@echo "make sam-build            -> $(SAM) build --build-in-source (all functions)"
	@echo "make build-<LogicalId>    -> what sam build runs per function (needs ARTIFACTS_DIR)"
	@echo "functions: $(FUNCTIONS)"

sam-build:
	$(SAM) build --build-in-source --template-file $(ROOT)/template.yaml

check-java:
	@v=$$("$(JAVA)" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' || true); \
	if [[ ! "$$v" =~ ^[0-9]+$$ ]] || (( v < 21 )); then \
	  echo "eventflow build: needs a JDK >= 21, found '$${v:-none}' at $(JAVA). Set JAVA_HOME to a JDK 21+." >&2; \
	  exit 1; \
	fi

check-artifacts-dir:
	@if [[ -z "$(ARTIFACTS_DIR)" || "$(BUILD_DIR)" == "/" ]]; then \
	  echo "eventflow build: ARTIFACTS_DIR is not set (sam build sets it; by hand: make build-X ARTIFACTS_DIR=/tmp/b/X)" >&2; \
	  exit 1; \
	fi

# flock: with `sam build --parallel` the first target builds, the others wait and then find the stamp.
reactor: check-java check-artifacts-dir
	@mkdir -p "$(BUILD_DIR)"
	@flock "$(STAMP).lock" $(MAKE) --no-print-directory -f "$(ROOT)/Makefile" "$(STAMP)"

$(STAMP):
	@echo "eventflow build: Maven reactor in $(REACTOR_DIR) ($(words $(MODULES)) function modules + what they need)"
ifneq ($(REACTOR_DIR),$(ROOT))
	@mkdir -p "$(REACTOR_DIR)"
	@tar -C "$(ROOT)" --exclude=target --exclude=.venv --exclude=.git --exclude=.aws-sam -cf - pom.xml functions infrastructure \
	  | tar -C "$(REACTOR_DIR)" -xf -
endif
	@# stale jars from an earlier build must not end up in lib/
	@rm -rf $(foreach m,$(MODULES),"$(REACTOR_DIR)/$(m)/target/dependency")
	cd "$(REACTOR_DIR)" && $(MVN) $(MVN_FLAGS) -DskipTests -pl $(subst $(space),$(comma),$(MODULES)) -am \
	  package dependency:copy-dependencies -DincludeScope=runtime
	@touch "$@"

# build-<LogicalId>: classes at the artifact root, runtime dependency jars (eventflow-shared included) in lib/.
define FUNCTION_TARGET
build-$(1): reactor
	@mkdir -p "$$(ARTIFACTS_DIR)/lib"
	cp -R "$(REACTOR_DIR)/$(MODULE_$(1))/target/classes/." "$$(ARTIFACTS_DIR)/"
	cp "$(REACTOR_DIR)/$(MODULE_$(1))/target/dependency/"*.jar "$$(ARTIFACTS_DIR)/lib/"
endef
$(foreach f,$(FUNCTIONS),$(eval $(call FUNCTION_TARGET,$(f))))
