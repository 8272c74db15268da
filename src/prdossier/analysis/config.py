"""Per-repository settings: `[tool.prdossier]` in the analysed pyproject.toml, or `--config`."""

from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path

from prdossier.errors import UserError


@dataclass(frozen=True)
class AnalysisConfig:
    """`modules` maps path patterns (fnmatch, first match wins) to readable module names."""

    modules: dict[str, str] = field(default_factory=dict)

    @property
    def digest(self) -> str:
        dumped = json.dumps(asdict(self), sort_keys=True).encode()
        return hashlib.blake2b(dumped, digest_size=8).hexdigest()


def config_from_pyproject(data: bytes | None, origin: str) -> AnalysisConfig:
    if data is None:
        return AnalysisConfig()
    try:
        table = tomllib.loads(data.decode("utf-8")).get("tool", {}).get("prdossier", {})
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UserError(f"{origin}: not valid TOML ({exc})") from None
    return _validated(table, origin)


def _validated(table: object, origin: str) -> AnalysisConfig:
    if not isinstance(table, dict):
        raise UserError(f"{origin}: [tool.prdossier] must be a table")
    unknown = sorted(set(table) - {"modules"})
    if unknown:
        raise UserError(f"{origin}: [tool.prdossier] has unknown keys: {', '.join(unknown)}")
    modules = table.get("modules", {})
    if not isinstance(modules, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in modules.items()):
        raise UserError(f"{origin}: [tool.prdossier] modules must map path patterns to names")
    return AnalysisConfig(modules=dict(modules))


def config_from_file(path: Path) -> AnalysisConfig:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"cannot read config file {path}: {exc.strerror}") from None
    return config_from_pyproject(data, str(path))
