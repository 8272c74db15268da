"""attribute-access-defaulted: `obj.name` replaced by `getattr(obj, name, default)` or
guarded by `hasattr(obj, name)`.

What it recognises: in a function present before and after the change, a new
`getattr(obj, "name", default)` or `hasattr(obj, "name")` where the old function read
`obj.name` directly. A receiver that is an imported module is `api-capability-probe`.

Why it matters: the code now tolerates objects without the attribute (an older config, a
model without that field, another backend's class) and uses the default there.

Example: `self.quant_config.weight_block_size` became
`getattr(self.quant_config, "weight_block_size", None)`.
"""

from __future__ import annotations

from prdossier.analysis.idioms.context import IdiomContext
from prdossier.analysis.idioms.probes import probes_in, probing_lines, spans_any
from prdossier.analysis.models import Idiom
from prdossier.analysis.pysymbols import functions

NAME = "attribute-access-defaulted"
KIND = "file"


def recognize(context: IdiomContext) -> list[Idiom]:
    idioms = []
    for path, old, new in context.parsed_pairs():
        added = probing_lines(context.sides[path])
        if not added:
            continue
        assert new.tree is not None
        modules = new.imported_names
        for qualname, function in functions(new.tree).items():
            if not spans_any(function, added):
                continue
            now = probes_in(function)
            if not now.probes or (before := old.function(qualname)) is None:
                continue
            then = probes_in(before, {attr for _, attr in now.probes})
            for key, count in now.probes.items():
                receiver, attr = key
                if receiver in modules or count <= then.probes[key] or not then.reads[key]:
                    continue
                line = now.lines[key]
                idioms.append(Idiom(idiom=NAME, path=path, start_line=line, end_line=line,
                                    symbol=qualname,
                                    subject=f"{receiver}.{attr}"))
    return idioms
