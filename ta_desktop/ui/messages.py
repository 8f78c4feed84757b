"""Every dialog that asks or tells, in one replaceable object, so logic is testable without
pop-ups: tests swap in ``ScriptedMessages`` with the answers a user would give."""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import QMessageBox, QWidget


class Choice(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class Messages:
    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        answer = QMessageBox.question(parent, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def save_discard_cancel(self, parent: QWidget | None, title: str, text: str) -> Choice:
        buttons = (QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                   | QMessageBox.StandardButton.Cancel)
        answer = QMessageBox.warning(parent, title, text, buttons, QMessageBox.StandardButton.Save)
        return {
            QMessageBox.StandardButton.Save: Choice.SAVE,
            QMessageBox.StandardButton.Discard: Choice.DISCARD,
        }.get(answer, Choice.CANCEL)

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.warning(parent, title, text)

    def settle_unsaved(self, parent: QWidget | None, what: str, save) -> bool:
        """Ask what to do with unsaved changes to ``what``; True when it is safe to move on
        (they were saved, or the user chose to discard them)."""
        choice = self.save_discard_cancel(
            parent, f"Unsaved {what}", f"The {what} has changes that are not saved.")
        if choice == Choice.SAVE:
            return save()
        return choice == Choice.DISCARD

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    def choose(self, parent: QWidget | None, title: str, text: str,
               options: list[str]) -> int | None:
        """Ask the user to pick one of ``options`` (buttons, in order); its index, or None
        when the dialog was closed without a choice."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text,
                          QMessageBox.StandardButton.NoButton, parent)
        buttons = [box.addButton(option, QMessageBox.ButtonRole.AcceptRole) for option in options]
        box.exec()
        clicked = box.clickedButton()
        return buttons.index(clicked) if clicked in buttons else None

    def reload_or_keep(self, parent: QWidget | None, title: str, text: str,
                       theirs: str = "") -> bool:
        """What was being edited was saved in another window meanwhile (``text`` says which and
        by whom; ``theirs`` what they changed): True when the user chooses to reload it,
        discarding their edits; False (the default) keeps what they typed on screen."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
        if theirs:
            box.setInformativeText(theirs)
        reload = box.addButton("Reload", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(box.addButton("Keep my changes", QMessageBox.ButtonRole.RejectRole))
        box.exec()
        return box.clickedButton() is reload


class ScriptedMessages(Messages):
    """A test double: answers from a script, remembers what was shown."""

    def __init__(self, confirm: bool = True, choice: Choice = Choice.DISCARD,
                 reload: bool = False, option: int | None = 0):
        self.answer_confirm = confirm
        self.answer_choice = choice
        self.answer_reload = reload
        self.answer_option = option
        self.shown: list[tuple[str, str, str]] = []
        self.theirs: list[str] = []  # what each conflict said the colleague changed

    def confirm(self, parent, title, text) -> bool:
        self.shown.append(("confirm", title, text))
        return self.answer_confirm

    def save_discard_cancel(self, parent, title, text) -> Choice:
        self.shown.append(("choice", title, text))
        return self.answer_choice

    def error(self, parent, title, text) -> None:
        self.shown.append(("error", title, text))

    def info(self, parent, title, text) -> None:
        self.shown.append(("info", title, text))

    def choose(self, parent, title, text, options) -> int | None:
        self.shown.append(("choose", title, text))
        self.options = list(options)
        return self.answer_option

    def reload_or_keep(self, parent, title, text, theirs="") -> bool:
        self.shown.append(("reload_or_keep", title, text))
        self.theirs.append(theirs)
        return self.answer_reload
