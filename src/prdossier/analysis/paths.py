"""What a path is: its category, its language and a readable module name."""

from __future__ import annotations

import fnmatch
import re
from functools import lru_cache
from pathlib import PurePosixPath

from prdossier.analysis.config import AnalysisConfig
from prdossier.analysis.models import Category

# A test module, or a package's private module of helpers for its tests (`runner/_test_utils.py`).
_TEST_FILE_PREFIXES = ("test_",)
# A private module of the tests' helpers (`_test_utils.py`, `_test_helpers.py`); not one named for
# what the product does with tests (`_test_submitter.py` submits a user's flow test).
_PRIVATE_TEST_HELPERS = re.compile(r"^_test_(utils?|helpers?|common|base|fixtures|cases?|data|tools?)\b")
# A repository's tests kept in one module at its root (`test.py` beside `bench.py` and `setup.py`).
_ROOT_TEST_MODULES = {"test.py", "tests.py"}
# A script that runs the tests, outside their folder, or the CI's steps: `run_tests.py`,
# `run_test.sh`, `run-ci.py`.
_TEST_RUNNER = re.compile(r"^run[-_](tests?|ci)\.(py|sh)$")
# Tests named as Python, Go, C++ and CUDA test runners collect them: `utils_test.go`, `ops_test.cc`;
# the headers such tests share (`accuracy_test.h`).
_TEST_FILE_ENDINGS = ("_test.py", "_tests.py", "_test.go", "_test.cc", "_test.cpp", "_test.cu", "_test.h",
                      "_test.hpp")
# A test class's name: the word `Test` or `Tests` capitalised after another (`FooTest`, `APITest`).
_TEST_CLASS_NAME = re.compile(r"[A-Za-z0-9]Tests?$")
_CLASS_TEST_LANGUAGES = frozenset({"c++", "cuda", "java", "kotlin"})
_IGNORE_FILES = {".gitignore", ".dockerignore", ".gitattributes"}
# The settings of the documentation's site: its pages, their order, its theme and address
# (MkDocs', Quarto's, and nbdev's for the site it renders from the notebooks).
_DOC_SITE_SETTINGS = {"mkdocs.yml", "mkdocs.yaml", "_quarto.yml", "_quarto.yaml", "nbdev.yml", "nbdev.yaml"}
# `androidtest`: an Android module's instrumentation tests (`src/androidTest/`), paths lowered.
_TEST_DIRS = {"test", "tests", "testing", "unittest", "unittests", "autotest", "fixtures", "test_data",
              "test_models", "androidtest"}
# A root folder of quality-assurance suites (`qa/L0_model_config/`, their models and data);
# deeper, `qa/` is as often question answering (`tasks/qa/`).
_ROOT_TEST_DIRS = {"qa"}
# A folder of one kind of tests: `lit_tests/`, `op_tests/`, `tests_gpu/`, `umd-test/` (a hyphen
# names no package; `ab_test/` may be one).
_TESTS_FOLDER = re.compile(r"[_-]tests$|-test$|^tests[_-]")
_BENCH_DIRS = {"bench", "benchmark", "benchmarks", "benches", "profiling", "perf", "performance"}
# Folders named for timing alone, never for a module a test could be about.
_PERF_DIRS = {"perf", "performance", "profiling"}
# `site/`: the project's web site (pages, its 404 page, CNAME), built or hand-written.
_DOC_DIRS = {"doc", "docs", "documentation", "examples", "example", "site"}
# A top folder of the documentation named for how it is built: `docs-sphinx/`, `doc_src/`,
# `sphinx-docs/`.
_DOCS_TOP_FOLDER = re.compile(r"^(docs?[-_](sphinx|src|source|site)|(sphinx|api)[-_]docs?)$")
_EXAMPLES_FOLDER = re.compile(
    r"(^|[_-])(examples?|samples|tutorials?|notebooks|demos?|quickstart|pyplots)$"
    r"|^(examples|samples|tutorials|notebooks|demos?)[_-]")
