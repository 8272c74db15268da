"""Calls of the project's own functions and classes rewritten to bind to how the tree after the
change defines them."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from prdossier.analysis.analyze import analyze
from prdossier.analysis.callsites import Parameters
from prdossier.analysis.config import AnalysisConfig
from prdossier.analysis.models import ChangeFacts
from prdossier.sources.git import GitRepo
from tests.gitrepo import GitRepoBuilder
from tests.test_symbols import _diff, _facts


def _call(text: str) -> ast.Call:
    call = ast.parse(text).body[0].value  # type: ignore[attr-defined]
    assert isinstance(call, ast.Call)
    return call


@pytest.mark.parametrize(("parameters", "bound", "call", "accepted"), [
    ("self,module,max_seq_length=", True, "Catcher(layer, max_seq_length=4)", True),
    ("self,module,max_seq_length=", True, "Catcher(layer, inps, cache)", False),
    ("self,module,max_seq_length=", True, "Catcher()", False),
    ("self,module,max_seq_length=", True, "Catcher(layer, size=4)", False),
    ("self,module,max_seq_length=", True, "Catcher(layer, module=layer)", False),
    ("a,/,b=", False, "f(a=1)", False),
    ("a,*,key", False, "f(1, key=2)", True),
    ("a,*,key", False, "f(1, 2)", False),
    ("a,*args,**kwargs", False, "f(1, 2, 3, anything=4)", True),
    ("a,b=", False, "f(*items)", None),
    ("a,b=", False, "f(1, **options)", None),
], ids=["fits", "too-many-positional", "required-missing", "unknown-keyword", "given-twice",
        "positional-only-by-keyword", "keyword-only", "keyword-only-given-positionally", "variadic",
        "unpacked-list", "unpacked-dict"])
def test_a_call_binds_to_the_parameters_as_python_would(parameters: str, bound: bool, call: str,
                                                          accepted: bool | None) -> None:
    assert Parameters.parse(parameters, bound).accept(_call(call)) is accepted


_CATCHER = ("class Catcher:\n    def __init__(self, module, {parameters}):\n        self.module = module\n"
            "        self.captured = []\n")
_AWQ = ("from .catcher import Catcher\n\n\nclass AWQ:\n    def run(self, layers, loader):\n"
        "        {call}\n        self.model.forward(loader)\n{read}        return layers\n")
_OLD_READ = "        self.kwargs = layers[0].kwargs\n"
_NEW_READ = ("        captured = layers[0].captured\n        for i, inp in enumerate(captured):\n"
             "            self.inps[i].copy_(inp)\n        self.kwargs = captured[0]\n")


def _change_type(tmp_path: Path, parameters: tuple[str, str], calls: tuple[str, str],
                 catcher_path: str = "pkg/catcher.py", package: str = "") -> str:
    """pkg/awq.py's change; `package`, what pkg/__init__.py holds, which pkg/awq.py imports the
    catcher from where it holds anything."""
    builder = GitRepoBuilder(tmp_path / "r")
    awq = _AWQ if catcher_path == "pkg/catcher.py" else _AWQ.replace("from .catcher", "from torch.catcher")
    if package:
        awq = awq.replace("from .catcher", "from pkg")
    builder.commit("base", {"pkg/__init__.py": package,
                            "pkg/awq.py": awq.format(call=calls[0], read=_OLD_READ),
                            catcher_path: _CATCHER.format(parameters=parameters[0])})
    builder.commit("catcher changed (#1)", {catcher_path: _CATCHER.format(parameters=parameters[1])})
    builder.write("pkg/awq.py", awq.format(call=calls[1], read=_NEW_READ))
    repo = GitRepo(builder.root)
    sha = builder.commit("follow the catcher (#2)")
    facts = analyze(repo.read_change(repo.meta(sha)), AnalysisConfig(), repo.tree_at(sha))
    return next(file.change_type for file in facts.files if file.path == "pkg/awq.py")


_INIT_CHANGED = ("inps, cache", "max_seq_length=None")
_REALIGNED = ("layers[0] = Catcher(layers[0], self.inps, cache)",
              "layers[0] = Catcher(layers[0], max_seq_length=self.seq_length)")


def test_a_call_rewritten_to_bind_to_a_changed_constructor_follows_an_interface(tmp_path: Path) -> None:
    assert _change_type(tmp_path, _INIT_CHANGED, _REALIGNED) == "data-contract"


@pytest.mark.parametrize(("package", "expected"), [
    ("from .catcher import Catcher\n", "data-contract"),
    # near miss: the package's name is another library's class
    ("from torch.catcher import Catcher\n", "core-logic"),
], ids=["re-exported-by-the-package", "package-binds-a-library-class"])
def test_a_constructor_a_package_re_exports_is_followed_to_its_definition(tmp_path: Path, package: str,
                                                                         expected: str) -> None:
    assert _change_type(tmp_path, _INIT_CHANGED, _REALIGNED, package=package) == expected


@pytest.mark.parametrize(("parameters", "calls", "catcher_path"), [
    # the old call binds to the constructor as it is now: a choice, not a repair
    (("max_seq_length=None", "max_seq_length=None"),
     ("layers[0] = Catcher(layers[0])", "layers[0] = Catcher(layers[0], max_seq_length=self.seq_length)"),
     "pkg/catcher.py"),
    # the new call does not bind either
    (_INIT_CHANGED, (_REALIGNED[0], "layers[0] = Catcher(layers[0], size=self.seq_length)"),
     "pkg/catcher.py"),
    # the class is not the project's
    (_INIT_CHANGED, _REALIGNED, "vendor/torch/catcher.py"),
], ids=["old-call-binds", "new-call-does-not-bind", "callee-not-imported-from-the-project"])
def test_other_rewritten_calls_are_the_code_s_own(tmp_path: Path, parameters: tuple[str, str],
                                                  calls: tuple[str, str], catcher_path: str) -> None:
    assert _change_type(tmp_path, parameters, calls, catcher_path) == "core-logic"


def _facts_of_change(tmp_path: Path, base: dict[str, str], changed: dict[str, str]) -> ChangeFacts:
    """The facts of a commit that writes `changed` over a repository holding `base`."""
    builder = GitRepoBuilder(tmp_path / "r")
    builder.commit("base", base)
    for path, text in changed.items():
        builder.write(path, text)
    repo = GitRepo(builder.root)
    sha = builder.commit("the change (#2)")
    return analyze(repo.read_change(repo.meta(sha)), AnalysisConfig(), repo.tree_at(sha))


_SCHEDULE = "class NoiseSchedule:\n    def __init__(self, {parameters}):\n        self.beta = beta\n"
_DIFFUSION = ("from .schedule import NoiseSchedule\n\n\ndef load(cfg, device=None):\n"
              "    schedule = NoiseSchedule(**cfg{keywords})\n    return schedule\n")


@pytest.mark.parametrize(("parameters", "schedule_changed", "expected"), [
    (("beta=0.1, device=None", "beta=0.1, device=None"), False, "core-logic"),
    (("beta=0.1, device=None", "beta=0.1, device=None"), True, "core-logic"),
    # near misses: the constructor requires the keyword from this change on; it takes any keyword
    (("beta=0.1", "device, beta=0.1"), True, "data-contract"),
    (("beta=0.1, **kwargs", "beta=0.1, **kwargs"), False, "data-contract"),
], ids=["keyword-taken-all-along", "callee-rewritten-keeping-its-parameters", "keyword-required-anew",
        "keyword-not-named"])
def test_a_call_given_a_keyword_its_callee_took_all_along_changes_no_interface(
        tmp_path: Path, parameters: tuple[str, str], schedule_changed: bool, expected: str) -> None:
    """`NoiseSchedule(**cfg)` became `NoiseSchedule(**cfg, device=device)`, the class taking
    `device` before the change: the code uses an option its callee always offered."""
    changed = {"pkg/diffusion.py": _DIFFUSION.format(keywords=", device=device")}
    if schedule_changed:
        changed["pkg/schedule.py"] = _SCHEDULE.format(parameters=parameters[1]) + "        self.steps = 10\n"
    base = {"pkg/__init__.py": "", "pkg/diffusion.py": _DIFFUSION.format(keywords=""),
            "pkg/schedule.py": _SCHEDULE.format(parameters=parameters[0])}
    facts = _facts_of_change(tmp_path, base, changed)
    assert next(f.change_type for f in facts.files if f.path == "pkg/diffusion.py") == expected


def test_a_keyword_its_callee_took_all_along_given_another_value_still_follows_it(tmp_path: Path) -> None:
    """`NoiseSchedule(**cfg, device=device)` became `device=torch.device(device)`: not an option
    taken up but another value handed over, as where NumPy came to want integers."""
    schedule = _SCHEDULE.format(parameters="beta=0.1, device=None")
    base = {"pkg/__init__.py": "", "pkg/schedule.py": schedule,
            "pkg/diffusion.py": _DIFFUSION.format(keywords=", device=device")}
    facts = _facts_of_change(tmp_path, base, {
        "pkg/diffusion.py": _DIFFUSION.format(keywords=", device=torch.device(device)"),
        "pkg/schedule.py": schedule + "        self.steps = 10\n"})
    assert next(f.change_type for f in facts.files if f.path == "pkg/diffusion.py") == "data-contract"


_BEST_POINT = ("class BestPointMixin:\n    @staticmethod\n    def _best_trial(experiment, {parameters}):\n"
               "        config = {config}\n        return config.best\n")
_SCHEDULER = ("from pkg.best_point import BestPointMixin\n\n\nclass Base:\n    pass\n\n\n"
              "class Scheduler(Base, BestPointMixin):\n    def best_trial(self, config=None):\n"
              "        return self._best_trial(\n            self.experiment,\n{keywords}        )\n")


@pytest.mark.parametrize(("parameters", "expected"), [
    (("config=None", "config=None"), "core-logic"),
    # near miss: the mixin's method requires the keyword from this change on
    (("", "config"), "data-contract"),
], ids=["mixin-took-it", "mixin-requires-it-anew"])
def test_a_keyword_given_to_a_method_a_base_class_took_it_in_all_along_changes_no_interface(
        tmp_path: Path, parameters: tuple[str, str], expected: str) -> None:
    """`self._best_trial(self.experiment)` gains `config=config` on a line of its own, the mixin
    the class inherits `_best_trial` from (a static method, rewritten by the same change) taking
    `config` before it: the scheduler passes on what its base always offered."""
    def best_point(parameters: str, config: str) -> str:
        return _BEST_POINT.format(parameters=parameters, config=config).replace(", )", ")")
    base = {"pkg/__init__.py": "", "pkg/best_point.py": best_point(parameters[0], "experiment.config"),
            "pkg/scheduler.py": _SCHEDULER.format(keywords="")}
    changed = {"pkg/best_point.py": best_point(parameters[1], "config or experiment.config"),
               "pkg/scheduler.py": _SCHEDULER.format(keywords="            config=config,\n")}
    facts = _facts_of_change(tmp_path, base, changed)
    assert next(f.change_type for f in facts.files if f.path == "pkg/scheduler.py") == expected


_NORMALIZERS = "def text_normalize(text):\n    return text.strip()\n{more}"
_MIXED = "\n\ndef mix_text_normalize(text):\n    return text.strip().upper()\n"
_WEBUI = ("from pkg import chinese\n\n\ndef phones(text, language):\n    if language == 'zh':\n"
          "        text = chinese.{normalize}(text)\n    return text\n")


@pytest.mark.parametrize(("normalizers", "expected"), [
    (_NORMALIZERS.format(more=_MIXED), "core-logic"),
    # near misses: the function it called is renamed to the one it calls now, or kept only as a
    # deprecated stand-in for it
    (_NORMALIZERS.format(more="").replace("def text_normalize", "def mix_text_normalize"), "data-contract"),
    (_NORMALIZERS.format(more=_MIXED).replace("def text_normalize", "@deprecated('mix_text_normalize')\n"
                                              "def text_normalize"), "data-contract"),
], ids=["calls-a-function-added-beside", "follows-a-rename", "follows-a-deprecation"])
def test_a_call_moved_to_a_function_the_change_adds_beside_the_old_one_follows_no_interface(
        tmp_path: Path, normalizers: str, expected: str) -> None:
    """`chinese.text_normalize(text)` became `chinese.mix_text_normalize(text)`, a function the
    change adds while `text_normalize` stays: the web UI takes up what the change adds."""
    base = {"pkg/__init__.py": "", "pkg/chinese.py": _NORMALIZERS.format(more=""),
            "pkg/webui.py": _WEBUI.format(normalize="text_normalize")}
    changed = {"pkg/chinese.py": normalizers, "pkg/webui.py": _WEBUI.format(normalize="mix_text_normalize")}
    facts = _facts_of_change(tmp_path, base, changed)
    assert next(f.change_type for f in facts.files if f.path == "pkg/webui.py") == expected


_LAYERS = ("class DistributionLambda:\n    def __init__(self, make_fn, {parameters}):\n"
           "        self.make_fn = make_fn\n\n\n"
           "class VariationalProcess(DistributionLambda):\n    def __init__(self, kernel, name=None):\n"
           "        super().__init__(\n            kernel.make,\n"
           "            convert=kernel.convert{keywords})\n"
           "        self.kernel = kernel\n")


@pytest.mark.parametrize(("parameters", "expected"), [
    ("convert=None, **kwargs", "core-logic"),
    ("convert=None, name=None", "core-logic"),
    # near miss: the base takes no such keyword
    ("convert=None", "data-contract"),
], ids=["base-takes-any-keyword", "base-names-it", "base-does-not-take-it"])
def test_a_keyword_handed_to_the_base_that_took_it_all_along_changes_no_interface(
        tmp_path: Path, parameters: str, expected: str) -> None:
    """`super().__init__(..., name=name)`, the base class of the same module taking `name` (or
    any keyword) before the change: the subclass names its object as the base offered."""
    base = {"pkg/__init__.py": "", "pkg/layers.py": _LAYERS.format(parameters=parameters, keywords="")}
    named = _LAYERS.format(parameters=parameters, keywords=",\n            name=name")
    facts = _facts_of_change(tmp_path, base, {"pkg/layers.py": named})
    assert facts.files[0].change_type == expected


_AUDIO = ("class Audio:\n    def __init__(self, sample_rate=16000):\n"
          "        self.sample_rate = sample_rate\n\n"
          "    def crop(self, file, chunk, {parameters}):\n        return file\n")
_PIPELINE = ("from pkg.audio import Audio\n\n\nclass Diarization:\n    def __init__(self):\n"
             "        self._audio = {maker}(sample_rate=16000)\n\n"
             "    def apply(self, file, chunk, duration):\n"
             "        waveform = self._audio.crop(file, chunk{keywords}, mode='pad')\n"
             "        return waveform\n")


@pytest.mark.parametrize(("parameters", "maker", "expected"), [
    ("duration=None, mode='raise'", "Audio", "core-logic"),
    # near misses: the method takes no such keyword; the field holds what a factory makes
    ("mode='raise'", "Audio", "data-contract"),
    ("duration=None, mode='raise'", "make_audio", "data-contract"),
], ids=["method-takes-it", "method-does-not-take-it", "field-of-unknown-class"])
def test_a_keyword_given_to_a_method_of_a_field_that_took_it_all_along_changes_no_interface(
        tmp_path: Path, parameters: str, maker: str, expected: str) -> None:
    """`self._audio.crop(file, chunk, mode='pad')` gains `duration=duration`, the class only
    `self._audio` is made of taking `duration` in `crop` before the change: the code uses an
    option its callee always offered."""
    facts = _facts_of_change(
        tmp_path, {"pkg/__init__.py": "", "pkg/audio.py": _AUDIO.format(parameters=parameters),
                   "pkg/pipeline.py": _PIPELINE.format(maker=maker, keywords="")},
        {"pkg/pipeline.py": _PIPELINE.format(maker=maker, keywords=", duration=duration")})
    assert facts.files[0].change_type == expected


_LOOP = "def chat_loop(model, {parameters}):\n    return model\n"
_CALLS = "\n\n\ndef main(args):\n    {call}(\n        args.model,\n{arguments}    )\n"


def _caller_change_type(tmp_path: Path, parameters: str, old: str, new: str) -> str:
    """pkg/cli.py's change from `old` to `new` once chat_loop(model, device) takes `parameters`
    after `model`."""
    builder = GitRepoBuilder(tmp_path / "r")
    builder.commit("base", {"pkg/__init__.py": "", "pkg/utils.py": "def to_dtype(name):\n    return name\n",
                            "pkg/loop.py": _LOOP.format(parameters="device"), "pkg/cli.py": old})
    builder.commit("loop changed (#1)", {"pkg/loop.py": _LOOP.format(parameters=parameters)})
    builder.write("pkg/cli.py", new)
    repo = GitRepo(builder.root)
    sha = builder.commit("the CLI follows (#2)")
    facts = analyze(repo.read_change(repo.meta(sha)), AnalysisConfig(), repo.tree_at(sha))
    return next(file.change_type for file in facts.files if file.path == "pkg/cli.py")


_DEVICE = "        args.device,\n"


def test_a_call_given_what_an_import_brings_to_bind_anew_passes_data_on(tmp_path: Path) -> None:
    old = "from pkg.loop import chat_loop" + _CALLS.format(call="chat_loop", arguments=_DEVICE)
    new = "import torch\nfrom pkg.loop import chat_loop\nfrom pkg.utils import to_dtype" + _CALLS.format(
        call="chat_loop", arguments="        to_dtype(args.dtype),\n" + _DEVICE)
    assert _caller_change_type(tmp_path, "dtype, device", old, new) == "data-contract"


def test_a_call_reached_through_a_new_import_follows_it(tmp_path: Path) -> None:
    old = "import pkg.loop as loop" + _CALLS.format(call="loop.chat_loop", arguments=_DEVICE)
    new = "from pkg.loop import chat_loop" + _CALLS.format(call="chat_loop", arguments=_DEVICE)
    assert _caller_change_type(tmp_path, "device", old, new) == "dependency-wiring"


_PROCESSOR = """\
class Processor:
    def process(self, configs{odm}):
        prepared = self._prepare(configs)
        return prepared, None

    def _prepare(self, configs):
{body}        return items
"""
_OLD_BODY = "        items = []\n        for config in configs:\n            items.append(config)\n"
_NEW_BODY = "".join(f"        step_{n} = [config for config in configs if config.rank > {n}]\n"
                    for n in range(12)) + "        items = step_11 + step_0\n"
_SETUP = "def setup(processor, configs, odm_config):\n    return processor.process(configs{passed})\n"


def _processor_change(caller_old: str, caller_new: str) -> str:
    facts = _facts(
        _diff("pkg/data/processors.py", _PROCESSOR.format(odm=", odm_config=None", body=_OLD_BODY),
              _PROCESSOR.format(odm="", body=_NEW_BODY)),
        _diff("pkg/data/setup.py", _SETUP.format(passed=caller_old), _SETUP.format(passed=caller_new)))
    return facts.files[0].change_type


_MODEL = ("class LLaMA:\n    def __init__(self, model_path{vocab}, parallel=0, **kwargs):\n"
          "        self.tokenizer = load_tokenizer({source})\n        self.parallel = parallel\n\n"
          "    def prepare(self):\n{body}")
_ENGINE = ("from pkg.llama import LLaMA\n\n\ndef start(config):\n    return LLaMA(\n"
           "        model_path = config.{path},\n{passed}        parallel = config.parallel,\n    )\n")


@pytest.mark.parametrize(("passed", "expected"), [
    ("        vocab_path = config.vocab_path,\n", "data-contract"),
    # near miss: the caller stops passing a keyword the constructor still takes through **kwargs
    ("        device_id = config.device_id,\n", "core-logic"),
], ids=["constructor-parameter-dropped-by-callers", "other-keyword-dropped"])
def test_a_constructor_parameter_callers_stop_passing_by_the_class_name_is_an_interface_change(
        passed: str, expected: str) -> None:
    """Calls of a class are calls of its `__init__`; keywords spaced as `name = value` too."""
    old_body = "".join(f"        self.step_{n} = self.parallel + {n}\n" for n in range(4))
    new_body = "".join(f"        self.step_{n} = [self.parallel] * {n + 1}\n" for n in range(12))
    facts = _facts(
        _diff("pkg/llama.py", _MODEL.format(vocab=", vocab_path", source="vocab_path", body=old_body),
              _MODEL.format(vocab="", source="model_path", body=new_body)),
        _diff("pkg/engine.py", _ENGINE.format(path="checkpoint", passed=passed),
              _ENGINE.format(path="model_path", passed="")))
    assert facts.files[0].change_type == expected


@pytest.mark.parametrize(("caller_old", "caller_new", "expected"), [
    (", odm_config=odm_config", "", "data-contract"),
    # near misses: the caller drops another keyword; the caller's call is left as it was
    (", odm_config=odm_config, verbose=True", ", odm_config=odm_config", "core-logic"),
    (", odm_config=odm_config", ", odm_config=odm_config", "core-logic"),
], ids=["callers-stop-passing-the-parameter", "callers-drop-another-keyword", "callers-unchanged"])
def test_a_parameter_callers_elsewhere_stop_passing_is_an_interface_change(caller_old: str, caller_new: str,
                                                                         expected: str) -> None:
    """Whatever else the file rewrote, a public method whose dropped parameter the change's other
    files stop passing changed its contract."""
    assert _processor_change(caller_old, caller_new) == expected


_TRACKER = ("from huggingface_hub import HfApi\n\n\nclass Tracker:\n    def __init__(self):\n"
            "        self.api = HfApi()\n\n    def push(self, repo_id, paths):\n"
            "        found = list(self.api.{call})\n        return found\n")
_WARNING = "import logging\n\nlogger = logging.getLogger(__name__)\n\n\ndef pick(kernels):\n" \
           "    if not kernels:\n        logger.{call}('no kernel, falling back')\n    return kernels\n"
_OWN_CLIENT = "class Client:\n    def list_files_info(self, repo_id, paths):\n        return []\n"


def _tracker_change_type(tmp_path: Path, calls: tuple[str, str], others: dict[str, str]) -> str:
    facts = _facts_of_change(
        tmp_path, {"pkg/__init__.py": "", "pkg/tracker.py": _TRACKER.format(call=calls[0]), **others},
        {"pkg/tracker.py": _TRACKER.format(call=calls[1])})
    return next(file.change_type for file in facts.files if file.path == "pkg/tracker.py")


@pytest.mark.parametrize(("calls", "others", "change_type"), [
    (("list_files_info(repo_id=repo_id, paths=paths)", "get_paths_info(repo_id=repo_id, paths=paths)"),
     {}, "data-contract"),
    (("_register_hooks(paths)", "setup_hooks()"), {}, "data-contract"),
    # near misses: the project defines the method called now; the call keeps its method
    (("list_files_info(repo_id=repo_id, paths=paths)", "get_paths_info(repo_id=repo_id, paths=paths)"),
     {"pkg/client.py": _OWN_CLIENT.replace("list_files_info", "get_paths_info")}, "core-logic"),
    (("list_files_info(repo_id=repo_id, paths=paths)", "list_files_info(repo_id=repo_id, paths=paths[:1])"),
     {}, "core-logic"),
    (("repeat(1, paths, 1)", "repeat_interleave(paths, dim=1)"), {}, "core-logic"),
    (("suggest_loguniform('lr', 1e-5, 1)", "suggest_float('lr', 1e-5, 1, log=True)"), {}, "data-contract"),
    (("suggest_loguniform('lr', 1e-5, 1)", "suggest_float('lr', 1e-5, 1, log=paths)"), {}, "core-logic"),
    (("fillna(method='ffill') + self.api.fillna(method='bfill')", "ffill() + self.api.bfill()"),
     {}, "data-contract"),
    (("fillna(method='ffill') + self.api.fillna(method='bfill')", "ffill() + self.api.pad()"),
     {}, "core-logic"),
    (("tan()", "atanh()"), {}, "core-logic"),
    # near miss: a method of Python's mappings for another (aiter #1316 lists `gfx_mapping.keys()`)
    (("values()", "keys()"), {}, "core-logic"),
], ids=["library-method-renamed", "arguments-change-with-it", "project-method", "same-method",
        "another-operation", "given-a-constant-besides", "given-a-value-besides", "one-for-each-way-told",
        "one-way-told-one-not", "one-math-function-for-another", "built-in-method-for-another"])
def test_a_call_of_another_method_no_module_of_the_project_defines_follows_a_library(
        tmp_path: Path, calls: tuple[str, str], others: dict[str, str], change_type: str) -> None:
    assert _tracker_change_type(tmp_path, calls, others) == change_type


_BOUND = "import torch\n\n\nclass Quantizer:\n    def bound(self, z, offset, half_l):\n" \
         "        shift = (offset / half_l).{call}\n        return (z + shift).tanh() * half_l\n"


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("tan()", "atanh()", "core-logic"),
    # near miss: a field read from what an expression gives, renamed
    ("real", "imag", "data-contract"),
], ids=["method-of-an-expression-swapped", "field-of-an-expression-renamed"])
def test_a_method_called_on_an_expression_is_not_a_field_renamed(tmp_path: Path, old: str, new: str,
                                                                  expected: str) -> None:
    facts = _facts_of_change(tmp_path, {"pkg/__init__.py": "", "pkg/fsq.py": _BOUND.format(call=old)},
                             {"pkg/fsq.py": _BOUND.format(call=new)})
    assert facts.files[0].change_type == expected


def test_a_message_called_by_its_right_name_follows_no_library(tmp_path: Path) -> None:
    base = {"pkg/__init__.py": "", "pkg/pick.py": _WARNING.format(call="warnning")}
    facts = _facts_of_change(tmp_path, base, {"pkg/pick.py": _WARNING.format(call="warning")})
    assert facts.files[0].change_type == "core-logic"


_GYM_ENV = ("import ray\n\n\n@ray.remote\nclass NemoGym:\n    def _spinup(self):\n        self.ready = True\n"
            "{kept}")
_DISTILLATION = ("import ray\n\nfrom nemo_rl.environments.utils import create_env\n\n\ndef main(config):\n"
                 "    nemo_gym = create_env(env_name='nemo_gym', env_config=config)\n"
                 "    ray.get(nemo_gym.{method}.remote())\n    return nemo_gym\n")


@pytest.mark.parametrize(("kept", "now", "expected"), [
    ("", "_spinup", "data-contract"),
    # near misses: the project still defines the method called before; the one called now it
    # defines nowhere either
    ("\n    def health_check(self):\n        return self.ready\n", "_spinup", "core-logic"),
    ("", "warm_up", "core-logic"),
], ids=["gone-method-for-own-one", "old-method-still-there", "new-method-defined-nowhere"])
def test_an_example_calling_a_method_the_project_defines_in_place_of_one_it_no_longer_does_follows_it(
        tmp_path: Path, kept: str, now: str, expected: str) -> None:
    """NeMo RL's distillation example waited on `nemo_gym.health_check.remote()` after the
    environment's actor had dropped `health_check`; it now waits on `_spinup`."""
    path = "examples/nemo_gym/run_distillation_nemo_gym.py"
    facts = _facts_of_change(
        tmp_path, {"nemo_rl/__init__.py": "", "nemo_rl/environments/__init__.py": "",
                   "nemo_rl/environments/nemo_gym.py": _GYM_ENV.format(kept=kept),
                   path: _DISTILLATION.format(method="health_check")},
        {path: _DISTILLATION.format(method=now)})
    assert next(file.change_type for file in facts.files if file.path == path) == expected


