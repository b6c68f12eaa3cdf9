"""The one version of the product.

pyproject.toml reads it from here (`[tool.setuptools.dynamic]`), so the package metadata, the
frozen build's version resource, `--version`, the About box, the PDF's metadata and the
workbook's properties all say the same, and `--version` needs no importlib.metadata (about
40 ms at every start).
"""

VERSION = "0.1.0"


def app_version() -> str:
    return VERSION
