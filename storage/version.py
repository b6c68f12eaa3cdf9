"""The one version of the product, from the package metadata (frozen builds carry it too)."""

from __future__ import annotations


def app_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("actionplans")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0+unknown"