@pytest.mark.parametrize(("was", "project", "expected"), [
    ("warn", "", "data-contract"),
    ("warn", "def warning(message):\n    print(message)\n", "data-contract"),
    # near miss: a misspelt message mended
    ("warnning", "", "core-logic"),
], ids=["deprecated-alias", "alias-the-project-names-too", "typo"])
def test_a_message_called_by_the_name_a_deprecated_alias_stood_for_follows_the_library(
        tmp_path: Path, was: str, project: str, expected: str) -> None:
    """VILA's autoresume callback calls `logger.warning` in place of `logger.warn`, which
    Python 3.13 removed; whatever the project defines under that name."""
    base = {"pkg/__init__.py": "", "pkg/pick.py": _WARNING.format(call=was), "pkg/log.py": project}
    facts = _facts_of_change(tmp_path, base, {"pkg/pick.py": _WARNING.format(call="warning")})
    assert facts.files[0].change_type == expected


_HEX_COLUMNS = ("import numpy as np\n\n\nclass GPUFileIterator:\n"
                "    def _set_dtypes(self, chunk):\n"
                "        for col, dtype in self.dtypes.items():\n            if 'hex' in dtype:\n"
                "                chunk[col] = {converted}\n"
                "                chunk[col] = chunk[col].astype(np.int32)\n")


@pytest.mark.parametrize(("was", "now", "expected"), [
    ("chunk[col]._column.nvstrings.htoi()", "chunk[col].str.htoi()", "data-contract"),
    # near misses: another method; the method given more
    ("chunk[col]._column.nvstrings.htoi()", "chunk[col].str.hex_to_int()", "core-logic"),
    ("chunk[col]._column.nvstrings.htoi()", "chunk[col].str.htoi(chunk.base)", "core-logic"),
], ids=["public-path-to-the-method", "another-method", "given-more"])
def test_a_library_method_reached_publicly_in_place_of_through_private_attributes_follows_it(
        tmp_path: Path, was: str, now: str, expected: str) -> None:
    """NVTabular converts hex strings with cudf's `.str.htoi()` where it reached into
    `._column.nvstrings.htoi()`, cudf having dropped nvstrings."""
    base = {"nvt/__init__.py": "", "nvt/io.py": _HEX_COLUMNS.format(converted=was)}
    facts = _facts_of_change(tmp_path, base, {"nvt/io.py": _HEX_COLUMNS.format(converted=now)})
    assert facts.files[0].change_type == expected
