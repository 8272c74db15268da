"""Write docs/comparison.md: which fixture cases ruff, pyright and prdossier each flag.

    python docs/make_comparison.py        # needs ruff and pyright on PATH (pip install pyright)

Every case is a small package written to a temporary folder; each tool runs on it as a user
would run it, and the table lists what each reported. Missing-import diagnostics of pyright
are left out: they depend on what is installed where pyright runs, not on the code.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

OUTPUT = Path(__file__).parent / "comparison.md"
PYPROJECT = '[project]\nname = "pkg"\ndependencies = ["torch>=2.4"]\n'
IGNORED_PYRIGHT = {"reportMissingImports", "reportMissingModuleSource"}


@dataclass(frozen=True)
class Case:
    name: str
    what: str
    should_flag: bool
    files: dict[str, str]


CASES = [
    Case("unguarded platform import", "a CUDA-only kernel package imported at module level, "
         "reached from `import pkg`", True,
         {"pkg/__init__.py": "from pkg import layer\n",
          "pkg/layer.py": "from sgl_kernel import gemm\n\n\ndef run(x):\n    return gemm(x)\n"}),
    Case("import under a platform guard", "the same import under `if _is_cuda:`", False,
         {"pkg/__init__.py": "from pkg import layer\n",
          "pkg/layer.py": "_is_cuda = True\nif _is_cuda:\n    from sgl_kernel import gemm\n\n\n"
                          "def run(x):\n    return gemm(x)\n"}),
    Case("runtime import for annotations", "a JIT runtime imported at run time, used only in "
         "an annotation", True,
         {"pkg/__init__.py": "",
          "pkg/launch.py": "from __future__ import annotations\n\nimport tvm_ffi\n\n\n"
                           "def launch(module: tvm_ffi.Module) -> None:\n    return None\n"}),
    Case("import under TYPE_CHECKING", "the same import moved under `if TYPE_CHECKING:`", False,
         {"pkg/__init__.py": "",
          "pkg/launch.py": "from __future__ import annotations\n\nfrom typing import TYPE_CHECKING\n\n"
                           "if TYPE_CHECKING:\n    import tvm_ffi\n\n\n"
                           "def launch(module: tvm_ffi.Module) -> None:\n    return None\n"}),
    Case("renamed upstream symbol", "a module imports a name its sibling no longer defines; "
         "two modules depend on it", True,
         {"pkg/__init__.py": "", "pkg/layer.py": "class Block:\n    pass\n",
          "pkg/engine.py": "from pkg.layer import Layer\n",
          "pkg/api.py": "from pkg.engine import Layer\n",
          "pkg/cli.py": "from pkg import api\n"}),
    Case("attribute set on one path", "`self.fmt` assigned in `__init__` only when quantised, "
         "read in `forward`", True,
         {"pkg/__init__.py": "",
          "pkg/layer.py": "class Layer:\n    def __init__(self, quant):\n        if quant:\n"
                          "            self.fmt = 'fp8'\n\n    def forward(self, x):\n"
                          "        return (x, self.fmt)\n"}),
    Case("attribute with a default", "the same attribute assigned on both branches", False,
         {"pkg/__init__.py": "",
          "pkg/layer.py": "class Layer:\n    def __init__(self, quant):\n        if quant:\n"
                          "            self.fmt = 'fp8'\n        else:\n            self.fmt = None\n\n"
                          "    def forward(self, x):\n        return (x, self.fmt)\n"}),
    Case("duplicated backend code", "one helper copied into the CUDA and the NPU module", True,
         {"pkg/__init__.py": "",
          "pkg/cuda.py": "def pad(x):\n" + "".join(f"    x += {n}\n" for n in range(6)) + "    return x\n",
          "pkg/npu.py": "def pad(x):\n" + "".join(f"    x += {n}\n" for n in range(6)) + "    return x\n"}),
    Case("name from two locations", "`cdiv` imported from an old and a new upstream module", True,
         {"pkg/__init__.py": "", "pkg/a.py": "from vllm.utils.math_utils import cdiv\n",
          "pkg/b.py": "from vllm.utils.math_utils import cdiv\n",
          "pkg/c.py": "from vllm.utils import cdiv\n"}),
]


def run_ruff(root: Path) -> list[str]:
    done = subprocess.run(["ruff", "check", "--isolated", "--select", "TC,F401,F811,F821",
                           "--output-format", "json", str(root)], capture_output=True, text=True)
    return sorted({item["code"] for item in json.loads(done.stdout or "[]")})


def run_pyright(root: Path) -> list[str]:
    done = subprocess.run(["pyright", "--outputjson", str(root)], capture_output=True, text=True,
                          cwd=root)
    report = json.loads(done.stdout or "{}")
    return sorted({d.get("rule", d["severity"]) for d in report.get("generalDiagnostics", [])
                   if d.get("rule") not in IGNORED_PYRIGHT and d["severity"] != "information"})


def run_prdossier(root: Path) -> list[str]:
    done = subprocess.run([sys.executable, "-m", "prdossier", "check", str(root), "--format", "json",
                           "--jobs", "1"], capture_output=True, text=True)
    return sorted({f"{r['code']} {r['rule']}" for r in json.loads(done.stdout or "[]")})


def main() -> None:
    for tool in ("ruff", "pyright"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is not on PATH")
    rows = []
    for case in CASES:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            for path, text in {"pyproject.toml": PYPROJECT, **case.files}.items():
                (root / path).parent.mkdir(parents=True, exist_ok=True)
                (root / path).write_text(text, encoding="utf-8")
            found = [run_ruff(root), run_pyright(root), run_prdossier(root)]
        cells = [", ".join(f"`{c}`" for c in codes) or "–" for codes in found]
        rows.append(f"| {case.name} | {case.what} | {'yes' if case.should_flag else 'no'} | "
                    + " | ".join(cells) + " |")
    versions = subprocess.run(["ruff", "--version"], capture_output=True, text=True).stdout.strip()
    pyright = subprocess.run(["pyright", "--version"], capture_output=True, text=True).stdout.strip()
    OUTPUT.write_text("\n".join([
        "# prdossier, ruff and pyright on the same cases",
        "",
        "Generated by `python docs/make_comparison.py`; do not edit by hand. "
        f"Tools: {versions}; {pyright.splitlines()[-1] if pyright else 'pyright'}; prdossier check.",
        "",
        "ruff runs the flake8-type-checking rules (`TC`) and the pyflakes import rules; pyright runs "
        "its default checks, without its missing-import diagnostics (they depend on what is installed "
        "where it runs). A dash means the tool reported nothing.",
        "",
        "| case | what it is | should be flagged | ruff | pyright | prdossier |",
        "|---|---|---|---|---|---|",
        *rows,
        "",
    ]), encoding="utf-8")
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main()
