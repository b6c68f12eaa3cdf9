"""The one error type that every layer raises for input a person must fix."""


class BadInput(Exception):
    """Input that cannot be used as it is.

    The message is one plain sentence naming the file (and sheet and row where there is one);
    the command line prints it and exits 2, the window shows it in a dialog. Raising it must
    leave the database as it was, so raise it before writing or inside a transaction.
    """
