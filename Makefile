# cultivate: `make run` to serve on http://127.0.0.1:8080, `make test` to run every test.
SHELL := /bin/bash
RELEASE := build/release
TESTBUILD := build/test
DB ?= cultivate.db
PORT ?= 8080
JOBS ?= $(shell nproc)

.PHONY: all run test deps deps-test build build-test migrate check-content unit e2e bench clean format

all: build

deps:
	@scripts/deps run

deps-test:
	@scripts/deps test

$(RELEASE)/build.ninja: CMakeLists.txt
	cmake -S . -B $(RELEASE) -G Ninja -DCMAKE_BUILD_TYPE=Release -DCULTIVATE_TESTS=OFF

build: deps $(RELEASE)/build.ninja
	cmake --build $(RELEASE) -j $(JOBS)

migrate: build
	$(RELEASE)/cultivate migrate --db $(DB)

check-content: build
	$(RELEASE)/cultivate check-content --content-dir .

run: build check-content migrate
	$(RELEASE)/cultivate seed-demo --db $(DB) --content-dir .
	$(RELEASE)/cultivate serve --db $(DB) --port $(PORT) --content-dir .

$(TESTBUILD)/build.ninja: CMakeLists.txt
	cmake -S . -B $(TESTBUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCULTIVATE_SANITIZE=ON -DCULTIVATE_TESTS=ON

build-test: deps-test $(TESTBUILD)/build.ninja
	cmake --build $(TESTBUILD) -j $(JOBS)

# Unit, store and HTTP tests (one GoogleTest binary, built with ASan and UBSan).
unit: build-test
	$(TESTBUILD)/cultivate check-content --content-dir .
	cd $(TESTBUILD) && ctest --output-on-failure -j $(JOBS) --timeout 300

# Browser tests against the release build.
e2e: build
	scripts/e2e

test: unit e2e

bench: build
	scripts/deps bench
	bench/run

format:
	clang-format -i $$(git ls-files 'src/*.cc' 'src/*.h' 'bench/*.cc')

clean:
	rm -rf build
