"""The main window as a board secretary uses it: what each panel says it shows."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import gui.qt  # noqa: E402, F401 - the shiboken6 work-round, before any Qt call
from tests import test_gui_window  # noqa: E402
from tests.conftest import make_plan  # noqa: E402

window = test_gui_window.window  # the fixture: the real window, shown and active


def test_the_results_panel_is_titled_for_what_it_shows_now(window, store):
    store.add_plan(make_plan())
    window.refresh_plan_list()
    window.show_owner_actions("Prison Directorate")
    assert window.results_dock.windowTitle() == "Open actions of Prison Directorate"

    bar = window.filter_bar
    bar.scope.setCurrentIndex(bar.scope.findData("all"))
    bar.words.setText("social care")
    bar.apply_now()

    assert window.results.rowCount() == 3
    assert window.results_dock.windowTitle() == "Found in all plans"
    assert window.results_dock.toggleViewAction().text() == "Found in all plans"
