"""Reports to text: Markdown (Jinja2 templates) and JSON (the contract)."""
