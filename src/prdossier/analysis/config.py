"""Per-repository settings: `[tool.prdossier]` in the analysed pyproject.toml, or `--config`."""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path

from prdossier.errors import UserError


@dataclass(frozen=True)
class AnalysisConfig:
    """`modules` maps path patterns (fnmatch, first match wins) to readable module names.

    `platform_packages` adds import names to the built-in list of platform-specific packages;
    `platform_predicates` adds regular expressions to the built-in ones that recognise a
    platform condition in an `if` test. `signature_paths` are the site-packages folders whose
    installed dependencies give signatures (default: those of the Python running prdossier).
    """

    modules: dict[str, str] = field(default_factory=dict)
    platform_packages: list[str] = field(default_factory=list)
    platform_predicates: list[str] = field(default_factory=list)
    signature_paths: list[str] = field(default_factory=list)

    @property
    def digest(self) -> str:
        dumped = json.dumps(asdict(self), sort_keys=True).encode()
        return hashlib.blake2b(dumped, digest_size=8).hexdigest()


def config_from_pyproject(data: bytes | None, origin: str) -> AnalysisConfig:
    if data is None:
        return AnalysisConfig()
    try:
        table = tomllib.loads(data.decode("utf-8-sig")).get("tool", {}).get("prdossier", {})
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UserError(f"{origin}: not valid TOML ({exc})") from None
    return _validated(table, origin)


def _validated(table: object, origin: str) -> AnalysisConfig:
    if not isinstance(table, dict):
        raise UserError(f"{origin}: [tool.prdossier] must be a table")
    unknown = sorted(set(table) - {"modules", "platform-packages", "platform-predicates",
                                   "signature-paths"})
    if unknown:
        raise UserError(f"{origin}: [tool.prdossier] has unknown keys: {', '.join(unknown)}")
    modules = table.get("modules", {})
    if not isinstance(modules, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in modules.items()):
        raise UserError(f"{origin}: [tool.prdossier] modules must map path patterns to names")
    packages = _strings(table, "platform-packages", origin)
    predicates = _strings(table, "platform-predicates", origin)
    for pattern in predicates:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise UserError(f"{origin}: platform-predicates: {pattern!r} is not a regular "
                            f"expression ({exc})") from None
    return AnalysisConfig(modules=dict(modules), platform_packages=packages,
                          platform_predicates=predicates,
                          signature_paths=_strings(table, "signature-paths", origin))


def _strings(table: dict[str, object], key: str, origin: str) -> list[str]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise UserError(f"{origin}: [tool.prdossier] {key} must be a list of strings")
    return list(value)


def config_from_file(path: Path) -> AnalysisConfig:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"cannot read config file {path}: {exc.strerror}") from None
    return config_from_pyproject(data, str(path))
