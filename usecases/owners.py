"""Owners across all plans: who owns how many open actions, and one owner's actions."""

from __future__ import annotations

from storage.queries import OwnerAction, actions_of_owner, owners

__all__ = ["OwnerAction", "actions_of_owner", "owners"]
