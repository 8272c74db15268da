"""Per-repository settings: `[tool.prdossier]` in the analysed pyproject.toml, or `--config`."""

from __future__ import annotations

import hashlib
import json
import tomllib
from pathlib import Path

from pydantic import BaseModel, ValidationError

from prdossier.errors import UserError


class AnalysisConfig(BaseModel, extra="forbid"):
    """`modules` maps path patterns (fnmatch, first match wins) to readable module names."""

    modules: dict[str, str] = {}

    @property
    def digest(self) -> str:
        dumped = json.dumps(self.model_dump(), sort_keys=True).encode()
        return hashlib.blake2b(dumped, digest_size=8).hexdigest()


def config_from_pyproject(data: bytes | None, origin: str) -> AnalysisConfig:
    if data is None:
        return AnalysisConfig()
    try:
        table = tomllib.loads(data.decode("utf-8")).get("tool", {}).get("prdossier", {})
        return AnalysisConfig.model_validate(table)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UserError(f"{origin}: not valid TOML ({exc})") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise UserError(f"{origin}: [tool.prdossier] {where}: {first['msg']}") from None


def config_from_file(path: Path) -> AnalysisConfig:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"cannot read config file {path}: {exc.strerror}") from None
    return config_from_pyproject(data, str(path))
