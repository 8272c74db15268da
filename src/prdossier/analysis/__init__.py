"""Facts about a change, computed statically: file classes, symbol diff, snippets, rules."""
