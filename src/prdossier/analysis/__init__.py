"""Facts about a change, computed statically: file classes, symbol diff, snippets, rules."""

# Bump when the facts computed for the same change would differ: stored facts and reports
# carry it in their keys and are recomputed.
ANALYZER_VERSION = "189"
