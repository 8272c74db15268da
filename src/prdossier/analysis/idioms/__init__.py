"""Change idioms: how a change altered the code, recognised in the syntax trees of both sides.

Each recognizer is one module with NAME, KIND, a docstring (what it recognises, why it
matters, an example) and `recognize(context) -> list[Idiom]`. KIND says what it reads: `file`
the syntax trees of one file's two sides, so it runs file by file while those trees exist;
`change` the parsed symbols and imports of every file of the change, without trees.
"""

from __future__ import annotations

from types import ModuleType

from prdossier.analysis.idioms import (
    adapter_wrapper,
    api_capability_probe,
    attribute_access_defaulted,
    decorator_added,
    decorator_removed,
    dependency_pin_changed,
    import_feature_probe,
    import_made_lazy,
    import_moved_to_type_checking,
    import_platform_guarded,
    import_version_guarded,
    module_split,
    platform_early_return,
    symbol_moved,
)
from prdossier.analysis.idioms.context import IdiomContext
from prdossier.analysis.models import Idiom
from prdossier.sources.models import Note

RECOGNIZERS: tuple[ModuleType, ...] = (
    import_moved_to_type_checking,
    import_platform_guarded,
    import_made_lazy,
    import_version_guarded,
    import_feature_probe,
    attribute_access_defaulted,
    api_capability_probe,
    platform_early_return,
    adapter_wrapper,
    module_split,
    symbol_moved,
    decorator_added,
    decorator_removed,
    dependency_pin_changed,
)


def recognize_idioms(context: IdiomContext, kinds: tuple[str, ...] = ("file", "change"),
                     ) -> tuple[list[Idiom], list[Note]]:
    """Every idiom the recognizers of these kinds find, and one warning per recognizer that
    failed."""
    idioms: list[Idiom] = []
    failures: list[Note] = []
    for recognizer in RECOGNIZERS:
        if recognizer.KIND not in kinds:
            continue
        try:
            idioms += recognizer.recognize(context)
        except Exception as exc:  # a defect in one recognizer is reported, never fatal
            failures.append(Note.failure("idiom-failed", exc, name=recognizer.NAME))
    return sorted(idioms, key=lambda i: (i.path, i.start_line, i.idiom)), failures


__all__ = ["RECOGNIZERS", "IdiomContext", "recognize_idioms"]