# A tool of the repository's tooling folder named for benchmarking: `tools/llm_bench/`,
# `tools/who_what_benchmark/`.
_BENCH_TOOL = re.compile(r"[_-](bench|benchmarks?)$")
# The name of a benchmarking or evaluation tool's package: `evalscope`, `lighteval`, `lm_eval`,
# `optimum_benchmark`, `genai_bench`.
_TOOL_PACKAGE = re.compile(r"^(eval|bench)[a-z]|[a-z_](eval|bench|benchmark)$")
_EVALUATION_DIRS = {"eval", "evals", "evaluation", "evaluations"}
# The harness at the root that scores the product on benchmarks (nanoVLM's `evaluation.py`).
_ROOT_EVALUATION_SCRIPTS = {"eval.py", "evaluate.py", "evaluation.py"}
# A benchmark named for what it times: `kernels/attn/h100/h100_bench.py`,
# `flash_attention/attention_benchmark.py`, `llama-bench/llama-bench.cpp` (not a runner of
# benchmarks a benchmarking tool ships, `train/compute/python/pytorch/run_benchmark.py`).
_BENCH_STEM = re.compile(r"^(?!run_)[\w-]+[-_]bench(mark)?$")
# A script outside packages named for the benchmarking it does: `micro_benchmarking_pytorch.py`.
_BENCHMARKING_WORD = re.compile(r"(^|[-_])benchmarking([-_]|$)")
# The settings of a benchmarking tool, named for it: airspeed velocity's `asv.conf.json`.
_BENCHMARK_SETTINGS = {"asv.conf.json"}
# documents (a specification's LaTeX source and its PDF) and images, figures of the documentation
# (a logo, a diagram), or fixtures under a test folder
# `.rd`: an R package's manual pages.
_DOC_SUFFIXES = {".md", ".rst", ".adoc", ".tex", ".pdf", ".ipynb", ".rd",
                 ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"}
_PROSE_SUFFIXES = {".md", ".rst", ".adoc"}
# `CITATION.cff`: how to cite the project.
_DOC_NAMES = {"readme", "changelog", "changes", "license", "authors", "contributing", "notice", "notices",
              "copying", "copyright", "citation"}
# The list of what is left to do, kept in plain text: `TODO.txt`.
_TODO_LISTS = {"todo", "todo.txt"}
# A license named for what it covers, without a suffix: `FFTS_LICENSE`, `LICENSE-APACHE`,
# `THIRD_PARTY_LICENSES`.
_LICENSE_NAME = re.compile(r"^(\w+[-_])?licen[cs]es?([-_]\w+)?$")
# Where CI services read their pipelines from.
_CI_DIRS = {".github", ".gitlab", ".circleci", ".buildkite", ".azure-pipelines", ".azure_pipelines",
            ".azuredevops", ".azure", ".pipelines", ".jenkins"}
# A folder of the scripts CI builds and checks the product with, wherever it sits: `tests/ci_build/`.
_CI_FOLDER = re.compile(r"^ci[_-](build|scripts?|tools?)$")
# Folders of what CI runs, named for it alone (`continuous_integration/scripts/test_report.py`).
_CI_SCRIPT_DIRS = {".ci", "ci", "continuous_integration"}
# `cmake/`: the build's modules, presets and patches.
_INFRA_DIRS = _CI_DIRS | _CI_SCRIPT_DIRS | {"docker", ".devcontainer", "cmake"}
_PACKAGING_DIRS = {"debian"}
# Folders of the repository's own tooling at its root; inside a package (`trl/scripts/`) the
# same names hold commands the package ships. `pipelines/`, `buildlib/`: the CI's pipelines and
# the scripts they run; `helm/`: the Helm charts that deploy it.
_ROOT_INFRA_DIRS = {"scripts", "script", "tools", "release", "infra", "deploy", "install", "pipelines",
                    "buildlib", "helm"}
# A root folder of scripts named for what they serve: `ci_scripts/`, `ts_scripts/`, `.dev_scripts/`;
# or of what the build uses: `build_tools/`, `build_deps/`, `build-support/`.
_SCRIPTS_FOLDER = re.compile(r"[_-]scripts$|^build[_-]")
# Root folders of scripts and tools alone, whose settings files are what the scripts run with.
_SCRIPT_DIRS = {"scripts", "script", "tools"}
# What a Python script in such a folder does when it is what users run the product through
# (`scripts/train_eagle3_online.py`, `scripts/convert_checkpoint.py`,
# `deploy/llava/run_static_predict.py`), not the repository's own tooling (`scripts/update_version.py`).
_PRODUCT_SCRIPTS = ("train", "finetune", "fine_tune", "prepare", "convert", "export", "eval", "infer",
                    "predict", "serve", "quantize", "quant", "calibrate", "checkpoint", "ckpt",
                    # a model's files in transformers' layout, which users load as remote code
                    "modeling_", "configuration_", "tokenization_")
# What such a script is, named for what it does: `tensorflow_converter.py`, `onnx_exporter.py`.
_PRODUCT_TOOLS = {"converter", "exporter", "trainer", "quantizer", "calibrator"}
# Scripts named for how users reach the product: its web UI (`tools/webui.py`), its text
# generation (`tools/llama/generate.py`; `generate_*.py` scripts make code for the build).
_PRODUCT_FRONT_ENDS = {"webui", "web_ui", "web_demo", "generate"}
# Scripts at the root, or beside `python/setup.py` in the folder that builds the wheel, that
# install, build or generate for the build: `install_dev.py`, `setup_cuda.py`, `gen_version.py`;
# and invoke's `tasks.py`. So is a part of the setup (`pre_setup.py`, `python/cython_setup.py`).
_ROOT_INFRA_SCRIPTS = ("install", "setup", "build", "gen_", "generate_", "tasks.")
# But for a generator of what users ask the product for (`gen_img_diffusers.py`, `generate_lora.py`).
_GENERATES_CONTENT = re.compile(
    r"^gen(erate)?_(img|images?|text|samples?|audio|video|speech|lora|captions?)(?=[._])")
# The repository's own scripts that time kernels to pick their settings, or programs that
# profile the product: `tools/tune_gemm_rs.py`, llm.c's `profile_gpt2.cu`; in these languages.
_TUNING_SCRIPTS = ("tune_", "profile_")
_PROGRAM_LANGUAGES = {"python", "c", "c++", "cuda"}
# Folders of the commands a package ships: `kernels/cli/benchmark.py` is the `benchmark` command.
_COMMAND_DIRS = {"cli", "commands"}
# CI pipelines kept at the root: their suffix would make them configuration. What pre-commit
# runs, before each commit and in CI (pre-commit.ci), is one too: the versions it pins are those
# of the tools it runs.
_CI_PIPELINE_NAMES = {".gitlab-ci.yml", "azure-pipelines.yml", ".azure-pipelines.yml", ".travis.yml",
                      "appveyor.yml", ".pre-commit-config.yaml"}
# What a service that acts on pull requests reads, as `.github/` holds it elsewhere: Restyled's,
# Mergify's and pep8speaks' settings at the root.
_PULL_REQUEST_SERVICES = {".restyled.yaml", ".restyled.yml", ".mergify.yml", ".pep8speaks.yml"}
# A GitLab pipeline in parts the main one includes: `.gitlab-ci-gputest.yml`; an Azure pipeline
# named for what it runs on (`azure-pipelines-pr.yml`).
_NAMED_PIPELINE = re.compile(r"^(\.gitlab-ci|\.?azure-pipelines)[-_.][\w.-]*\.ya?ml$")
# Bazel's, Buck's and Meson's build files: `BUILD`, `BUILD.bazel`, `WORKSPACE`, `MODULE.bazel`,
# `TARGETS`, `BUCK`, `meson.build`, `meson_options.txt`.
_BUILD_RULE_NAMES = {"build", "build.bazel", "workspace", "workspace.bazel", "module.bazel", "targets",
                     "buck", "meson.build", "meson_options.txt", "meson.options"}
# `build_backend.py`: a PEP 517 backend kept in the tree (`backend-path`), beside a project's
# own `pyproject.toml` (`addons/torch_c_dlpack_ext/build_backend.py`); `hatch_build.py`: hatch's
# build hook; `setup_package.py`: the extensions an astropy-helpers package's subpackage builds;
# `versioneer.py`: the copy of versioneer that gives the build its version from git's tags.
_INFRA_NAMES = {"makefile", "makefile.am", "configure.ac", "setup.py", "cmakelists.txt", "build.sh",
                "build_backend.py", "hatch_build.py", "setup_package.py", "versioneer.py",
                "noxfile.py", "tox.ini", ".pre-commit-config.yaml", "justfile", "manifest.in", ".gitignore",
                ".dockerignore", ".gitattributes", ".git_archival.txt", ".gitmodules", "codeowners",
                "jenkinsfile",
                "cmakepresets.json", "cmakeuserpresets.json", "install", "configure",
                ".readthedocs.yaml", ".readthedocs.yml", "readthedocs.yaml", "readthedocs.yml"} \
    | _CI_PIPELINE_NAMES | _BUILD_RULE_NAMES | _PULL_REQUEST_SERVICES
# A SLURM batch script (`base_job.slurm`) is a shell script that launches a job; `.bzl` and
# `.bazel` files hold Bazel's build rules and macros.
# `.gradle`: a Gradle build script (`build.gradle`, `settings.gradle`).
# `.pbxproj`, `.xcscheme`: an Xcode project's targets, sources and build settings, and a scheme of it;
# `.spec`: how an RPM package is built (`gdrcopy.spec`); `.bat`, `.cmd`, `.ps1`: Windows' scripts.
_INFRA_SUFFIXES = {".sh", ".bash", ".bat", ".cmd", ".ps1", ".slurm", ".sbatch", ".dockerfile", ".cmake",
                   ".mk", ".nix", ".bzl", ".bazel", ".gradle", ".pbxproj", ".xcscheme", ".spec"}
# A template the build fills in: `libhwy-contrib.pc.in`, `process_libraries.py.in`, the header of
# the build's settings (`config.h.in`); another of C or C++ is judged as the code it becomes
# (`src/base/version.hpp.in`, `main_ops.cc.in`).
_TEMPLATE_SUFFIX = ".in"
# A template of a file named before its suffix, which a script or the build fills in to make
# it: `setup.py.tmpl`, `MLXLoader.cpp.tmpl`, `Dockerfile_tencentyun.template`, `BUILD.mako`.
_NAMED_TEMPLATE = re.compile(r"^(.+\.\w+|dockerfile\w*|build|makefile)\.(tmpl|template|mako|j2|jinja2?)$")
_DOCKER_SETTINGS = re.compile(r"^(docker[-_.]|compose\.)")
# `Config`: a package's build settings and dependencies for Amazon's build system.
# `DESCRIPTION`: an R package's name, version and what it depends on.
_CONFIG_NAMES = {"pyproject.toml", "setup.cfg", "pipfile", "environment.yml", "uv.lock",
                 "poetry.lock", "constraints.txt", ".python-version", "config", "description"}
_CONFIG_SUFFIXES = {".toml", ".yaml", ".yml", ".ini", ".cfg", ".json", ".conf", ".lock", ".env",
                    ".properties"}
# What a Java logging framework reads its settings from: `log4j2.xml`, `logback-spring.xml`.
_LOGGING_SETTINGS = re.compile(r"^(log4j2?|logback)([-_.][\w-]+)?\.xml$")
# Formats written for settings: a `.json` beside an example is as often its data.
SETTINGS_SUFFIXES = {".toml", ".yaml", ".yml", ".ini", ".cfg"}
# A word of a JSON file's name, or a folder, that says it holds settings.
_SETTINGS_WORD = re.compile(r"(^|[._-])(config|configs|conf|settings)([._-]|$)")
_SETTINGS_FOLDERS = {"config", "configs", "conf", "settings"}
# A file that holds a version or a commit to use: `VERSION`, `version.txt`, `VERSION_NUMBER`,
# `VERSION_INFO`, `vllm_lkg.version`.
VERSION_FILE = re.compile(r"(^|[._-])version(_number|_info)?(\.txt)?$", re.IGNORECASE)
# A file that holds the commit or tag of a dependency to build or test with: `tensile_tag.txt`,
# `.onnxrt-commit`.
_PIN_FILE = re.compile(r"[._-](tag|commit)(\.txt)?$")
_SOURCE_ROOTS = {"src", "python", "lib"}
# Where a Maven or Gradle source set keeps its Java or Kotlin packages: `src/main/java/`,
# `src/test/kotlin/`.
_JVM_SOURCE_SET = re.compile(r"(?:^|/)src/\w+/(?:java|kotlin)/")
_WORD_BREAK = re.compile(r"[-_.]")
_MAKEFILE_NAMES = {"makefile", "gnumakefile", "makefile.am"}
# What configures a build before make runs: a shell script, generated from autoconf's input.
_AUTOCONF_NAMES = {"configure", "configure.ac"}
# What an R package's native code is built with, for Unix and for Windows, or the templates
# `configure` fills in for them: `Makevars`, `Makevars.win`, `Makevars.in`, `Makevars.win.in`.
_MAKEVARS = re.compile(r"^makevars(\.win)?(\.in)?$")
# The languages the C++ grammar reads; their declarations and definitions share headers and sources.
# Cambricon's BANG C (`.mlu`) and Moore Threads' MUSA (`.mu`) are dialects of CUDA.
C_FAMILY = ("c", "c++", "cuda")
_LANGUAGES = {
    ".py": "python", ".pyi": "python", ".c": "c", ".h": "c", ".cc": "c++", ".cpp": "c++",
    ".cu": "cuda", ".cuh": "cuda", ".mlu": "cuda", ".mu": "cuda", ".hpp": "c++", ".rs": "rust",
    ".cxx": "c++", ".hh": "c++", ".hxx": "c++", ".inl": "c++", ".ipp": "c++", ".tpp": "c++", ".tcc": "c++",
    ".go": "go", ".js": "javascript",
    ".ts": "typescript", ".sh": "shell", ".md": "markdown", ".rst": "rst", ".toml": "toml",
    ".yaml": "yaml", ".yml": "yaml", ".json": "json", ".txt": "text", ".proto": "protobuf",
    ".fbs": "flatbuffers",
    ".swift": "swift", ".m": "objective-c", ".mm": "objective-c++", ".metal": "metal", ".cl": "opencl",
    ".java": "java", ".kt": "kotlin", ".r": "r",
}


def is_ci_pipeline(path: str) -> bool:
    """A file in a CI service's folder, or a pipeline it reads at the root (`.travis.yml`)."""
    pure = PurePosixPath(path.lower())
    return bool(set(pure.parts[:-1]) & _CI_DIRS) or pure.name in _CI_PIPELINE_NAMES \
        or _NAMED_PIPELINE.match(pure.name) is not None


def runs_in_ci(path: str) -> bool:
    """A CI pipeline (`is_ci_pipeline`), or a script of a folder of the CI's scripts
    (`tests/ci_build/test_r_package.py`, `ci/build.sh`)."""
    dirs = set(PurePosixPath(path.lower()).parts[:-1])
    return is_ci_pipeline(path) or bool(dirs & _CI_SCRIPT_DIRS) or _holds_ci_scripts(dirs)


def _holds_ci_scripts(dirs: set[str]) -> bool:
    """One of the folders is named for the scripts CI builds and checks with (`ci_build/`)."""
    return any(_CI_FOLDER.match(folder) for folder in dirs)


def is_dockerfile(path: str) -> bool:
    """`Dockerfile`, `Dockerfile.ci`, `Dockerfile-intel`, `cuda.dockerfile`; not a script named
    for one (`dockerfile_gen.py`)."""
    pure = PurePosixPath(path.lower())
    return (pure.name.startswith("dockerfile") and pure.suffix not in _LANGUAGES) \
        or pure.suffix == ".dockerfile"


@lru_cache(maxsize=65536)
def language(path: str) -> str:
    if is_dockerfile(path):
        return "dockerfile"
    pure = PurePosixPath(path.lower())
    if pure.name in _MAKEFILE_NAMES or pure.suffix == ".mk" or _MAKEVARS.match(pure.name):
        return "makefile"
    if pure.name in _AUTOCONF_NAMES:
        return "shell"
    return _code_template_language(pure) or _LANGUAGES.get(pure.suffix, "other")


def _code_template_language(pure: PurePosixPath) -> str | None:
    """The language of a C or C++ template the build fills in (`version.hpp.in`); else None."""
    if pure.suffix != _TEMPLATE_SUFFIX:
        return None
    found = _LANGUAGES.get(PurePosixPath(pure.stem).suffix)
    return found if found in C_FAMILY else None


def _named_as_a_test_class(path: str) -> bool:
    """A C++, CUDA, Java or Kotlin file named as its test class is (`getSupportedAPITest.cpp`,
    `TensorTests.java`); the case of the name says where the word `Test` starts."""
    pure = PurePosixPath(path)
    return _TEST_CLASS_NAME.search(pure.stem) is not None and language(path) in _CLASS_TEST_LANGUAGES


@lru_cache(maxsize=65536)
def category(path: str) -> Category:
    pure = PurePosixPath(path.lower())
    if template := _NAMED_TEMPLATE.match(pure.name):
        return category(str(pure.with_name(template.group(1))))
    if _code_template_language(pure) and "config" not in pure.stem:
        return category(str(pure.with_name(pure.stem)))  # `version.hpp.in`, `main_ops.cc.in`: code filled in
    dirs = set(pure.parts[:-1])
    name = pure.name
    ci_scripts = _holds_ci_scripts(dirs)
    # A CI pipeline's definition or script, or one of the build's infrastructure.
    pipeline = bool(dirs & _INFRA_DIRS) and pure.suffix in _CONFIG_SUFFIXES | _INFRA_SUFFIXES
    # A page of the documentation is one wherever it sits (`docs/contributing/tests/run.md`).
    if pure.parts[0] in _DOC_DIRS and pure.suffix in _DOC_SUFFIXES:
        return "docs"
    # What git or docker reads for the files to leave out is the repository's, wherever it sits.
    if name in _IGNORE_FILES:
        return "infra"
    if name in _DOC_SITE_SETTINGS or _is_news_fragment(pure):
        return "docs"
    # A dependency manifest is one wherever it sits (`tests/requirements.txt`), as is a conda
    # environment but a CI service's (`doc/environment.yml` installs what the docs build needs).
    if _is_requirements(pure) or (_CONDA_ENVIRONMENT.match(name) and not dirs & _CI_DIRS):
        return "config"
    # A test folder's README tells of the tests; it tests nothing. Its folder of performance
    # tests holds programs that time the product (`test/perf/test_allgather.cpp`): benchmarks.
    # What a CI service runs the tests with is its pipeline (`.circleci/unittest/environment.yml`).
    if (dirs & _TEST_DIRS or (len(pure.parts) > 1 and pure.parts[0] in _ROOT_TEST_DIRS)) and _tests_it(pure) \
            and not dirs & _PERF_DIRS and not dirs & _CI_DIRS and not ci_scripts:
        return "test"
    # A benchmark's folder wins over a name pytest collects (`benchmark/test_ops_perf.py`), and
    # a CI pipeline's definition or script is no test for its name (`.github/workflows/test_cuda.yml`,
    # `ci/task/test_model_compile.sh`); nor is an example named for the statistical test it
    # shows (`examples/proportion_test.py`).
    if (name.startswith(_TEST_FILE_PREFIXES) or _PRIVATE_TEST_HELPERS.match(name) or name == "conftest.py"
            or (name.endswith(_TEST_FILE_ENDINGS) and not (pure.suffix == ".py" and is_example(path)))
            or (len(pure.parts) == 1 and name in _ROOT_TEST_MODULES) or _named_as_a_test_class(path)) \
            and not dirs & _BENCH_DIRS and not pipeline and not ci_scripts and not _TEST_RUNNER.match(name):
        return "test"
    # A Dockerfile builds an image wherever it sits (`docs/Dockerfile` builds the documentation),
    # as a part of a GitLab or Azure pipeline runs in it.
    if is_dockerfile(path) or _NAMED_PIPELINE.match(name):
        return "infra"
    # An example's settings file is configuration (`examples/deepseek/conf/serve/deepseek_v3.yaml`),
    # as is its JSON where its name or folder says so (`examples/wan/wan_config.json`).
    if is_example(path) and (pure.suffix in SETTINGS_SUFFIXES or _is_named_settings_json(pure)):
        return "config"
    # What builds or composes images otherwise (`docker-compose.yml`, `Docker.template.yaml`).
    if pure.suffix in _CONFIG_SUFFIXES and _DOCKER_SETTINGS.match(name):
        return "infra"
    # A benchmark folder's README, like a test folder's, tells of what is there, and its CMake
    # file or Makefile builds what is there (`tensorpipe/benchmark/CMakeLists.txt`); an evaluation
    # folder at the root holds the harness that scores the product on benchmarks
    # (`evaluation/evaluate.py`), beside the pages and figures of its results. A CI pipeline
    # named for the benchmarks it runs is a pipeline (`.github/workflows/benchmark.yaml`).
    if (_in_benchmark_folder(pure) and pure.suffix not in _PROSE_SUFFIXES
            and name not in _FOLDER_BUILD_FILES) \
            or (len(pure.parts) > 1 and pure.parts[0] in _EVALUATION_DIRS
                and pure.suffix not in _DOC_SUFFIXES) \
            or (len(pure.parts) == 1 and name in _ROOT_EVALUATION_SCRIPTS) \
            or name in _BENCHMARK_SETTINGS \
            or (((name.startswith(("bench_", "benchmark")) and not _benchmarking_helpers(pure))
                 or pure.stem == "bench"
                 or _BENCH_STEM.match(pure.stem)
                 or (_BENCHMARKING_WORD.search(pure.stem) and _root_or_tooling(pure)))
                and not dirs & _COMMAND_DIRS and not pipeline and not _in_packages_benchmark_folder(pure)) \
            or (name.startswith(_TUNING_SCRIPTS) and _LANGUAGES.get(pure.suffix) in _PROGRAM_LANGUAGES
                and _root_or_tooling(pure)) \
            or (_tool_built_from_sources(pure) and pure.parts[1] == "profiler"):
        return "benchmark"
    # A folder of one kind of tests (`lit_tests/`) holds tests, but for its benchmarks; in a CI
    # service's folder, one is a step of the CI (`.github/actions/code-build-test/action.yml`).
    if any(_TESTS_FOLDER.search(folder) for folder in dirs) and _tests_it(pure) and not dirs & _CI_DIRS:
        return "test"
    # What a distribution's package is built from (`debian/changelog` gives its version).
    if dirs & _PACKAGING_DIRS:
        return "infra"
    if dirs & _DOC_DIRS or (len(pure.parts) > 1 and _DOCS_TOP_FOLDER.match(pure.parts[0])) \
            or pure.suffix in _DOC_SUFFIXES or pure.stem in _DOC_NAMES or is_example(path) \
            or (not pure.suffix and _LICENSE_NAME.match(name)) or name in _TODO_LISTS:
        return "docs"
    if _in_test_clients(pure):
        return "test"
    if name in _CONFIG_NAMES or _LOGGING_SETTINGS.match(name):
        return "config"
    # A root folder of settings written in Python, as OpenMMLab's projects keep them
    # (`configs/mmpose/pose-detection_coreml_static-256x192.py`, extending the `_base_` files).
    if len(pure.parts) > 1 and pure.parts[0] == "configs" and pure.suffix == ".py":
        return "config"
    # Python kept in a hidden root folder (`.pyproject/cmdclass.py`) is the repository's tooling.
    if dirs & _INFRA_DIRS or ci_scripts or _MAKEVARS.match(name) \
            or (len(pure.parts) > 1 and _is_tooling_folder(pure.parts[0])
                and not _runs_the_product(pure) and not _tool_built_from_sources(pure)
                and not _in_tools_own_package(pure) and not _settings_beside_scripts(pure)) \
            or (name in _INFRA_NAMES and not (name == "setup.py" and _in_source_package(pure))) \
            or _is_cargo_build_script(pure) \
            or pure.suffix in _INFRA_SUFFIXES or pure.suffix == _TEMPLATE_SUFFIX \
            or ((len(pure.parts) == 1 or pure.parts[:-1] == ("python",)) and pure.suffix == ".py"
                and ((name.startswith(_ROOT_INFRA_SCRIPTS) and not _GENERATES_CONTENT.match(name))
                     or pure.stem.endswith(("_setup", "-setup")))) \
            or _TEST_RUNNER.match(name) or (len(pure.parts) > 1 and pure.parts[0].startswith(".")
                                            and pure.suffix == ".py"):
        return "infra"
    # A tool's settings named for it alone: `.pyre_configuration`, `.torchxconfig`, `.clang-format`,
    # `.style.yapf`.
    if pure.suffix in _CONFIG_SUFFIXES or VERSION_FILE.search(name) or _PIN_FILE.search(name) \
            or (name.startswith(".") and pure.suffix not in _LANGUAGES):
        return "config"
    return "source"


def _tool_built_from_sources(pure: PurePosixPath) -> bool:
    """In a root tooling folder, a C, C++ or CUDA source of a library or program the project
    builds (`tools/library/src/reduction/reduction_device.cu`, `tools/model_check/model_checker.cc`,
    `tools/profiler/src/gemm_operation_profiler.cu`, `tools/cpu-info.c`): what it ships, not its
    scripts; but for a generator of code or a build step (`tools/codegen/gen_kernels.cpp`)."""
    return len(pure.parts) > 1 and _is_tooling_folder(pure.parts[0]) \
        and _LANGUAGES.get(pure.suffix) in C_FAMILY and not pure.name.startswith(_ROOT_INFRA_SCRIPTS)


def _settings_beside_scripts(pure: PurePosixPath) -> bool:
    """A settings file in a root folder of scripts (`launcher_scripts/conf/training/llama2_7b.yaml`,
    `scripts/eval/yamls/eval.yaml`): what the scripts run with, not a step of the build."""
    return pure.suffix in SETTINGS_SUFFIXES \
        and (pure.parts[0] in _SCRIPT_DIRS or pure.parts[0].endswith(("_scripts", "-scripts")))


def _in_test_clients(pure: PurePosixPath) -> bool:
    """A C, C++ or CUDA file of the root `clients/` folder AMD's math libraries keep their tests
    and benchmarks in, beside the `library/` they test (`clients/include/testing_gemm_ex.hpp`,
    `clients/common/utility.cpp`); its benchmarks and samples are told by their folders first."""
    return len(pure.parts) > 1 and pure.parts[0] == "clients" and _LANGUAGES.get(pure.suffix) in C_FAMILY


def _in_tools_own_package(pure: PurePosixPath) -> bool:
    """In a root tooling folder, in the package of a project of its own, named as the tool's
    folder is (`tools/onnx-graphsurgeon/onnx_graphsurgeon/ir/node.py`): a library the project
    ships, not a script of its own tooling."""
    return len(pure.parts) > 3 and _is_tooling_folder(pure.parts[0]) \
        and pure.parts[2] == pure.parts[1].replace("-", "_")


def _is_cargo_build_script(pure: PurePosixPath) -> bool:
    """Cargo's build script, `build.rs` beside a crate's `Cargo.toml` (`parser/build.rs`); a
    module of that name sits below `src/` (`src/build.rs`)."""
    return pure.name == "build.rs" and "src" not in pure.parts[:-1]


def _in_source_package(pure: PurePosixPath) -> bool:
    """Inside a package of a package below `src/` or `python/`: a module of it, whatever its
    name (`src/fairseq2/recipes/utils/setup.py` sets up a recipe). `python/setup.py` builds the
    wheel, and `python/pmmlserver/setup.py` that of one of the repository's projects; `lib/`
    often holds a vendored library built by its own `setup.py`."""
    return len(pure.parts) >= 4 and pure.parts[0] in {"src", "python"}


def _tests_it(pure: PurePosixPath) -> bool:
    """In a test folder, what is not a script of the CI, nor what builds the tests
    (`test/CMakeLists.txt`) or the image they run in (`tests/bettertransformer/Dockerfile_gpu`),
    nor a README telling of the tests, nor the conda environment they run in
    (`qa/environment.yml`): a manifest of dependencies."""
    return pure.suffix not in _INFRA_SUFFIXES and pure.name not in _FOLDER_BUILD_FILES \
        and not is_dockerfile(str(pure)) \
        and not (pure.stem in _DOC_NAMES and pure.suffix in _PROSE_SUFFIXES) \
        and not _CONDA_ENVIRONMENT.match(pure.name)


# A conda environment: `environment.yml`, also one named for its use (`environment-dev.yml`).
_CONDA_ENVIRONMENT = re.compile(r"^environment([-_.][\w.-]+)?\.ya?ml$")


# What builds the programs of a folder of tests or of benchmarks.
_FOLDER_BUILD_FILES = {"cmakelists.txt", *_MAKEFILE_NAMES}


def _runs_the_product(pure: PurePosixPath) -> bool:
    """In a root tooling folder, a script users run the product through (its name says so
    first or in a later word: `scripts/train_eagle3.py`, `scripts/gen_and_train.py`; or it is
    the product's front end: `tools/webui.py`,
    `tools/python/transform/tensorflow_converter.py`), or a script or a settings file in the
    folder of such scripts, named for them (`scripts/eval_constraints/if_functions.py`,
    `scripts/eval/yamls/hf_8bit_eval.yaml`) or for the tools they are
    (`tools/model_converters/publish_model.py`)."""
    in_product_folder = len(pure.parts) > 2 and (
        pure.parts[1].startswith(_PRODUCT_SCRIPTS)
        or any(word.removesuffix("s") in _PRODUCT_TOOLS for word in pure.parts[1].split("_")))
    if pure.suffix == ".py":
        return pure.name.startswith(_PRODUCT_SCRIPTS) or pure.stem in _PRODUCT_FRONT_ENDS \
            or in_product_folder \
            or any(word in _PRODUCT_SCRIPTS or word in _PRODUCT_TOOLS for word in pure.stem.split("_")[1:])
    return pure.suffix in _CONFIG_SUFFIXES and in_product_folder


def _benchmarking_helpers(pure: PurePosixPath) -> bool:
    """A package's module of helpers for benchmarking, named for the activity
    (`cuequivariance_jax/cuequivariance_jax/benchmarking.py`, what its users time their functions
    with): part of the package, not a benchmark of it."""
    return pure.stem == "benchmarking" and len(pure.parts) > 2


# The folders towncrier gathers release notes from, and the kinds of note it names them for.
_NEWS_FOLDERS = {"news", "newsfragments", "changelog.d", "changes"}
_NEWS_KINDS = {".feature", ".bugfix", ".doc", ".removal", ".misc", ".deprecation", ".breaking",
               ".api", ".fix", ".change", ".internal", ".maintenance", ".trivial"}


def _is_news_fragment(pure: PurePosixPath) -> bool:
    """A release note towncrier gathers (`plugins/hydra_submitit_launcher/news/1366.feature`),
    one reno gathers (`releasenotes/notes/rename-reader-input-af739955bf4f71b5.yaml`), one
    semversioner does (`.semversioner/next-release/patch-20240711223132221685.json`, and the
    notes of each release beside it), or one changie does (`.changes/unreleased/Fixed-1.yaml`)."""
    return (len(pure.parts) > 1 and pure.parts[-2] in _NEWS_FOLDERS and pure.suffix in _NEWS_KINDS) \
        or (pure.parts[-3:-1] == ("releasenotes", "notes") and pure.suffix in (".yaml", ".yml")) \
        or (len(pure.parts) > 1 and pure.parts[0] == ".semversioner" and pure.suffix == ".json") \
        or (len(pure.parts) > 1 and pure.parts[0] == ".changes" and pure.suffix in (".yaml", ".yml", ".md"))


def _in_benchmark_folder(pure: PurePosixPath) -> bool:
    """Under a folder of benchmarks (or of a benchmarking tool in the repository's tooling
    folder, `tools/llm_bench/`), but for a package's own module of that name, which a
    benchmarking tool ships (`src/guidellm/benchmark/schemas.py`: below a package in a source
    root, below a root package named for benchmarking or evaluation, `evalscope/benchmarks/gpqa/`,
    or a command's `guidellm/cli/benchmark/`). A package of examples ships none
    (`src/brevitas_examples/llm/benchmark/`)."""
    parts = pure.parts[:-1]
    for index, part in enumerate(parts):
        if part in _BENCH_DIRS or (index == 1 and _is_tooling_folder(parts[0]) and _BENCH_TOOL.search(part)):
            below_package = (parts[0] in _SOURCE_ROOTS and index >= 2) \
                or (index >= 1 and _is_tool_package(parts[0]))
            in_package = below_package and not any(_EXAMPLES_FOLDER.search(above) for above in parts[1:index])
            return not (in_package or (index > 0 and parts[index - 1] in _COMMAND_DIRS))
    return False


def _in_packages_benchmark_folder(pure: PurePosixPath) -> bool:
    """In a package's own module folder named for benchmarking, below a source root
    (`src/deepsparse/benchmark/benchmark_pipeline.py`, what `deepsparse.benchmark` runs)."""
    parts = pure.parts[:-1]
    return len(parts) > 2 and parts[0] in _SOURCE_ROOTS and any(part in _BENCH_DIRS for part in parts[2:])


def _is_tool_package(folder: str) -> bool:
    """A root folder named as a package of a benchmarking or evaluation tool (`evalscope`,
    `lm_eval`, `optimum_benchmark`); not a folder of benchmarks or evaluations itself."""
    return folder not in _BENCH_DIRS | _EVALUATION_DIRS and _TOOL_PACKAGE.search(folder) is not None


def is_prose(path: str) -> bool:
    """A text document (`README.md`, `guide.rst`), wherever it sits."""
    return PurePosixPath(path.lower()).suffix in _PROSE_SUFFIXES


def _is_named_settings_json(pure: PurePosixPath) -> bool:
    """A JSON file named for settings, or in a folder of them (`configs/pruning/resnet50.json`)."""
    return pure.suffix == ".json" and (bool(_SETTINGS_WORD.search(pure.stem))
                                       or any(part in _SETTINGS_FOLDERS for part in pure.parts[:-1]))


# nbdev's index of the package's symbols and the pages documenting them, which it writes anew
# from the notebooks: one dict, `d`.
_SYMBOL_INDEXES = {"_modidx.py"}


def is_symbol_index(path: str) -> bool:
    """A module a documentation tool generates to list the package's symbols (nbdev's `_modidx.py`)."""
    return PurePosixPath(path).name in _SYMBOL_INDEXES


def is_example(path: str) -> bool:
    """A script under an examples folder, or one its name calls an example outside packages
    (`scripts/qwen_example.sh`): documentation that runs."""
    pure = PurePosixPath(path.lower())
    return _in_examples_folder(pure) or (
        (pure.stem.startswith("example_") or pure.stem.endswith("_example")) and _root_or_tooling(pure))


def _in_examples_folder(pure: PurePosixPath) -> bool:
    """Under a folder named for examples, samples, tutorials or a quickstart, alone or as a word
    of its name (`pedagogical_examples`, `examples_deepspeed`), or under `sample/` at the root
    (deeper, a `sample` package is what samples tokens: `vllm/v1/sample/`)."""
    return any(_EXAMPLES_FOLDER.search(part) for part in pure.parts[:-1]) \
        or (len(pure.parts) > 1 and pure.parts[0] == "sample")


def _root_or_tooling(pure: PurePosixPath) -> bool:
    """At the repository's root, or in a root folder of its tooling (`tools/`, `scripts/`)."""
    return len(pure.parts) == 1 or _is_tooling_folder(pure.parts[0])


def _is_tooling_folder(name: str) -> bool:
    """A root folder of the repository's own tooling: `tools/`, `scripts/`, `ci_scripts/`."""
    return name in _ROOT_INFRA_DIRS or bool(_SCRIPTS_FOLDER.search(name))


def outside_packages(path: str) -> bool:
    """A file at the root, in a root folder of tooling (`tools/smooth/convert.py`) or under an
    examples folder: where scripts are run by path, not imported from a package."""
    pure = PurePosixPath(path.lower())
    return _root_or_tooling(pure) or _in_examples_folder(pure)


def _is_requirements(pure: PurePosixPath) -> bool:
    """`requirements.txt`, `requirements-dev.txt`, `dev/fmt-requirements.txt`, `requirements/cuda.txt`,
    `_requirements/test.txt`; a list of the dependencies a build fetches (`cmake/deps.txt`,
    `build_deps.txt`, `haystack_reqs.txt`); pip's constraints (`tests/constraints.txt`); what else
    a folder of requirements holds but its scripts and prose (`requirements/min-cons.old`, the
    constraints of a CI job)."""
    in_requirements = any("requirements" in folder for folder in pure.parts[:-1])
    return (pure.suffix in {".txt", ".in"} and (
        "requirements" in pure.stem or in_requirements
        or bool(set(_WORD_BREAK.split(pure.stem)) & {"deps", "dependencies", "reqs", "constraints"}))) \
        or (in_requirements and pure.suffix not in _NOT_REQUIREMENTS)


# What a folder of requirements may hold besides lists of them: scripts that make or check them,
# and prose about them.
_NOT_REQUIREMENTS = frozenset({".py", ".sh", ".md", ".rst"})


def module_name(path: str, config: AnalysisConfig) -> str:
    """The configured name for a path, else the dotted package of a Python file, or of a Java or
    Kotlin one under a source set's folder (`serving/src/main/java/ai/djl/serving/util/` is
    `ai.djl.serving.util`), else its folder."""
    for pattern, name in config.modules.items():
        if fnmatch.fnmatchcase(path, pattern):
            return name
    pure = PurePosixPath(path)
    parts = list(pure.parts[:-1])
    if (source_set := _JVM_SOURCE_SET.search(path)) and pure.suffix in {".java", ".kt"}:
        return ".".join(PurePosixPath(path[source_set.end():]).parts[:-1]) or "(default package)"
    if parts and parts[0] in _SOURCE_ROOTS and len(parts) > 1:
        parts = parts[1:]
    if pure.suffix in {".py", ".pyi"}:
        if pure.stem != "__init__" and not parts:
            return pure.stem
        return ".".join(parts) if parts else "(root)"
    return "/".join(parts) if parts else "(root)"
