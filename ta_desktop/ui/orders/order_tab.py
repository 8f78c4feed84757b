"""The one way a feature extends the order screen: it contributes ``OrderTab``s and
``OrderAction``s, made by a function listed in ``ui/orders/extensions.py``.

The screen tells each tab which order it shows; a tab or an action asks the screen for what it
needs through ``OrderScreen`` and writes through ``run_op``, whose change broadcast reloads the
screen. Nothing reaches into the screen's widgets.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import Enum
from typing import Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from ta_desktop.core.domain.entities import Action, Order, OrderEvent
from ta_desktop.core.domain.lifecycle import Check
from ta_desktop.core.services.workspace import Workspace
from ta_desktop.ui.operations import Operations


class OrderScreen(Protocol):
    """What an extension may ask of the order screen."""

    order: Order | None  # the order shown: unsaved when its id is None

    def can_leave(self) -> bool:
        """Settle unsaved edits (save or discard, as the user says); False to stay."""
        ...

    def show_tab(self, tab: QWidget) -> None: ...

    def show_history(self, event: OrderEvent) -> None:
        """Bring the History tab forward with ``event`` selected."""
        ...


class Placement(Enum):
    CONTRACT = "contract"  # next to the Contract tab: part of what is saved with the order
    TAB = "tab"  # after the order's own tabs
    ABOVE_TABS = "above tabs"  # above the tabs, for every order (the order timeline)


class OrderTab(QWidget):
    """A tab of the order screen (or a panel above its tabs, by ``placement``).

    ``set_order`` shows the screen's order (None: no order). A tab that edits part of the order
    emits ``changed`` when the user edits it, so the screen offers Save; copies its edits into
    the order in ``apply_to`` before the screen saves it; and may rename itself with
    ``title_changed`` (e.g. to show a score).
    """

    changed = Signal()
    title_changed = Signal(str)
    placement = Placement.TAB
    title = ""  # set by each tab, translated

    def set_order(self, order: Order | None) -> None:
        raise NotImplementedError

    def apply_to(self, order: Order) -> None:
        """Most tabs edit nothing of the order itself."""


class LazyTab(OrderTab):
    """Stands on the order screen for a tab of class ``kind`` until the user first selects it
    (or something asks the screen for it), then ``make`` builds the tab and the screen puts it
    in this one's place: an order opens without building the tabs nobody looks at. ``title``
    is the tab's own title (translated in the tab's context)."""

    def __init__(self, kind: type[OrderTab], make: Callable[[], OrderTab], title: str):
        super().__init__()
        self.kind = kind
        self.placement = kind.placement
        self.title = title
        self.order: Order | None = None  # what the tab shows once built
        self._make = make
        self._tab: OrderTab | None = None

    def set_order(self, order: Order | None) -> None:
        self.order = order

    def tab(self) -> OrderTab:
        """The tab itself, built on the first call."""
        if self._tab is None:
            self._tab = self._make()
        return self._tab


class OrderAction(QAction):
    """A button of the order screen. Without ``step``: on the document toolbar, enabled while
    a saved order is shown (Print…). With ``step``: that lifecycle button runs this instead of
    the order service; the rules still decide when the button is enabled, and ``check`` too
    when given."""

    def __init__(self, text: str, run: Callable[[], object], parent: QObject | None = None, *,
                 step: Action | None = None, check: Callable[[], Check] | None = None):
        super().__init__(text, parent)
        self.run = run  # returns whether it did something, for OrderDetailWidget.perform
        self.step = step
        # Whether the step may run now, when the order's own rules are not the whole story
        # (a dispute step also follows the dispute's clocks), so the button is never enabled
        # for something that would be refused after its dialog.
        self.check = check
        self.triggered.connect(lambda _checked=False: self.run())


# What ``extensions.py`` lists: made once per order screen.
OrderExtension = Callable[[OrderScreen, Workspace, Operations], Iterable[OrderTab | OrderAction]]
